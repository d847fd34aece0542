// WebVTT: a transcript (cues, their markup stripped, grouped into passages as the index reads them,
// word timings included) and a chapter list (NAME.chapters.vtt), as import tells one from the other.
#include "fuzz_support.h"
#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/indexer/import/input_kind.h"
#include "talkdex/indexer/transcripts/subtitles.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view content = talkdex::fuzz::text_of(data, size);
  talkdex::fuzz::detect("talk.vtt", content);
  (void)talkdex::looks_like_chapter_vtt(content);
  std::vector<std::string> warnings;
  auto cues = talkdex::parse_webvtt(content, "talk.vtt", &warnings);
  if (cues) {
    for (const auto& cue : *cues) (void)talkdex::strip_cue_markup(cue.text);
    (void)talkdex::group_passages(*cues);
  }
  auto chapters = talkdex::parse_chapters_vtt(content, "talk.chapters.vtt");
  if (chapters) (void)talkdex::write_chapters(chapters->items, talkdex::ChapterFormat::Vtt);
  return 0;
}
