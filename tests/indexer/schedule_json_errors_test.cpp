// schedule.json documents that must fail, each with one reason naming where, and the lenient cases that
// must not.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "talkdex/indexer/schedule/schedule_formats.h"
#include "test_support.h"

using namespace talkdex;

namespace {

// A small valid document; each test breaks one thing in it.
nlohmann::ordered_json small_schedule() {
  return nlohmann::ordered_json::parse(R"({
    "schedule": {
      "version": "1.0",
      "conference": {
        "acronym": "tiny2024", "title": "Tiny", "start": "2024-06-01", "end": "2024-06-01",
        "daysCount": 1, "timeslot_duration": "00:05",
        "days": [{
          "index": 1, "date": "2024-06-01",
          "day_start": "2024-06-01T08:00:00-04:00", "day_end": "2024-06-02T03:00:00-04:00",
          "rooms": {
            "Hall A": [{
              "guid": "0b0c2d3e-4f50-4a61-8b72-93a4b5c6d7e8", "id": 7, "code": "ABC123",
              "date": "2024-06-01T09:00:00-04:00", "start": "09:00", "duration": "00:40",
              "room": "Hall A", "slug": "tiny-7", "url": "https://tiny.example/7",
              "title": "Small talk", "subtitle": null, "track": null, "type": "Talk", "language": "en",
              "abstract": "A.", "description": null,
              "persons": [{"id": 1, "public_name": "Grace Hopper"}, {"code": "X1", "name": "Edsger Dijkstra"}],
              "links": [{"url": "https://tiny.example/slides", "title": "Slides", "type": "slides"}],
              "attachments": []
            }]
          }
        }]
      }
    }
  })");
}

nlohmann::ordered_json& first_event(nlohmann::ordered_json& doc) {
  return doc["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0];
}

std::string failure(const std::string& content) {
  auto r = parse_schedule_json(content, "in.json");
  REQUIRE_FALSE(r.ok());
  CHECK(r.failure().item == "in.json");
  return r.failure().reason;
}

const std::string kEvent = "schedule.conference.days[0].rooms[\"Hall A\"][0]";

}  // namespace

TEST_CASE("schedule json: the small document reads") {
  auto r = parse_schedule_json(small_schedule().dump(), "in.json");
  REQUIRE(r.ok());
  REQUIRE(r->talks.size() == 1);
  const TalkInfo& t = r->talks[0];
  CHECK(t.key == "0b0c2d3e-4f50-4a61-8b72-93a4b5c6d7e8");  // the guid wins over code and id
  CHECK(t.start == "2024-06-01T09:00:00-04:00");
  CHECK(t.end == "2024-06-01T09:40:00-04:00");
  CHECK(t.subtitle.empty());
  CHECK(t.abstract == "A.");
  REQUIRE(t.people.size() == 2);
  CHECK(t.people[0].name == "Grace Hopper");    // frab: public_name
  CHECK(t.people[1].name == "Edsger Dijkstra");  // pretalx: name
  CHECK(r->event.start == "2024-06-01T09:00:00-04:00");
  CHECK(r->event.end == "2024-06-01T09:40:00-04:00");
}

TEST_CASE("schedule json: keys without a guid, old start fields and long durations") {
  auto doc = small_schedule();
  auto& ev = first_event(doc);
  ev.erase("guid");
  ev.erase("date");
  ev["start"] = "01:30";        // before the day's 08:00 start: the next calendar date
  ev["duration"] = "1:02:00";   // pretalx's D:HH:MM
  auto r = parse_schedule_json(doc.dump(), "in.json");
  REQUIRE(r.ok());
  CHECK(r->talks[0].key == "frab:tiny2024/ABC123");  // the pretalx code, under the event
  CHECK(r->talks[0].start == "2024-06-02T01:30:00-04:00");
  CHECK(r->talks[0].end == "2024-06-03T03:30:00-04:00");
  ev.erase("code");
  r = parse_schedule_json(doc.dump(), "in.json");
  REQUIRE(r.ok());
  CHECK(r->talks[0].key == "frab:tiny2024/7");
}

