// talkdex's chapter JSON ({"chapters": [...]}, a bare array, youtube-dl's start_time/end_time), and the
// list written back in every chapter format.
#include "fuzz_chapters.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view content = talkdex::fuzz::text_of(data, size);
  talkdex::fuzz::detect("talk.chapters.json", content);
  auto list = talkdex::parse_chapters_json(content, "talk.chapters.json");
  if (list) talkdex::fuzz::write_every_format(list->items);
  return 0;
}
