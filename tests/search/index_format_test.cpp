// What the index stores for grouping (format 4): the talk's key padded to one collapse value on every
// document of the talk; and that an index written before (format 3: the bare key), as an older remote shard
// may serve, still groups and gives complete hits.
#include <doctest/doctest.h>
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "documents.h"
#include "fields.h"
#include "talkdex/search.h"
#include "temp_archive.h"
#include "test_support.h"

using namespace talkdex;

namespace {

Schedule heron_days() {
  Schedule s = test::schedule_of("ev", "Wetland Days");
  TalkInfo a = test::talk_info("ev/1", "Heron habits", "talk", "2022-05-01T10:00:00");
  a.abstract = "How a heron stands still.";
  TalkInfo b = test::talk_info("ev/2", "Reeds and water", "talk", "2022-05-01T11:00:00");
  s.talks = {a, b};
  RecordingInfo r;
  r.uri = "/media/day.mkv";
  r.items = {{"schedule:ev/1", 0, 600, a.title, kTocSchedule, 0.5, std::nullopt, "ev/1", "", ""},
             {"file:700", 700, std::nullopt, "A heron at the reeds", kTocFile, 1.0, std::nullopt, "ev/2", "", ""}};
  s.recordings = {r};
  return s;
}

SearchResults search(Searcher& s, const std::string& q) {
  SearchOptions o;
  o.query = q;
  auto r = s.search(o);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.failure().message()));
  return r.value();
}

}  // namespace

TEST_CASE("the collapse value is the talk's key padded, the same on all its documents; hits give the bare key") {
  CHECK(docs::collapse_value("ev/1").size() == fields::kCollapseValueBytes);
  CHECK(docs::key_of_collapse_value(docs::collapse_value("ev/1")) == "ev/1");
  CHECK(docs::key_of_collapse_value("ev/1") == "ev/1");  // a value of format 3
  std::string long_key(fields::kCollapseValueBytes + 10, 'k');
  CHECK(docs::collapse_value(long_key) == long_key);
  CHECK(docs::key_of_collapse_value(docs::collapse_value(long_key)) == long_key);

  test::TempArchive t;
  t.store.import_schedule(test::source_record(), heron_days());
  t.archive.rebuild(t.store);
  Xapian::Database db(t.archive.search_databases().front());
  std::set<std::string> keys;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    std::string value = db.get_document(*it).get_value(fields::kCollapse);
    CHECK(value.size() == fields::kCollapseValueBytes);
    keys.insert(docs::key_of_collapse_value(value));
  }
  CHECK(keys == std::set<std::string>{"ev/1", "ev/2"});

  Searcher s(t.archive.search_databases());
  auto r = search(s, "heron");
  REQUIRE(r.hits.size() == 2);  // each talk once: ev/2 by its chapter, ev/1 by its title, abstract and slot
  CHECK(r.total_exact);
  CHECK(r.matches_estimated == 2);
  std::set<std::string> hit_keys;
  for (const auto& h : r.hits) hit_keys.insert(h.key);
  CHECK(hit_keys == std::set<std::string>{"ev/1", "ev/2"});
  auto page = s.talk("ev/2", "");
  REQUIRE(page.ok());
  CHECK(page->talk.key == "ev/2");
  CHECK(page->talk.title == "Reeds and water");
  // Excluding words groups the talks that have them by key: the key read from the padded value.
  auto without = search(s, "-heron");
  CHECK(without.matches_estimated == 0);
  CHECK(search(s, "-habits").hits.at(0).key == "ev/2");
}

TEST_CASE("an index of format 3 (the bare key as collapse value), as an older shard serves, gives complete hits") {
  test::TempDir dir;
  std::string path = (dir.path() / "old").string();
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    for (int i = 1; i <= 2; ++i) {
      Xapian::Document doc;
      doc.add_term("heron", 12);
      doc.add_term("Zheron", 12);
      doc.add_boolean_term(std::string(fields::kDocKindPrefix) + (i == 1 ? "talk" : "item"));
      doc.add_value(fields::kCollapse, "old/1");
      nlohmann::json data = {{"talk_id", 7}, {"title", "Heron habits"}, {"speakers", {"Ada Egret"}},
                             {"event", "Wetland Days"}, {"kind", "talk"}, {"start", nullptr},
                             {"text", "How a heron stands still."}, {"offset", nullptr}, {"link", nullptr},
                             {"moment", nullptr}, {"type", i == 1 ? "talk" : "item"}};
      doc.set_data(data.dump());
      db.add_document(doc);
    }
    db.commit();
  }
  Searcher s({path});
  auto r = search(s, "heron");
  REQUIRE(r.hits.size() == 1);  // the talk's two documents are one hit
  CHECK(r.matches_estimated == 1);
  CHECK(r.hits[0].key == "old/1");
  CHECK(r.hits[0].title == "Heron habits");
  CHECK(r.hits[0].speakers == std::vector<std::string>{"Ada Egret"});
  CHECK(r.hits[0].snippet.find("<mark>heron</mark>") != std::string::npos);
}
