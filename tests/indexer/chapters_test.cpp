// Chapter lists: YouTube descriptions (youtube-dl's real cases are in tests/conformance), ffmetadata, WebVTT, JSON, repairs,
// stable keys and round trips through every writer.
#include <doctest/doctest.h>


#include "talkdex/indexer/chapters/chapters.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::any_contains;
using talkdex::test::contains;
using talkdex::test::read_file;

namespace {

TocEntry item(double start, std::optional<double> end, std::string title) {
  TocEntry t;
  t.start = start;
  t.end = end;
  t.title = std::move(title);
  return t;
}

}  // namespace

TEST_CASE("youtube: the line shapes of plain-text descriptions") {
  std::string text =
      "My talk, with chapters:\n"
      "00:00 Intro\n"
      "[02:10] Bracketed title\n"
      "Title before 12:34\n"
      "1. Numbered title (20:00)\n"
      "1:02:03 - Hour long part\n"
      "Intro: 1:05:00\n"
      "Links: https://example.org:8080/x and we meet at 10:30 tomorrow\n";
  auto got = parse_youtube_description(text, "plain.txt", 4000.0);
  REQUIRE(got.ok());
  REQUIRE(got->items.size() == 6);
  CHECK(got->items[0].title == "Intro");
  CHECK(got->items[1].start == 130);
  CHECK(got->items[1].title == "Bracketed title");
  CHECK(got->items[2].start == 754);
  CHECK(got->items[2].title == "Title before");
  CHECK(got->items[3].start == 1200);
  CHECK(got->items[3].title == "1. Numbered title");
  CHECK(got->items[4].start == 3723);
  CHECK(got->items[4].title == "Hour long part");
  CHECK(got->items[5].title == "Intro");
  CHECK(*got->items[5].end == 4000);

  auto one = parse_youtube_description("Starts at 10:00 sharp\n00:00 Only one line\n", "one.txt", std::nullopt);
  REQUIRE(one.ok());
  CHECK(one->items.empty());
  CHECK(any_contains(one->warnings, "at least two"));

  auto late = parse_youtube_description("0:30 A\n1:00 B\n", "late.txt", std::nullopt);
  REQUIRE(late.ok());
  CHECK(any_contains(late->warnings, "late.txt: line 1: the first chapter starts at 0:00:30, not 0:00"));
}

TEST_CASE("ffmetadata: timebases, escapes, a missing START and global keys") {
  std::string text =
      ";FFMETADATA1\n"
      "title=The whole file\n"
      "artist=Someone\n"
      "\n"
      "[CHAPTER]\n"
      "TIMEBASE=1/1000\n"
      "START=0\n"
      "END=60500\n"
      "title=Intro \\= start\\; part \\#1 \\\\ end\n"
      "# a comment\n"
      "[CHAPTER]\n"
      "TIMEBASE=1/1000\n"
      "END=120000\n"
      "title=Two\\\n"
      "lines\n"
      "[CHAPTER]\n"
      "START=120000000000\n"
      "END=180000000000\n"
      "title=Nanoseconds \xC3\xA9t\xC3\xA9\n"
      "[STREAM]\n"
      "title=not a chapter\n";
  auto got = parse_ffmetadata(text, "meta.txt");
  REQUIRE(got.ok());
  REQUIRE(got->items.size() == 3);
  CHECK(got->items[0].title == "Intro = start; part #1 \\ end");
  CHECK(*got->items[0].end == doctest::Approx(60.5));
  CHECK(got->items[1].start == doctest::Approx(60.5));  // no START: where the previous chapter ends
  CHECK(got->items[1].title == "Two\nlines");
  CHECK(any_contains(got->warnings, "meta.txt: line 11: chapter \"Two\nlines\" has no START"));
  CHECK(got->items[2].start == doctest::Approx(120.0));  // default timebase 1/1000000000
  CHECK(*got->items[2].end == doctest::Approx(180.0));
  CHECK(got->items[2].title == "Nanoseconds \xC3\xA9t\xC3\xA9");
  CHECK(got->items[0].key == "file:0");
  CHECK(got->items[2].key == "file:120000");
}