TEST_CASE("schedule json: malformed and truncated documents") {
  std::string text = small_schedule().dump(2);
  std::string reason = failure(text.substr(0, text.size() / 2));
  CHECK(reason.rfind("malformed JSON at byte ", 0) == 0);
  CHECK(reason.find("unexpected end of input") != std::string::npos);
  CHECK(failure("").rfind("malformed JSON at byte ", 0) == 0);
  CHECK(failure("{\"schedule\": {\"version\": \"1\",}}").rfind("malformed JSON at byte 29:", 0) == 0);
  CHECK(failure("{\"schedule\": {\"version\": \"caf\xe9\"}}") == "not UTF-8 at byte 29");
  CHECK(failure("<!DOCTYPE html><html></html>").rfind("malformed JSON at byte 0:", 0) == 0);
}

TEST_CASE("schedule json: wrong types and missing fields are named by their path") {
  auto with = [](auto&& change) {
    auto doc = small_schedule();
    change(doc);
    return failure(doc.dump());
  };
  using J = nlohmann::ordered_json;
  CHECK(failure("[]") == "the document must be an object, but is an array");
  CHECK(with([](J& d) { d.erase("schedule"); }) == "schedule is missing (the schema requires it)");
  CHECK(with([](J& d) { d["schedule"].erase("version"); }) == "schedule.version is missing (the schema requires it)");
  CHECK(with([](J& d) { d["schedule"]["version"] = 1.5; }) ==
        "schedule.version must be a string, but is a fractional number (1.5)");
  CHECK(with([](J& d) { d["schedule"]["conference"]["title"] = nullptr; }) ==
        "schedule.conference.title must be a string, but is null");
  CHECK(with([](J& d) { d["schedule"]["conference"].erase("acronym"); }) ==
        "schedule.conference.acronym is missing (the schema requires it)");
  CHECK(with([](J& d) { d["schedule"]["conference"]["days"] = J::object(); }) ==
        "schedule.conference.days must be an array, but is an object");
  CHECK(with([](J& d) { d["schedule"]["conference"]["days"][0]["rooms"] = J::array(); }) ==
        "schedule.conference.days[0].rooms must be an object, but is an array");
  CHECK(with([](J& d) { first_event(d)["title"] = 42; }) == kEvent + ".title must be a string, but is a number (42)");
  CHECK(with([](J& d) { first_event(d)["id"] = "7"; }) == kEvent + ".id must be an integer, but is a string (\"7\")");
  CHECK(with([](J& d) { first_event(d)["persons"] = "Grace"; }) ==
        kEvent + ".persons must be an array, but is a string (\"Grace\")");
  CHECK(with([](J& d) { first_event(d).erase("persons"); }) == kEvent + ".persons is missing (the schema requires it)");
  CHECK(with([](J& d) { first_event(d).erase("room"); }) == kEvent + ".room is missing (the schema requires it)");
  CHECK(with([](J& d) { first_event(d)["date"] = "tomorrow"; }) ==
        kEvent + ".date is not an ISO 8601 date-time: \"tomorrow\"");
  CHECK(with([](J& d) { first_event(d)["duration"] = "40 min"; }) ==
        kEvent + ".duration is not a duration (HH:MM or D:HH:MM): \"40 min\"");
  CHECK(with([](J& d) { first_event(d)["links"][0].erase("url"); }) ==
        kEvent + ".links[0].url is missing (the schema requires it)");
  CHECK(with([](J& d) {
          for (const char* k : {"guid", "code", "id"}) first_event(d).erase(k);
        }) == kEvent + ".guid is missing (the schema requires it; a code or id would do)");
  CHECK(with([](J& d) { d["schedule"]["conference"]["days"][0]["rooms"]["Hall A"] = J::array(); }) ==
        "no events in the schedule (1 days)");
}
