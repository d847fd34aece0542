#include "libav.h"
#include "talkdex/indexer/media/media.h"

namespace talkdex {

void silence_media_logs() { av_log_set_level(AV_LOG_QUIET); }

}  // namespace talkdex