TEST_CASE("ffmetadata: bad input fails naming the line") {
  auto not_meta = parse_ffmetadata("[CHAPTER]\nSTART=0\n", "x.txt");
  REQUIRE_FALSE(not_meta.ok());
  CHECK(contains(not_meta.failure().reason, "line 1"));

  auto bad_number = parse_ffmetadata(";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=12s\nEND=20\n", "n.txt");
  REQUIRE_FALSE(bad_number.ok());
  CHECK(bad_number.failure().item == "n.txt");
  CHECK(contains(bad_number.failure().reason, "line 4: START is not a whole number: \"12s\""));

  // One past the largest long long, and the smallest one: refused and read, no overflow (UBSan).
  auto too_large = parse_ffmetadata(";FFMETADATA1\n[CHAPTER]\nSTART=9223372036854775808\n", "l.txt");
  REQUIRE_FALSE(too_large.ok());
  CHECK(contains(too_large.failure().reason, "line 3: START is not a whole number: \"9223372036854775808\""));
  CHECK(parse_ffmetadata(";FFMETADATA1\n[CHAPTER]\nSTART=0\nEND=9223372036854775807\n", "m.txt").ok());
  CHECK_FALSE(parse_ffmetadata(";FFMETADATA1\n[CHAPTER]\nSTART=+5\n", "p.txt").ok());
  CHECK_FALSE(parse_ffmetadata(";FFMETADATA1\n[CHAPTER]\nSTART=-\n", "d.txt").ok());

  auto bad_escape = parse_ffmetadata(";FFMETADATA1\n[CHAPTER]\nSTART=0\ntitle=a\\tb\n", "e.txt");
  REQUIRE_FALSE(bad_escape.ok());
  CHECK(contains(bad_escape.failure().reason, "line 4: bad escape \"\\t\""));

  auto bad_timebase = parse_ffmetadata(";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/0\nSTART=0\n", "t.txt");
  REQUIRE_FALSE(bad_timebase.ok());
  CHECK(contains(bad_timebase.failure().reason, "line 3: bad TIMEBASE"));

  auto trailing = parse_ffmetadata(";FFMETADATA1\n[CHAPTER]\nSTART=0\ntitle=x\\", "b.txt");
  REQUIRE_FALSE(trailing.ok());
  CHECK(contains(trailing.failure().reason, "line 4"));
}

TEST_CASE("chapters vtt: cues as chapters; a bad cue is a warning naming its line") {
  std::string text =
      "WEBVTT\n\n"
      "00:00.000 --> 01:00.000\nOpening &amp; <b>welcome</b>\n\n"
      "01:00.000 -> 02:00.000\nBroken\n\n"
      "02:00.000 --> 02:00.000\nA point\n";
  auto got = parse_chapters_vtt(text, "c.chapters.vtt");
  REQUIRE(got.ok());
  REQUIRE(got->items.size() == 2);
  CHECK(got->items[0].title == "Opening & welcome");
  CHECK(*got->items[0].end == 60);
  CHECK_FALSE(got->items[1].end.has_value());  // zero-length cue, last item, no duration known
  CHECK(any_contains(got->warnings, "c.chapters.vtt: line 6: cue skipped"));
  CHECK_FALSE(parse_chapters_vtt("NOT VTT\n", "bad.vtt").ok());
}

TEST_CASE("chapters json: object, bare array, youtube-dl field names and errors") {
  auto obj = parse_chapters_json(R"({"chapters":[{"start":0,"end":12.5,"title":"A"},{"start":"0:00:12.500","title":"B"}]})", "a.json");
  REQUIRE(obj.ok());
  REQUIRE(obj->items.size() == 2);
  CHECK(obj->items[1].start == 12.5);
  CHECK(obj->items[1].title == "B");
  auto bare = parse_chapters_json(R"([{"start_time":5,"end_time":9,"title":"X"}])", "b.json");
  REQUIRE(bare.ok());
  CHECK(bare->items[0].start == 5);
  CHECK(*bare->items[0].end == 9);

  auto broken = parse_chapters_json("{\"chapters\": [", "c.json");
  REQUIRE_FALSE(broken.ok());
  CHECK(contains(broken.failure().reason, "invalid JSON"));
  auto no_start = parse_chapters_json(R"({"chapters":[{"title":"x"}]})", "d.json");
  REQUIRE_FALSE(no_start.ok());
  CHECK(contains(no_start.failure().reason, "chapters[0]: no \"start\""));
  auto bad_start = parse_chapters_json(R"([{"start":"soon","title":"x"}])", "e.json");
  REQUIRE_FALSE(bad_start.ok());
  CHECK(contains(bad_start.failure().reason, "chapters[0]: start \"soon\""));
}

TEST_CASE("repair: sorted, out-of-range dropped, duplicates merged, ends fixed, each with a warning") {
  std::vector<TocEntry> items = {item(300, 900, "Third overlaps"), item(0, std::nullopt, "First"),
                                 item(-5, 1, "Negative"), item(120, 100, "Second ends before start"),
                                 item(1000, std::nullopt, "Past the end"), item(0, 30, "First again"),
                                 item(600, 5000, "Fourth runs long"), item(650, std::nullopt, "  ")};
  auto list = repair_chapters(items, 1000.0);
  REQUIRE(list.items.size() == 5);
  CHECK(list.items[0].title == "First");
  CHECK(*list.items[0].end == 30);  // taken from the merged duplicate
  CHECK(*list.items[1].end == 300);  // an end before the start becomes the next start
  CHECK(*list.items[2].end == 600);  // an overlap is cut at the next start
  CHECK(*list.items[3].end == 650);
  CHECK(list.items[4].title == "Chapter 5");
  CHECK(*list.items[4].end == 1000);  // the last end is the duration
  const auto& w = list.warnings;
  CHECK(any_contains(w, "\"Negative\" at -0:00:05 dropped"));
  CHECK(any_contains(w, "\"Past the end\" at 0:16:40 dropped"));
  CHECK(any_contains(w, "out of order"));
  CHECK(any_contains(w, "\"First again\" at 0:00:00 starts with \"First\"; merged"));
  CHECK(any_contains(w, "\"Second ends before start\" at 0:02:00 ends at 100"));
  CHECK(any_contains(w, "\"Third overlaps\" at 0:05:00 overlaps the next chapter"));
  CHECK(any_contains(w, "\"Fourth runs long\" at 0:10:00 overlaps"));
  CHECK(any_contains(w, "had no title"));
  CHECK(w.size() == 8);

  auto clean = repair_chapters({item(0, 10, "A"), item(10, std::nullopt, "B")}, 20.0);
  CHECK(clean.warnings.empty());  // filling the missing end of B is reading, not repairing
  CHECK(*clean.items[1].end == 20);
}

