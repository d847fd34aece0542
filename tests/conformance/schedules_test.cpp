// Real schedule exports of ../shared/corpus (FrOSCon 2013 frab XML, Camp 2019 frab JSON, the pretalx
// demo conference, the schema's invalid example) read by the frab and schedule.json readers, and stored.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "corpus.h"
#include "talkdex/indexer/schedule/schedule_formats.h"
#include "talkdex/store.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::names;

namespace {

Schedule parse_xml_file(const std::string& relative) {
  auto r = parse_frab_xml(test::read_file(test::corpus_file(relative)), relative);
  INFO((r.ok() ? std::string() : r.failure().message()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

Schedule parse_json_file(const std::string& relative) {
  auto r = parse_schedule_json(test::read_file(test::corpus_file(relative)), relative);
  INFO((r.ok() ? std::string() : r.failure().message()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

const TalkInfo& talk(const Schedule& s, const std::string& key) {
  auto it = std::find_if(s.talks.begin(), s.talks.end(), [&](const TalkInfo& t) { return t.key == key; });
  INFO("talk " << key);
  REQUIRE(it != s.talks.end());
  return *it;
}

}  // namespace

TEST_CASE("frab xml: the FrOSCon 2013 export gives 2 days and 123 events") {
  Schedule s = parse_xml_file("schedules/frab/froscon2013-schedule.xml");
  test::check_fields(s.event, {{"key", "frab:froscon2013"}, {"title", "FrOSCon"}, {"kind", "conference"},
                               {"date", "2013-08-24"}, {"start", "2013-08-24T09:30:00"}});
  REQUIRE(s.talks.size() == 123);
  std::set<std::string> days, keys;
  int without_people = 0;
  for (const auto& t : s.talks) {
    INFO(t.key << " " << t.title);
    CHECK(!t.title.empty());
    CHECK(t.start.size() == 19);  // the file gives no UTC offset, so none is invented
    CHECK(!t.end.empty());
    CHECK(t.end > t.start);
    CHECK(!t.room.empty());
    days.insert(t.start.substr(0, 10));
    keys.insert(t.key);
    if (t.people.empty()) ++without_people;
  }
  CHECK(days == std::set<std::string>{"2013-08-24", "2013-08-25"});
  CHECK(keys.size() == 123);
  // One event of the file, "A tour of Wat", has an empty <persons>; every other one names its speakers.
  CHECK(without_people == 1);
  CHECK(talk(s, "0nCiPeNjkEbBUMW7-56WRA").people.empty());
  CHECK(s.warnings.empty());
}

TEST_CASE("frab xml: FrOSCon events read field by field") {
  Schedule s = parse_xml_file("schedules/frab/froscon2013-schedule.xml");
  const TalkInfo& hpc = talk(s, "8tXkx-Ci8nmdmvZneMp93g");
  test::check_fields(hpc, {{"title", "Verkehrte Welt"}, {"subtitle", "Linux im High Performance Computing"},
                           {"start", "2013-08-24T10:00:00"}, {"end", "2013-08-24T11:00:00"}, {"room", "HS1/2"},
                           {"track", "System Administration"}, {"kind", "talk"} /* frab's "lecture" */,
                           {"language", "de"}});
  CHECK(names(hpc) == std::vector<std::string>{"Holger Gantikow"});
  CHECK(hpc.people[0].role == kRoleSpeaker);
  // The abstract, a blank line, then the description; entities decoded.
  CHECK(hpc.abstract.rfind("Der Vortrag gibt einen Einblick", 0) == 0);
  CHECK(hpc.abstract.find("\"beflügeln\"") != std::string::npos);
  CHECK(hpc.abstract.find("kann.\n\nIm Unterschied zur Desktop-Welt") != std::string::npos);

  const TalkInfo& persona = talk(s, "yFEJDQ5WlbBl5Y5cd3TCrw");
  CHECK(names(persona) == std::vector<std::string>{"François Marier"});
  REQUIRE(persona.links.size() == 3);
  CHECK(persona.links[0] == Link{"https://login.persona.org/about", "About Mozilla Persona", std::nullopt});
  CHECK(persona.links[2].url == "https://developer.mozilla.org/docs/persona");

  const TalkInfo& init = talk(s, "fiY1iSGUjvq3YcgI6dYBwA");
  CHECK(init.title == "init");
  CHECK(init.end == "2013-08-24T10:00:00");
  CHECK(names(init) == std::vector<std::string>{"Andreas Kupfer", "Boernd"});

  const TalkInfo& last = s.talks.back();
  test::check_fields(last, {{"key", "eiUlRX0cOS2sw4UKXqLTWQ"}, {"title", "Programmierung eines eigenen Spiels"},
                            {"start", "2013-08-25T11:00:00"}, {"end", "2013-08-25T16:00:00"},
                            {"room", "C177/FrogLabs 2"}});
  CHECK(talk(s, "3bhohK74EJ7ZrMK2_hlodA").people[0].name == "Markus \"bionix\" Rekkenbeil");
}

TEST_CASE("schedule json: the frab export of Camp 2019 gives 79 events") {
  Schedule s = parse_json_file("schedules/json/frab-camp2019.json");
  test::check_fields(s.event, {{"key", "frab:Camp2019"}, {"title", "Chaos Communication Camp 2019"},
                               {"date", "2019-08-21"}, {"url", "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/"}});
  REQUIRE(s.talks.size() == 79);
  const TalkInfo& opening = s.talks[0];
  test::check_fields(opening, {{"key", "a0a0fcfe-b7fb-46e3-84b6-97a5406016b4"} /* the guid, not the id 10386 */,
                               {"title", "Opening Ceremony"}, {"start", "2019-08-21T11:00:00+02:00"},
                               {"end", "2019-08-21T11:30:00+02:00"}, {"room", "Curie"}, {"kind", "talk"},
                               {"url", "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10386.html"}});
  CHECK(names(opening) == std::vector<std::string>{"jinxx", "smtw"});
  CHECK(opening.abstract == "A hearty welcome me lasses and lads!");
  const TalkInfo& edri = talk(s, "0a99f1db-dfad-4534-888c-bd98acc576b3");
  REQUIRE_FALSE(edri.links.empty());
  CHECK(edri.links[0] == Link{"https://edri.org", "EDRi Website", std::nullopt});
  const TalkInfo& last = s.talks.back();
  test::check_fields(last, {{"key", "9f38e10d-39e2-4380-83bf-26626396e476"},
                            {"title", "Visualization of networks using physics"},
                            {"start", "2019-08-25T16:00:00+02:00"}, {"end", "2019-08-25T16:45:00+02:00"},
                            {"room", "Meitner"}});
  int links = 0;
  for (const auto& t : s.talks) {
    CHECK(t.start.size() == 25);
    links += static_cast<int>(t.links.size());
  }
  CHECK(links == 52 + 12);  // links and attachments
}

TEST_CASE("schedule json: the pretalx demo conference gives 36 events") {
  Schedule s = parse_json_file("schedules/json/pretalx-democon.json");
  CHECK(s.event.key == "frab:democon");
  CHECK(s.event.title == "DemoCon");
  REQUIRE(s.talks.size() == 36);
  const TalkInfo& first = s.talks[0];
  test::check_fields(first, {{"key", "8079583e-8321-506c-95af-fd2903a5f075"},
                             {"title", "Focused 5thgeneration hardware"}, {"start", "2020-12-14T09:00:00+01:00"},
                             {"end", "2020-12-14T09:30:00+01:00"}, {"room", "Gray Room"}, {"track", "Phased"},
                             {"kind", "talk"}, {"url", "http://localhost/democon/talk/G9JGWY/"}});
  CHECK(names(first) == std::vector<std::string>{"Brian Robinson"});
  CHECK(first.abstract.rfind("Brand back-end models!\n\nStation provide certain mean.", 0) == 0);
  const TalkInfo& last = s.talks.back();
  CHECK(last.title == "Proactive leadingedge Graphical User Interface");
  CHECK(last.start == "2020-12-16T14:00:00+01:00");
  CHECK(last.end == "2020-12-16T15:30:00+01:00");
  CHECK(last.room == "Tan Room");
  CHECK(last.kind == "workshop");
  std::set<std::string> rooms;
  for (const auto& t : s.talks) rooms.insert(t.room);
  CHECK(rooms == std::set<std::string>{"Gray Room", "Tan Room"});
}

TEST_CASE("schedule json: the schema's invalid example fails at its first violation") {
  auto r = parse_schedule_json(test::read_file(test::corpus_file("schedules/json/invalid-example.json")),
                               "invalid-example.json");
  REQUIRE_FALSE(r.ok());
  CHECK(r.failure().message() ==
        "invalid-example.json: schedule.conference.days[0].rooms[\"Winterchaos\"][0].id must be an integer, "
        "but is a string (\"2814\")");
}

TEST_CASE("parsing is deterministic") {
  std::string xml = test::read_file(test::corpus_file("schedules/frab/froscon2013-schedule.xml"));
  auto a = parse_frab_xml(xml, "a"), b = parse_frab_xml(xml, "a");
  REQUIRE((a.ok() && b.ok()));
  CHECK(a->event == b->event);
  CHECK(a->talks == b->talks);
  std::string json = test::read_file(test::corpus_file("schedules/json/frab-camp2019.json"));
  auto c = parse_schedule_json(json, "c"), d = parse_schedule_json(json, "c");
  REQUIRE((c.ok() && d.ok()));
  CHECK(c->event == d->event);
  CHECK(c->talks == d->talks);
}

TEST_CASE("schedule json and store: the pretalx export stores its 36 talks under their guids") {
  test::TempDir dir;
  Store store(dir / "talkdex.sqlite");
  auto r = parse_schedule_json(test::read_file(test::corpus_file("schedules/json/pretalx-democon.json")), "democon");
  REQUIRE(r.ok());
  SourceRecord source;
  source.uri = "/corpus/pretalx-democon.json";
  source.kind = "schedule-json";
  auto sum = store.import_schedule(source, r.value());
  CHECK(sum.talks_added == 36);
  auto t = store.talk_by_key("8079583e-8321-506c-95af-fd2903a5f075");
  REQUIRE(t);
  CHECK(t->info.start == "2020-12-14T09:00:00+01:00");
  CHECK(t->event_title == "DemoCon");
  CHECK_FALSE(store.import_schedule(source, r.value()).changed());
}
