// A parsed schedule.xml through the store: stored whole, unchanged on a second import, and updated in place
// by talk key when the export changes.
#include <doctest/doctest.h>

#include "talkdex/schedule_formats.h"
#include "talkdex/store.h"
#include "test_support.h"

using namespace talkdex;

namespace {

SourceRecord froscon_source() {
  SourceRecord s;
  s.uri = "/corpus/froscon2013-schedule.xml";
  s.kind = "frab-xml";
  s.status = "ok";
  return s;
}

Schedule parse(const std::string& xml) {
  auto r = parse_frab_xml(xml, "froscon2013-schedule.xml");
  INFO((r.ok() ? std::string() : r.failure().message()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

// The text with the one <event> whose guid is `guid` cut out.
std::string without_event(const std::string& xml, const std::string& guid) {
  size_t begin = xml.find("<event guid='" + guid + "'");
  REQUIRE(begin != std::string::npos);
  size_t end = xml.find("</event>", begin);
  REQUIRE(end != std::string::npos);
  return xml.substr(0, begin) + xml.substr(end + std::string("</event>").size());
}

}  // namespace

TEST_CASE("schedule xml and store: import, re-import, and an edited export updated by key") {
  test::TempDir dir;
  Store store(dir / "talkdex.sqlite");
  std::string xml = test::read_file(test::corpus_file("schedules/frab/froscon2013-schedule.xml"));

  auto first = store.import_schedule(froscon_source(), parse(xml));
  CHECK(first.talks_added == 123);
  CHECK(store.counts().talks == 123);
  CHECK(store.counts().events == 1);
  auto hpc = store.talk_by_key("8tXkx-Ci8nmdmvZneMp93g");
  REQUIRE(hpc);
  CHECK(hpc->info.title == "Verkehrte Welt");
  CHECK(hpc->info.start == "2013-08-24T10:00:00");
  CHECK(hpc->info.end == "2013-08-24T11:00:00");
  REQUIRE(hpc->info.people.size() == 1);
  CHECK(hpc->info.people[0].name == "Holger Gantikow");
  auto persona = store.talk_by_key("yFEJDQ5WlbBl5Y5cd3TCrw");
  REQUIRE(persona);
  CHECK(persona->info.links.size() == 3);
  std::int64_t rev = store.revision();

  auto again = store.import_schedule(froscon_source(), parse(xml));
  CHECK_FALSE(again.changed());
  CHECK(again.talks_unchanged == 123);
  CHECK(store.revision() == rev);

  std::string edited = xml;
  const std::string old_title = "<title>Verkehrte Welt</title>";
  size_t at = edited.find(old_title);
  REQUIRE(at != std::string::npos);
  edited.replace(at, old_title.size(), "<title>Verkehrte Welt (updated)</title>");
  edited = without_event(edited, "fiY1iSGUjvq3YcgI6dYBwA");
  auto changed = store.import_schedule(froscon_source(), parse(edited));
  CHECK(changed.changed());
  CHECK(changed.talks_added == 0);
  CHECK(changed.talks_updated == 1);
  CHECK(changed.talks_removed == 1);
  CHECK(changed.talks_unchanged == 121);
  CHECK(store.revision() == rev + 1);
  CHECK(store.counts().talks == 122);
  auto updated = store.talk_by_key("8tXkx-Ci8nmdmvZneMp93g");
  REQUIRE(updated);
  CHECK(updated->id == hpc->id);  // updated in place, not replaced
  CHECK(updated->info.title == "Verkehrte Welt (updated)");
  CHECK(updated->rev == rev + 1);
  CHECK_FALSE(store.talk_by_key("fiY1iSGUjvq3YcgI6dYBwA"));
  auto gone = store.tombstones_since(rev);
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].table == "talks");
  CHECK(store.talks_changed_since(rev).size() == 1);
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