TEST_CASE("keys: the same file gives the same keys, and a retitled chapter keeps its key") {
  std::string before = ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=Intro\n"
                       "[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=9000\ntitle=Methdos\n";
  std::string after = ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=Intro\n"
                      "[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=9000\ntitle=Methods\n";
  auto a = parse_ffmetadata(before, "m.txt"), again = parse_ffmetadata(before, "m.txt"), b = parse_ffmetadata(after, "m.txt");
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  REQUIRE(again.ok());
  CHECK(a->items[1].key == "file:1500");
  CHECK(again->items[1].key == a->items[1].key);
  CHECK(b->items[1].key == a->items[1].key);
  CHECK(chapter_key(kTocFile, 12.3456) == "file:12346");
}

TEST_CASE("writers: every format reads back to the same starts, ends and titles") {
  CHECK(chapter_format_from_name("vtt") == ChapterFormat::Vtt);
  CHECK(chapter_format_from_name("FFMetadata") == ChapterFormat::FfMetadata);
  CHECK(chapter_format_from_name("youtube") == ChapterFormat::Youtube);
  CHECK(chapter_format_from_name("json") == ChapterFormat::Json);
  CHECK_FALSE(chapter_format_from_name("srt").has_value());

  const double duration = 4000.25;
  std::vector<TocEntry> items = {
      item(0, 61.5, "Intro = start; part #1 \\ done"),
      item(61.5, 130.125, "Two\nlines <b> & --> arrows"),
      item(130.125, 3723.004, "Caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x8E\xA4"),
      item(3723.004, std::nullopt, "Last, to the end")};
  for (ChapterFormat format : {ChapterFormat::Vtt, ChapterFormat::FfMetadata, ChapterFormat::Json}) {
    std::string written = write_chapters(items, format, duration);
    INFO(chapter_format_name(format) << ":\n" << written);
    Result<ChapterList> back = format == ChapterFormat::Vtt ? parse_chapters_vtt(written, "rt")
                               : format == ChapterFormat::FfMetadata ? parse_ffmetadata(written, "rt")
                                                                    : parse_chapters_json(written, "rt");
    REQUIRE(back.ok());
    CHECK(back->warnings.empty());
    REQUIRE(back->items.size() == items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      CHECK(back->items[i].start == doctest::Approx(items[i].start).epsilon(1e-9));
      CHECK(back->items[i].end.value_or(-1) == doctest::Approx(items[i].end.value_or(duration)).epsilon(1e-9));
      CHECK(back->items[i].title == items[i].title);
    }
  }

  // YouTube lines: whole seconds, one line of title, no ends (they come back from the next start and
  // the duration).
  std::vector<TocEntry> whole = {item(0, 61, "Intro = start; part #1 \\ done"), item(61, 130, "Caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC"),
                                 item(130, 3723, "- dashes - inside -"), item(3723, std::nullopt, "10:30 is in the title")};
  std::string lines = write_chapters(whole, ChapterFormat::Youtube);
  CHECK(lines == "0:00 Intro = start; part #1 \\ done\n1:01 Caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC\n2:10 - dashes - inside -\n"
                 "1:02:03 10:30 is in the title\n");
  auto back = parse_youtube_description(lines, "rt", 4000.0);
  REQUIRE(back.ok());
  REQUIRE(back->items.size() == whole.size());
  for (size_t i = 0; i < whole.size(); ++i) {
    CHECK(back->items[i].start == whole[i].start);
    CHECK(back->items[i].end.value_or(-1) == whole[i].end.value_or(4000.0));
  }
  CHECK(back->items[0].title == whole[0].title);
  CHECK(back->items[1].title == whole[1].title);
  CHECK(back->items[2].title == "dashes - inside");  // separators at a title's edges are read as separators
  CHECK(back->items[3].title == whole[3].title);
  CHECK(write_chapters({item(0, 5, "Two\nlines")}, ChapterFormat::Youtube) == "0:00 Two lines\n");
}
