// Transcripts: WebVTT conformance (vtt.js's suite), SubRip files of every encoding, passages.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "talkdex/subtitles.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::corpus_file;
using talkdex::test::read_file;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

bool any_contains(const std::vector<std::string>& lines, const std::string& needle) {
  for (const auto& l : lines)
    if (contains(l, needle)) return true;
  return false;
}

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

TEST_CASE("webvtt: line terminators, settings, NOTE/STYLE/REGION blocks and bad timestamps") {
  std::string crlf = "WEBVTT - title\r\nKind: captions\r\n\r\nSTYLE\r\n::cue { color: red }\r\n\r\n"
                     "REGION\r\nid:r1 width:40%\r\n\r\nNOTE a comment\r\n\r\n"
                     "intro\r\n00:01.000 --> 00:04.500 align:start line:0 region:r1\r\n<v Ann>Hello &amp; welcome\r\n\r\n"
                     "00:00:05.000 --> 00:00:07.000\rCR only\r\rbroken\r00:08.000 -> 00:09.000\rlost\r\r"
                     "01:00:00.000 --> 01:00:02.000\nlast";
  std::vector<std::string> warnings;
  auto cues = parse_webvtt(crlf, "mixed.vtt", &warnings);
  REQUIRE(cues.ok());
  REQUIRE(cues->size() == 3);
  CHECK((*cues)[0].id == "intro");
  CHECK((*cues)[0].start == doctest::Approx(1.0));
  CHECK((*cues)[0].end == doctest::Approx(4.5));
  CHECK((*cues)[0].text == "<v Ann>Hello &amp; welcome");
  CHECK((*cues)[0].settings.at("align") == "start");
  CHECK((*cues)[0].settings.at("line") == "0");
  CHECK((*cues)[0].settings.at("region") == "r1");
  CHECK((*cues)[1].text == "CR only");
  CHECK((*cues)[2].start == doctest::Approx(3600.0));
  CHECK((*cues)[2].text == "last");
  // The cue with "->" is skipped, and the warning names its line (line 20, counting CR line ends).
  REQUIRE(warnings.size() == 1);
  CHECK(contains(warnings[0], "mixed.vtt: line 20"));
  CHECK(contains(warnings[0], "00:08.000 -> 00:09.000"));
}

