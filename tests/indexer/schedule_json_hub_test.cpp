// schedule.json in the hub's newer format (voc/schedule validator/json/schema2.json, the 38C3 hub's
// export): events in schedule.events with their own start date-times, room references and
// participants, days without rooms. The fixture is written for talkdex (tests/fixtures).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "talkdex/indexer/import/input_kind.h"
#include "talkdex/indexer/schedule/schedule_formats.h"
#include "test_support.h"

using namespace talkdex;

namespace {

std::string hub_fixture() { return test::read_file(test::source_dir() / "tests/fixtures/schedule2-hub.json"); }

}  // namespace

TEST_CASE("schedule json schema2: the hub's events are read from schedule.events") {
  auto s = parse_schedule_json(hub_fixture(), "schedule2-hub.json");
  REQUIRE_MESSAGE(s.ok(), (s ? "" : s.failure().message()));
  CHECK(s->event.title == "talkdex Test Congress");
  CHECK(s->event.date == "2024-12-27");
  REQUIRE(s->talks.size() == 3);

  const TalkInfo& opening = s->talks[0];
  test::check_fields(opening, {{"key", "11111111-2222-4333-8444-555555555501"}, {"title", "Opening Ceremony"},
                               {"start", "2024-12-27T10:30:00+01:00"}, {"end", "2024-12-27T11:00:00+01:00"},
                               {"room", "Saal 1"}, {"track", "Community"}, {"language", "en"}});
  REQUIRE(opening.people.size() == 1);
  CHECK(opening.people[0].name == "Ada Example");
  CHECK(opening.abstract.find("Welcome to the congress.") != std::string::npos);
  bool slides = false;
  for (const auto& l : opening.links) slides = slides || l.url == "https://events.example.org/slides/101.pdf";
  CHECK(slides);

  // An abstract given in several languages: the talk's own.
  const TalkInfo& german = s->talks[1];
  CHECK(german.title == "Sicherheitslücken in Wahlcomputern");
  CHECK(german.abstract.find("Wie Wahlcomputer gebrochen wurden.") != std::string::npos);
  CHECK(german.abstract.find("voting machines") == std::string::npos);
  REQUIRE(german.people.size() == 2);
  CHECK(german.people[0].role == kRoleSpeaker);
  CHECK(german.people[1].name == "Carla Muster");
  CHECK(german.people[1].role == kRoleModerator);

  // After midnight, on the next date, in its own room; no abstract and no people are fine.
  const TalkInfo& late = s->talks[2];
  CHECK(late.start == "2024-12-28T00:30:00+01:00");
  CHECK(late.end == "2024-12-28T01:45:00+01:00");
  CHECK(late.room == "Stage HUFF");
  CHECK(late.people.empty());
}

TEST_CASE("schedule json schema2: told from its content, and its errors name the event's path") {
  std::string text = hub_fixture();
  CHECK(detect_kind("schedule.json", text) == InputKind::ScheduleJson);

  auto doc = nlohmann::ordered_json::parse(text);
  doc["schedule"]["events"][1]["start"] = "half past eleven";
  auto bad = parse_schedule_json(doc.dump(), "broken.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.failure().item == "broken.json");
  CHECK(bad.failure().reason.find("schedule.events[1].start") != std::string::npos);

  doc = nlohmann::ordered_json::parse(text);
  doc["schedule"]["events"][0].erase("room");
  bad = parse_schedule_json(doc.dump(), "broken.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.failure().reason.find("schedule.events[0].room is missing") != std::string::npos);

  doc = nlohmann::ordered_json::parse(text);
  doc["schedule"]["events"] = nlohmann::ordered_json::array();
  bad = parse_schedule_json(doc.dump(), "empty.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.failure().reason.find("no events in schedule.events") != std::string::npos);
}
