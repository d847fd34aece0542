// The entry point of talkdex-media.so: the media functions as one table (see media_module_api.h).
// Built with hidden visibility and --exclude-libs, so this is the one symbol the module exports.
#include "media_module_api.h"

extern "C" __attribute__((visibility("default"))) const talkdex::media_module::MediaApi* talkdex_media_module_v1() {
  using namespace talkdex;
  static const media_module::MediaApi api{
      media_module::kMediaModuleAbi,
      media_module::layout_fingerprint(),
      &silence_media_logs,
      &probe_recording,
      &clip_recording,
      &read_embedded_subtitles,
      &detect_slides,
      &ocr_available,
      &ocr_description,
  };
  return &api;
}
