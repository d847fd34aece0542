// SubRip, through every path of its text decoder: UTF-8 with and without a byte-order mark, UTF-16 and
// UTF-32 LE/BE by their marks, and windows-1252 (Latin-1) for bytes that are not UTF-8. The fuzzer
// reaches each by the first bytes (the dictionary holds the marks, the seeds one file per encoding).
// Read leniently (what import does) and strictly, then grouped into passages.
#include "fuzz_support.h"
#include "talkdex/indexer/transcripts/subtitles.h"
#include "transcripts/text_decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view content = talkdex::fuzz::text_of(data, size);
  talkdex::fuzz::detect("talk.srt", content);
  (void)talkdex::decode_text(content);
  std::vector<std::string> warnings;
  auto cues = talkdex::parse_srt(content, "talk.srt", false, &warnings);
  if (cues) {
    for (const auto& cue : *cues) (void)talkdex::strip_cue_markup(cue.text);
    (void)talkdex::group_passages(*cues);
  }
  (void)talkdex::parse_srt(content, "talk.srt", true);
  return 0;
}
