// Transcripts: WebVTT and SubRip readers on documents written here, and passages. The vtt.js suite and
// pysrt's files of ../shared/corpus are read by the conformance suite (tests/conformance).
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "talkdex/indexer/transcripts/subtitles.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::any_contains;
using talkdex::test::contains;
using talkdex::test::read_file;

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
