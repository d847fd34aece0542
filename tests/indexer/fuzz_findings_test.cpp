// What the fuzz targets of tests/fuzz found in the readers, each kept here with its input (or the
// smallest form of it) so that it stays fixed. README "Fuzzing" lists them.
#include <doctest/doctest.h>

#include <string>

#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/indexer/schedule/schedule_formats.h"
#include "talkdex/indexer/sources/voctoweb.h"
#include "talkdex/indexer/sources/ytdlp.h"

using namespace talkdex;

// fuzz_chapters_json: a number past a double's range ended the process. nlohmann-json throws it as
// out_of_range (406), not as the parse_error each JSON reader caught; the same held for every reader.
TEST_CASE("fuzz findings: a JSON number too large for a double is a failure, not an abort") {
  const std::string found = "1e3083\", \"t\x98\x13\x13\x13\"abstract\":TpK:t\xED \xEC" "5text/vtt";
  auto chapters = parse_chapters_json(found, "found.json");
  REQUIRE_FALSE(chapters.ok());
  CHECK(chapters.failure().message() == "found.json: invalid JSON: a number too large to read");

  auto in_chapters = parse_chapters_json(R"({"chapters": [{"start": 1e400, "title": "x"}]})", "ch.json");
  REQUIRE_FALSE(in_chapters.ok());
  CHECK(in_chapters.failure().reason == "invalid JSON: a number too large to read");

  auto schedule = parse_schedule_json(R"({"schedule": {"version": 1e999}})", "schedule.json");
  REQUIRE_FALSE(schedule.ok());
  CHECK(schedule.failure().message() == "schedule.json: malformed JSON: a number too large to read");

  auto event = parse_voctoweb_event(R"({"guid": "g", "length": -1e400})", "event.json");
  REQUIRE_FALSE(event.ok());
  CHECK(event.failure().message() == "event.json: malformed JSON: a number too large to read");
  auto conference = parse_voctoweb_conference(R"({"acronym": "x", "events": [1e400]})", "c.json");
  REQUIRE_FALSE(conference.ok());
  CHECK(conference.failure().reason == "malformed JSON: a number too large to read");

  auto video = parse_ytdlp_video(R"({"id": "x", "title": "t", "duration": 1E+4000})", "v.info.json");
  REQUIRE_FALSE(video.ok());
  CHECK(video.failure().message() == "v.info.json: malformed JSON: a number too large to read");
  CHECK_FALSE(is_ytdlp_playlist(R"({"_type": "playlist", "n": 1e400})").has_value());
}

// fuzz_chapters_json: a start of 3e19 seconds reached a conversion to long long (undefined, UBSan) in the
// warning that named the chapter. Chapter times from 100,000 hours on (limits::kMaxChapterSeconds) are
// past any recording: such a chapter is dropped, such an end replaced, each with a warning.
TEST_CASE("fuzz findings: a chapter time past any recording is dropped with a warning, not undefined") {
  const std::string found = R"([{"start": 0, "title": "One"}, {"start": 30666666666666666666.5, "end": 60, "title": "Two \u00fcber"}])";
  auto list = parse_chapters_json(found, "talk.chapters.json");
  REQUIRE(list.ok());
  REQUIRE(list.value().items.size() == 1);
  CHECK(list.value().items[0].title == "One");
  REQUIRE(list.value().warnings.size() == 1);
  CHECK(list.value().warnings[0] == "talk.chapters.json: chapter \"Two über\" at 8518518518518519:00:00 dropped: "
                                    "it starts at or after 100000:00:00 (the limit)");

  auto ends = parse_chapters_json(R"([{"start": 10, "end": 1e300, "title": "Long"}, {"start": "99999:59:59", "title": "Late"}])",
                                  "ch.json");
  REQUIRE(ends.ok());
  REQUIRE(ends.value().items.size() == 2);
  CHECK(ends.value().items[0].end == 359999999.0);  // the next chapter's start
  REQUIRE(ends.value().warnings.size() == 1);
  CHECK(ends.value().warnings[0] == "ch.json: chapter \"Long\" at 0:00:10 ends after 100000:00:00 (the limit); end replaced");
  CHECK(write_chapters(ends.value().items, ChapterFormat::Vtt).find("99999:59:59.000") != std::string::npos);
}
