// probe_recording() over bytes in memory, for the media prober's fuzz target (tests/fuzz/fuzz_media_probe).
//
// The same path as a local file takes after it is opened: format probe on a HeadCachedIO, the refused
// demuxers of media_input.h, a demuxer that may open nothing else, headers read, stream parameters read
// when the headers leave them unknown, and the same ProbeResult. Private to the indexer and its tests.
#pragma once

#include <string>
#include <string_view>

#include "talkdex/error.h"
#include "talkdex/indexer/media/media.h"

namespace talkdex::media_detail {

Result<ProbeResult> probe_memory(std::string_view bytes, const std::string& name, const ProbeOptions& options = {});

}  // namespace talkdex::media_detail
