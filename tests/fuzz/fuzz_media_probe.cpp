// The media prober: probe_recording's path from the format probe on, over the input in memory through
// a custom AVIOContext (media_detail::MemoryIO), with the same refused demuxers, the same demuxer that
// may open nothing else, and the same ProbeResult as a local file.
#include "fuzz_support.h"
#include "probe_memory.h"
#include "talkdex/indexer/media/media.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  talkdex::silence_media_logs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view content = talkdex::fuzz::text_of(data, size);
  talkdex::fuzz::detect("recording", content);
  talkdex::ProbeOptions options;
  options.timeout_seconds = 5;  // the prober's own deadline, under libFuzzer's -timeout
  auto probed = talkdex::media_detail::probe_memory(content, "recording", options);
  if (probed) (void)probed->to_json();
  return 0;
}
