// YouTube description lines ("00:00 Intro", "[12:34] Title", old HTML descriptions), without a known
// duration and with one (as when NAME.description comes beside a probed recording).
#include "fuzz_support.h"
#include "talkdex/indexer/chapters/chapters.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view content = talkdex::fuzz::text_of(data, size);
  talkdex::fuzz::detect("talk.description", content);
  (void)talkdex::parse_youtube_description(content, "talk.description");
  auto list = talkdex::parse_youtube_description(content, "talk.description", 3600.0);
  if (list) (void)talkdex::write_chapters(list->items, talkdex::ChapterFormat::Youtube, 3600.0);
  return 0;
}
