// YouTube's rolled-up automatic captions, read by the indexer and searched with said:: every word is in
// the passages once, and a hit opens the recording within a second of the word, not at the passage's start.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <sstream>

#include "talkdex/archive.h"
#include "talkdex/search.h"
#include "talkdex/store.h"
#include "talkdex/indexer/transcripts/subtitles.h"
#include "talkdex/text.h"
#include "temp_archive.h"
#include "test_support.h"

using namespace talkdex;

namespace {

const char* const kWords[] = {"heron", "marsh", "delta", "sediment", "willow", "otter", "reed", "estuary",
                              "tide", "plover", "lagoon", "silt", "brackish", "kingfisher", "mudflat", "salinity",
                              "meander", "oxbow", "floodplain", "alder", "bittern", "curlew", "dunlin", "egret",
                              "samphire", "spartina", "lugworm", "shelduck", "avocet", "godwit", "redshank",
                              "saltmarsh", "creek", "levee", "channel", "current", "eddy", "shoal", "spit", "dune"};
constexpr double kWordGap = 1.7;  // seconds between words
constexpr int kPerLine = 4;

double word_time(int i) { return 2.0 + i * kWordGap; }

std::string stamp(double t) {
  long long ms = std::llround(t * 1000);
  return fmt::format("{:02}:{:02}:{:02}.{:03}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

// Each cue: the line before it again, then the new line with each word's time after the first; then a
// 10 ms cue showing the finished line alone (as YouTube writes them).
std::string rolled_up_vtt() {
  std::string out = "WEBVTT\nKind: captions\nLanguage: en\n\n";
  std::string previous;
  int n = static_cast<int>(std::size(kWords));
  for (int first = 0; first < n; first += kPerLine) {
    double start = word_time(first), end = word_time(std::min(first + kPerLine, n)) - 0.01;
    std::string line = kWords[first], plain = kWords[first];
    for (int i = first + 1; i < std::min(first + kPerLine, n); ++i) {
      line += fmt::format("<{}><c> {}</c>", stamp(word_time(i)), kWords[i]);
      plain += std::string(" ") + kWords[i];
    }
    out += fmt::format("{} --> {} align:start position:0%\n{}\n{}\n\n", stamp(start), stamp(end),
                       previous.empty() ? " " : previous, line);
    out += fmt::format("{} --> {} align:start position:0%\n{}\n \n\n", stamp(end), stamp(end + 0.01), plain);
    previous = plain;
  }
  return out;
}

}  // namespace

TEST_CASE("said: on rolled-up word-timed captions finds each word once and jumps within 1 s of it") {
  auto cues = parse_webvtt(rolled_up_vtt(), "talk.en.vtt");
  REQUIRE(cues.ok());
  std::vector<TranscriptPassage> passages;
  for (auto& p : group_passages(*cues, 30)) passages.push_back({p.start, p.end, p.text, p.word_starts});
  REQUIRE(passages.size() >= 2);  // 68 s of speech

  std::map<std::string, int> seen;
  for (const auto& p : passages) {
    std::istringstream in(p.text);
    for (std::string w; in >> w;) ++seen[w];
  }
  REQUIRE(seen.size() == std::size(kWords));
  // No structured binding: CHECK_MESSAGE's lambda cannot capture one with clang 14.
  for (const auto& w_count : seen)
    CHECK_MESSAGE(w_count.second == 1, w_count.first << " is in the passages " << w_count.second << " times");

  test::TempArchive fixture;
  Archive& archive = fixture.archive;
  Store& store = fixture.store;
  Schedule s = test::schedule_of("ev", "Wetlands");
  TalkInfo t = test::talk_info("youtube:abc", "Coastal wetlands");
  s.talks = {t};
  RecordingInfo r;
  r.uri = "/media/wetlands.mp4";
  r.talk_key = "youtube:abc";
  s.recordings = {r};
  SourceRecord src;
  src.uri = "/wetlands";
  src.kind = "test";
  store.import_schedule(src, s);
  std::int64_t recording = store.recording_by_uri("/media/wetlands.mp4")->id;
  store.replace_passages(recording, "en", passages);
  REQUIRE(store.passages_for_recording(recording)[1].passage.word_starts == passages[1].word_starts);
  archive.rebuild(store);

  Searcher searcher(archive.search_databases());
  int far_from_passage_start = 0;
  for (int i = 0; i < static_cast<int>(std::size(kWords)); ++i) {
    SearchOptions o;
    o.query = std::string("said:") + kWords[i];
    auto hits = searcher.search(o).value().hits;
    REQUIRE_MESSAGE(hits.size() == 1, kWords[i]);
    REQUIRE(hits[0].offset);
    CHECK_MESSAGE(std::abs(*hits[0].offset - word_time(i)) <= 1.0, kWords[i] << " at " << word_time(i) << " s, hit at " << *hits[0].offset);
    CHECK(hits[0].link == fmt::format("/media/wetlands.mp4#t={}", static_cast<int>(*hits[0].offset)));
    bool passage_start = false;
    for (const auto& p : passages) passage_start = passage_start || std::abs(p.start - word_time(i)) <= 1.0;
    far_from_passage_start += !passage_start;
  }
  CHECK(far_from_passage_start > 30);  // most words are far from their passage's start: the jump is the word's
}
