#include <doctest/doctest.h>

#include "talkdex/archive.h"
#include "talkdex/index.h"
#include "talkdex/search.h"
#include "talkdex/store.h"
#include "temp_archive.h"
#include "test_support.h"

using namespace talkdex;

namespace {

TalkInfo talk(const std::string& key, const std::string& title, const std::string& kind, const std::string& start,
              std::vector<PersonRef> people = {}) {
  TalkInfo t = test::talk_info(key, title, kind, start);
  t.people = std::move(people);
  return t;
}

Schedule schedule() {
  Schedule s = test::schedule_of("ev", "Deep Learning Phenomena");
  s.talks = {
      talk("ev/1", "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask", "spotlight", "2019-06-15T09:45:00"),
      talk("ev/2", "Optimization's Untold Gift to Learning", "talk", "2019-06-15T09:00:00",
           {{"Nati Srebro", "", kRoleSpeaker}}),
      talk("ev/3", "Intriguing phenomena in training dynamics", "invited talk", "2019-06-15T14:30:00",
           {{"Andrew Saxe", "", kRoleSpeaker}}),
      talk("ev/4", "Tickets to the Müller lecture", "talk", "2020-07-01T10:00:00", {{"Jörg Müller", "", kRoleSpeaker}}),
  };
  s.talks[3].abstract = "A lottery of ideas.";
  RecordingInfo r;
  r.uri = "https://example.org/day.mp4";
  r.wallclock_start = "2019-06-15T08:45:00";
  r.items = {{"schedule:ev/1", 3600, 4500, s.talks[0].title, kTocSchedule, 0.5, std::nullopt, "ev/1", "", ""},
             {"file:5000000", 5000, std::nullopt, "Supermask ablations", kTocFile, 1.0, std::nullopt, "ev/1", "", ""}};
  s.recordings = {r};
  return s;
}


struct Fixture : test::TempArchive {
  Fixture() {
    store.import_schedule(test::source_record(), schedule());
    archive.rebuild(store);
  }
  SearchResults search(const std::string& q) {
    Searcher s(archive.search_databases());
    SearchOptions o;
    o.query = q;
    auto r = s.search(o);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.failure().message()));
    return r.value();
  }
};

}  // namespace

TEST_CASE("a title match ranks first and hits carry the moment to jump to") {
  Fixture f;
  auto r = f.search("lottery tickets");
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].title == "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask");
  REQUIRE(r.hits[0].offset);
  CHECK(*r.hits[0].offset == doctest::Approx(3600));
  CHECK(r.hits[0].link == "https://example.org/day.mp4#t=3600");
  CHECK(r.hits[0].start == "2019-06-15T09:45:00");
  CHECK(r.hits[0].snippet.find("<mark>") != std::string::npos);
}

TEST_CASE("hits are grouped by talk and a chapter match jumps to the chapter") {
  Fixture f;
  auto r = f.search("supermask ablations");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].title == "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask");
  REQUIRE(r.hits[0].moment);
  CHECK(r.hits[0].moment->title == "Supermask ablations");
  CHECK(*r.hits[0].offset == doctest::Approx(5000));
  auto all = f.search("supermask");
  CHECK(all.hits.size() == 1);  // the talk, its schedule slot and its chapter collapse into one hit
}

TEST_CASE("fields and filters select what they name") {
  Fixture f;
  auto srebro = f.search("speaker:srebro");
  REQUIRE(srebro.hits.size() == 1);
  CHECK(srebro.hits[0].speakers == std::vector<std::string>{"Nati Srebro"});
  CHECK(f.search("speaker:saxe").hits.at(0).kind == "invited talk");
  CHECK(f.search("kind:spotlight").hits.size() == 1);
  CHECK(f.search("kind:\"invited talk\"").hits.size() == 1);
  CHECK(f.search("title:tickets").hits.size() == 2);
  CHECK(f.search("speaker:tickets").hits.empty());
  CHECK(f.search("year:2020").hits.size() == 1);
  CHECK(f.search("tickets year:2019..2019").hits.size() == 1);
}

TEST_CASE("accents fold and stems match") {
  Fixture f;
  CHECK(f.search("Muller").hits.size() == 1);
  CHECK(f.search("Müller").hits.size() == 1);
  CHECK(f.search("deconstruct").hits.size() == 1);
}

TEST_CASE("a misspelt query gets a suggestion") {
  Fixture f;
  auto r = f.search("lotery tikets");
  CHECK(r.suggestion == "lottery tickets");
  CHECK(r.showing == "lottery tickets");
  CHECK_FALSE(r.hits.empty());
}

TEST_CASE("a query Xapian cannot parse is a failure naming the query") {
  Fixture f;
  Searcher s(f.archive.search_databases());
  SearchOptions o;
  o.query = "title:(";
  auto r = s.search(o);
  // Xapian reads a lone bracket leniently or rejects it; either way no exception escapes.
  if (!r.ok()) CHECK(r.failure().item.find("title:(") != std::string::npos);
}

TEST_CASE("the index follows the store: nothing new writes nothing, changes write only themselves") {
  Fixture f;
  auto rev = indexed_revision(f.archive.current_index());
  CHECK(rev == f.store.revision());
  auto none = f.archive.update(f.store);
  CHECK_FALSE(none.changed());

  auto s = schedule();
  s.talks[1].title = "Implicit regularization revisited";
  s.talks.pop_back();  // removed from the schedule
  f.store.import_schedule(test::source_record(), s);
  auto stats = f.archive.update(f.store);
  CHECK(stats.documents_written == 1);
  CHECK(stats.documents_deleted == 1);
  CHECK(f.search("regularization").hits.size() == 1);
  CHECK(f.search("Muller").hits.empty());
  CHECK(indexed_revision(f.archive.current_index()) == f.store.revision());
}

TEST_CASE("rebuild switches to a fresh index, retires the old one and removes it after the grace period") {
  Fixture f;
  auto before = f.archive.current_index();
  f.archive.rebuild(f.store);
  auto after = f.archive.current_index();
  CHECK(before != after);
  // Kept for a search that read the stub just before the switch, marked as retired.
  CHECK(std::filesystem::exists(before));
  CHECK(std::filesystem::exists(before / "talkdex-retired"));
  CHECK(f.search("lottery").hits.size() == 2);
  f.archive.remove_old_indexes();  // within the grace period: kept
  CHECK(std::filesystem::exists(before));
  f.archive.remove_old_indexes(std::chrono::seconds(0));
  CHECK_FALSE(std::filesystem::exists(before));
  CHECK(std::filesystem::exists(after));
  CHECK(f.search("lottery").hits.size() == 2);
}

TEST_CASE("several databases are searched together") {
  Fixture a;
  test::TempDir other;
  Archive b(other.path() / "b");
  b.create();
  Store sb(b.store_file());
  Schedule s = test::schedule_of("ev2", "Another workshop");
  s.talks = {talk("ev2/1", "Lottery tickets at scale", "talk", "2021-01-01T10:00:00")};
  sb.import_schedule(test::source_record(), s);
  b.rebuild(sb);
  Searcher both({a.archive.current_index().string(), b.current_index().string()});
  SearchOptions o;
  o.query = "lottery";
  auto r = both.search(o);
  REQUIRE(r.ok());
  CHECK(r->hits.size() == 3);
}
