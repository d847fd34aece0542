// A parsed schedule.xml through the store: stored whole, unchanged on a second import, and updated in place
// by talk key when the export changes.
#include <doctest/doctest.h>

#include "talkdex/indexer/schedule/schedule_formats.h"
#include "talkdex/store.h"
#include "schedule_gen.h"
#include "test_support.h"

using namespace talkdex;

namespace {

Schedule parse(const std::string& xml) {
  auto r = parse_frab_xml(xml, "schedule.xml");
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
  std::string xml = mediagen::frab_schedule_xml(123);

  auto first = store.import_schedule(test::source_record("/generated/schedule.xml", "frab-xml"), parse(xml));
  CHECK(first.talks_added == 123);
  CHECK(store.counts().talks == 123);
  CHECK(store.counts().events == 1);
  auto hpc = store.talk_by_key(mediagen::frab_schedule_guid(0));
  REQUIRE(hpc);
  CHECK(hpc->info.title == mediagen::frab_schedule_title(0));
  CHECK(hpc->info.start.rfind("2024-07-01T09:00:00", 0) == 0);
  CHECK(hpc->info.end.rfind("2024-07-01T09:25:00", 0) == 0);
  REQUIRE(hpc->info.people.size() == 1);
  CHECK(hpc->info.people[0].name == "Speaker 1 Example0");
  auto third = store.talk_by_key(mediagen::frab_schedule_guid(2));
  REQUIRE(third);
  CHECK(third->info.people.size() == 3);
  CHECK(third->info.links.empty());
  CHECK(hpc->info.links.size() == 1);
  std::int64_t rev = store.revision();

  auto again = store.import_schedule(test::source_record("/generated/schedule.xml", "frab-xml"), parse(xml));
  CHECK_FALSE(again.changed());
  CHECK(again.talks_unchanged == 123);
  CHECK(store.revision() == rev);

  std::string edited = xml;
  const std::string old_title = "<title>" + mediagen::frab_schedule_title(0) + "</title>";
  size_t at = edited.find(old_title);
  REQUIRE(at != std::string::npos);
  edited.replace(at, old_title.size(), "<title>Renamed (updated)</title>");
  edited = without_event(edited, mediagen::frab_schedule_guid(1));
  auto changed = store.import_schedule(test::source_record("/generated/schedule.xml", "frab-xml"), parse(edited));
  CHECK(changed.changed());
  CHECK(changed.talks_added == 0);
  CHECK(changed.talks_updated == 1);
  CHECK(changed.talks_removed == 1);
  CHECK(changed.talks_unchanged == 121);
  CHECK(store.revision() == rev + 1);
  CHECK(store.counts().talks == 122);
  auto updated = store.talk_by_key(mediagen::frab_schedule_guid(0));
  REQUIRE(updated);
  CHECK(updated->id == hpc->id);  // updated in place, not replaced
  CHECK(updated->info.title == "Renamed (updated)");
  CHECK(updated->rev == rev + 1);
  CHECK_FALSE(store.talk_by_key(mediagen::frab_schedule_guid(1)));
  auto gone = store.tombstones_since(rev);
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].table == "talks");
  CHECK(store.talks_changed_since(rev).size() == 1);
}
