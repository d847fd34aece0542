// Subtitles of ../shared/corpus: vtt.js's WebVTT conformance pairs and pysrt's SubRip files of every
// encoding.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "corpus.h"
#include "talkdex/indexer/transcripts/subtitles.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::corpus_file;
using talkdex::test::any_contains;
using talkdex::test::contains;
using talkdex::test::read_file;

namespace {

// Compares a parse with the expected JSON of the conformance suite; empty when they agree.
std::string compare_with_expected(const Result<std::vector<Cue>>& got, const nlohmann::json& expected) {
  const auto& cues = expected.at("cues");
  if (!got.ok()) {
    return cues.empty() ? std::string() : "parse failed: " + got.failure().message();
  }
  if (got->size() != cues.size())
    return "expected " + std::to_string(cues.size()) + " cues, got " + std::to_string(got->size());
  for (size_t i = 0; i < cues.size(); ++i) {
    const Cue& cue = (*got)[i];
    const auto& want = cues[i];
    std::string where = "cue " + std::to_string(i) + ": ";
    if (cue.id != want.at("id").get<std::string>()) return where + "id \"" + cue.id + "\"";
    if (std::abs(cue.start - want.at("startTime").get<double>()) > 1e-6) return where + "start " + std::to_string(cue.start);
    if (std::abs(cue.end - want.at("endTime").get<double>()) > 1e-6) return where + "end " + std::to_string(cue.end);
    if (cue.text != want.at("text").get<std::string>()) return where + "text \"" + cue.text + "\"";
  }
  return {};
}

}  // namespace

TEST_CASE("webvtt: every pair of the vtt.js conformance suite parses to its expected cues") {
  auto dir = corpus_file("subtitles/webvtt/pairs.tsv").parent_path();
  std::istringstream pairs(read_file(dir / "pairs.tsv"));
  std::string line;
  int total = 0, passed = 0;
  while (std::getline(pairs, line)) {
    if (line.empty()) continue;
    auto tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
    REQUIRE(tab1 != std::string::npos);
    std::string vtt = line.substr(0, tab1), json = line.substr(tab1 + 1, tab2 - tab1 - 1);
    ++total;
    auto got = parse_webvtt(read_file(dir / vtt), vtt);
    std::string diff = compare_with_expected(got, nlohmann::json::parse(read_file(dir / json)));
    INFO(vtt << " vs " << json << ": " << diff);
    CHECK(diff.empty());
    if (diff.empty()) ++passed;
  }
  MESSAGE("WebVTT conformance: " << passed << " of " << total << " pairs pass");
  CHECK(total == 264);
  CHECK(passed == total);
}

TEST_CASE("webvtt: a bad signature fails the file, naming it and the line") {
  for (const char* name : {"file-layout/garbage-signature.vtt", "file-layout/bad-double-webvtt.vtt",
                           "file-layout/newline-before-webvtt.vtt", "file-layout/tab-after-bom-before-header.vtt",
                           "file-layout/blank-file.vtt", "file-layout/blank-file-with-bom.vtt"}) {
    auto got = parse_webvtt(read_file(corpus_file(std::string("subtitles/webvtt/") + name)), name);
    INFO(name);
    REQUIRE_FALSE(got.ok());
    CHECK(got.failure().item == name);
    CHECK(contains(got.failure().reason, "line 1"));
  }
  CHECK(parse_webvtt("WEBVTT", "bare.vtt").ok());  // the signature alone is a valid, empty file
}

TEST_CASE("srt: every file of the corpus gives its expected number of cues") {
  struct Expect {
    const char* file;
    size_t cues;
  };
  for (Expect e : {Expect{"utf-8.srt", 1332}, Expect{"windows-1252.srt", 1332}, Expect{"bom-utf-8.srt", 7},
                   Expect{"bom-utf-16-le.srt", 7}, Expect{"bom-utf-16-be.srt", 7}, Expect{"bom-utf-32-le.srt", 7},
                   Expect{"bom-utf-32-be.srt", 7}, Expect{"capability_tester.srt", 37}, Expect{"no-indexes.srt", 7}}) {
    INFO(e.file);
    auto cues = parse_srt(read_file(corpus_file(std::string("subtitles/srt/") + e.file)), e.file, true);
    REQUIRE(cues.ok());
    CHECK(cues->size() == e.cues);
    if (std::string(e.file).rfind("bom-", 0) == 0) {
      CHECK(cues->front().id == "1");
      CHECK(cues->front().start == doctest::Approx(6.5));
      CHECK(cues->front().end == doctest::Approx(9.0));
      CHECK(cues->front().text == "About 2 months ago I found myself on\nthe comment section of YouTube");
    }
  }
}

TEST_CASE("srt: the corpus's empty.srt holds seven cues, two of them with no text") {
  // The corpus README says 0 for this file, but it holds seven numbered cues (3 and 4 without text), and
  // pysrt, its source, reads seven; pysrt's empty-file test reads /dev/null. A file with no bytes is
  // the empty case.
  auto cues = parse_srt(read_file(corpus_file("subtitles/srt/empty.srt")), "empty.srt", true);
  REQUIRE(cues.ok());
  REQUIRE(cues->size() == 7);
  CHECK((*cues)[2].text.empty());
  CHECK((*cues)[3].text.empty());
  CHECK((*cues)[4].id == "5");
  auto none = parse_srt("", "zero.srt", true);
  REQUIRE(none.ok());
  CHECK(none->empty());
  auto blank = parse_srt("\n\n\r\n  \n", "blank.srt", true);
  REQUIRE(blank.ok());
  CHECK(blank->empty());
}

TEST_CASE("srt: windows-1252 and UTF-8 copies of a file read to the same text") {
  auto utf8 = parse_srt(read_file(corpus_file("subtitles/srt/utf-8.srt")), "utf-8.srt");
  auto cp1252 = parse_srt(read_file(corpus_file("subtitles/srt/windows-1252.srt")), "windows-1252.srt");
  REQUIRE(utf8.ok());
  REQUIRE(cp1252.ok());
  REQUIRE(utf8->size() == cp1252->size());
  for (size_t i = 0; i < utf8->size(); ++i) {
    INFO("cue " << i);
    CHECK((*utf8)[i].text == (*cp1252)[i].text);
    CHECK((*utf8)[i].start == (*cp1252)[i].start);
  }
  CHECK((*utf8)[1].text.find("\xC3\x89V\xC3\x89NEMENTS") != std::string::npos);  // ÉVÉNEMENTS
}

TEST_CASE("srt: invalid.srt fails a strict parse naming the line, and is skipped otherwise") {
  std::string bytes = read_file(corpus_file("subtitles/srt/invalid.srt"));
  auto strict = parse_srt(bytes, "invalid.srt", true);
  REQUIRE_FALSE(strict.ok());
  CHECK(strict.failure().item == "invalid.srt");
  CHECK(contains(strict.failure().reason, "line 2"));
  CHECK(contains(strict.failure().reason, "00:00:01 --> 00:00:10"));
  std::vector<std::string> warnings;
  auto lenient = parse_srt(bytes, "invalid.srt", false, &warnings);
  REQUIRE(lenient.ok());
  CHECK(lenient->empty());
  CHECK(any_contains(warnings, "invalid.srt: line 2: malformed timing line"));
}