TEST_CASE("webvtt: cue markup stripped to plain words") {
  CHECK(strip_cue_markup("<v Neil deGrasse Tyson><i>Laughs</i> &amp; <c.loud>more</c>&nbsp;<00:01.500>here") ==
        "Laughs & more here");
  CHECK(strip_cue_markup("{\\an8}<font color=\"red\">Top</font>\n2<3,5>1 &lt;b&gt; &#233;&#x41;") == "Top\n2<3,5>1 <b> éA");
  CHECK(strip_cue_markup("AT&T; Tom & Jerry") == "AT&T; Tom & Jerry");
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

TEST_CASE("srt: separators, missing indexes, blank lines in text, coordinates and UTF-16 by its BOM") {
  std::string text =
      "1\r\n00:00:01.250 --> 00:00:02,5\r\nfirst\r\n\r\n"
      "00:00:03,000 --> 00:00:04,000  X1:100 X2:600\r\n<i>second</i>\r\n\r\nstill second\r\n"
      "3\r\n00:00:05,000 --> 00:00:06,000\r\nthird, no blank line before it\r\n"
      "00:00:07,000 --> 00:00:08,000\r\nfourth\r\n";
  auto cues = parse_srt(text, "mixed.srt", true);
  REQUIRE(cues.ok());
  REQUIRE(cues->size() == 4);
  CHECK((*cues)[0].id == "1");
  CHECK((*cues)[0].start == doctest::Approx(1.25));
  CHECK((*cues)[0].end == doctest::Approx(2.5));
  CHECK((*cues)[1].id.empty());
  CHECK((*cues)[1].text == "<i>second</i>\n\nstill second");
  CHECK((*cues)[1].settings.at("X2") == "600");
  CHECK((*cues)[2].id == "3");
  CHECK((*cues)[3].text == "fourth");

  // The same text as UTF-16 BE with a BOM, built here byte by byte.
  std::string utf16 = "\xFE\xFF";
  for (char c : std::string("1\n00:00:01,000 --> 00:00:02,000\nCaf\xC3\xA9\n")) {
    if (static_cast<unsigned char>(c) == 0xC3) continue;
    unsigned char u = static_cast<unsigned char>(c) == 0xA9 ? 0xE9 : static_cast<unsigned char>(c);
    utf16 += '\0';
    utf16 += static_cast<char>(u);
  }
  auto wide = parse_srt(utf16, "wide.srt", true);
  REQUIRE(wide.ok());
  REQUIRE(wide->size() == 1);
  CHECK(wide->front().text == "Caf\xC3\xA9");

  auto stray = parse_srt("hello\n\n1\n00:00:01,000 --> 00:00:02,000\nx\n", "stray.srt", true);
  REQUIRE_FALSE(stray.ok());
  CHECK(contains(stray.failure().reason, "line 1"));
}

TEST_CASE("passages: cues grouped into about 30 seconds, markup stripped, rolling lines kept once") {
  std::vector<Cue> cues;
  // Roll-up captions: every cue repeats the line before it.
  std::vector<std::string> lines = {"welcome to the talk", "today we look at", "<c.x>search engines</c> and",
                                    "how they rank &amp; index.", "the first part", "covers tokenizing"};
  for (size_t i = 0; i < lines.size(); ++i) {
    Cue c;
    c.start = static_cast<double>(i) * 8;
    c.end = c.start + 8;
    c.text = (i ? lines[i - 1] + "\n" : std::string()) + lines[i];
    cues.push_back(c);
  }
  Cue silence_after;
  silence_after.start = 200;
  silence_after.end = 203;
  silence_after.text = "<v Q>A question from the room?";
  cues.push_back(silence_after);

  auto passages = group_passages(cues, 30);
  REQUIRE(passages.size() == 3);
  // 0..32 s spans the target; the passage closes there.
  CHECK(passages[0].start == 0);
  CHECK(passages[0].end == 32);
  CHECK(passages[0].text == "welcome to the talk today we look at search engines and how they rank & index.");
  CHECK(passages[1].start == 32);
  CHECK(passages[1].text == "the first part covers tokenizing");
  CHECK(passages[2].start == 200);
  CHECK(passages[2].text == "A question from the room?");

  // A sentence end after half the target closes a passage early.
  std::vector<Cue> sentences = {{"", 0, 10, "One sentence here.", {}}, {"", 10, 16, "Done now.", {}},
                                {"", 16, 20, "Next thought", {}}};
  sentences[2].text = "{\\an8}Next\\Nthought";
  auto early = group_passages(sentences, 30);
  REQUIRE(early.size() == 2);
  CHECK(early[0].text == "One sentence here. Done now.");
  CHECK(early[1].start == 16);
  CHECK(early[1].text == "Next thought");
  CHECK(group_passages({}, 30).empty());
}

TEST_CASE("passages keep where each cue's words begin and when they are said") {
  std::vector<Cue> cues = {{"", 0, 7, "We start with masks.", {}},
                           {"", 7, 14, "<v Ann>Then the second idea</v>", {}},
                           {"", 21, 25, "the supermask appears", {}}};
  auto passages = group_passages(cues, 30);
  REQUIRE(passages.size() == 1);
  const auto& p = passages[0];
  CHECK(p.text == "We start with masks. Then the second idea the supermask appears");
  REQUIRE(p.cues.size() == 3);
  CHECK(p.cues[0] == CueTime{0, 0});
  CHECK(p.text.substr(p.cues[1].at, 4) == "Then");
  CHECK(p.cues[1].start == 7);
  CHECK(p.text.substr(p.cues[2].at) == "the supermask appears");
  CHECK(p.cues[2].start == 21);
  // A cue that only repeats the line before (roll-up captions) adds no cue time.
  std::vector<Cue> rolled = {{"", 0, 4, "one line", {}}, {"", 4, 8, "one line\ntwo line", {}}};
  auto r = group_passages(rolled, 30);
  REQUIRE(r.size() == 1);
  REQUIRE(r[0].cues.size() == 2);
  CHECK(r[0].text.substr(r[0].cues[1].at) == "two line");
  CHECK(r[0].cues[1].start == 4);
}
