// talkdex's chapter JSON ({"chapters": [...]}, a bare array, youtube-dl's start_time/end_time), and the
// list written back in every chapter format.
#include "fuzz_support.h"
#include "talkdex/indexer/chapters/chapters.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view content = talkdex::fuzz::text_of(data, size);
  talkdex::fuzz::detect("talk.chapters.json", content);
  auto list = talkdex::parse_chapters_json(content, "talk.chapters.json");
  if (list) {
    for (auto format : {talkdex::ChapterFormat::Vtt, talkdex::ChapterFormat::FfMetadata,
                        talkdex::ChapterFormat::Youtube, talkdex::ChapterFormat::Json})
      (void)talkdex::write_chapters(list->items, format);
  }
  return 0;
}
