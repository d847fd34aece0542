// FFmpeg ;FFMETADATA1 chapter files, and the list written back in every chapter format.
#include "fuzz_chapters.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view content = talkdex::fuzz::text_of(data, size);
  talkdex::fuzz::detect("talk.ffmetadata", content);
  auto list = talkdex::parse_ffmetadata(content, "talk.ffmetadata");
  if (list) talkdex::fuzz::write_every_format(list->items);
  return 0;
}
