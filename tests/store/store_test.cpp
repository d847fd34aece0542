#include <doctest/doctest.h>

#include "talkdex/error.h"
#include "talkdex/store.h"
#include "test_support.h"

using namespace talkdex;

namespace {

Schedule sample_schedule() {
  Schedule s = test::schedule_of("ev1", "Deep Phenomena");
  s.event.kind = "workshop";
  s.event.organizers = {{"Ali Rahimi", "Google", kRoleOrganizer}};
  TalkInfo a = test::talk_info("ev1/a", "First talk", "talk", "2019-06-15T09:00:00");
  a.people = {{"Nati Srebro", "", kRoleSpeaker}};
  a.links = {{"https://example.org/v?tocitem=1", "Video", 1}};
  TalkInfo b = test::talk_info("ev1/b", "Panel", "panel");
  b.people = {{"Ali Rahimi", "", kRoleModerator}, {"Nati Srebro", "", kRolePanelist}};
  s.talks = {a, b};
  RecordingInfo r;
  r.uri = "https://example.org/v";
  r.wallclock_start = "2019-06-15T09:00:00";
  r.items = {{"schedule:ev1/a", 0, 1800, "First talk", kTocSchedule, 0.5, 1, "ev1/a", "", ""},
             {"schedule:ev1/b", 1800, std::nullopt, "Panel", kTocSchedule, 0.5, std::nullopt, "ev1/b", "", ""}};
  s.recordings = {r};
  return s;
}

SourceRecord source(const std::string& uri) {
  SourceRecord s;
  s.uri = uri;
  s.kind = "test";
  s.status = "ok";
  return s;
}

}  // namespace

TEST_CASE("a schedule is stored whole and read back") {
  test::TempDir dir;
  Store store(dir / "talkdex.sqlite");
  auto sum = store.import_schedule(source("/x"), sample_schedule());
  CHECK(sum.talks_added == 2);
  CHECK(sum.items_written == 2);
  auto c = store.counts();
  CHECK(c.events == 1);
  CHECK(c.talks == 2);
  CHECK(c.people == 2);  // Nati Srebro appears twice but is one person
  CHECK(c.recordings == 1);
  CHECK(c.items == 2);
  auto t = store.talk_by_key("ev1/b");
  REQUIRE(t);
  REQUIRE(t->info.people.size() == 2);
  CHECK(t->info.people[0].role == "moderator");
  CHECK(t->info.people[0].affiliation == "Google");
  auto items = store.toc_items_for_talk(store.talk_by_key("ev1/a")->id);
  REQUIRE(items.size() == 1);
  CHECK(items[0].entry.alias == 1);
  CHECK(items[0].entry.end == doctest::Approx(1800));
  auto ev = store.event(sum.event_id);
  REQUIRE(ev);
  REQUIRE(ev->info.organizers.size() == 1);
  CHECK(ev->info.organizers[0].affiliation == "Google");
}

TEST_CASE("importing the same schedule again changes nothing") {
  test::TempDir dir;
  Store store(dir / "talkdex.sqlite");
  store.import_schedule(source("/x"), sample_schedule());
  auto rev = store.revision();
  auto sum = store.import_schedule(source("/x"), sample_schedule());
  CHECK_FALSE(sum.changed());
  CHECK(sum.talks_unchanged == 2);
  CHECK(store.revision() == rev);
}

TEST_CASE("a changed schedule updates in place and removes talks that left") {
  test::TempDir dir;
  Store store(dir / "talkdex.sqlite");
  store.import_schedule(source("/x"), sample_schedule());
  auto id_a = store.talk_by_key("ev1/a")->id;
  auto rev = store.revision();
  auto s = sample_schedule();
  s.talks[0].title = "First talk, renamed";
  s.talks.pop_back();
  s.recordings[0].items.pop_back();
  auto sum = store.import_schedule(source("/x"), s);
  CHECK(sum.talks_updated == 1);
  CHECK(sum.talks_removed == 1);
  CHECK(store.revision() == rev + 1);
  auto a = store.talk_by_key("ev1/a");
  REQUIRE(a);
  CHECK(a->id == id_a);
  CHECK(a->info.title == "First talk, renamed");
  CHECK_FALSE(store.talk_by_key("ev1/b"));
  CHECK(store.counts().items == 1);
  auto tomb = store.tombstones_since(rev);
  CHECK(tomb.size() == 2);  // the talk and its item
  CHECK(store.talks_changed_since(rev).size() == 1);
}

TEST_CASE("a failing import leaves the store as it was") {
  test::TempDir dir;
  Store store(dir / "talkdex.sqlite");
  store.import_schedule(source("/x"), sample_schedule());
  auto rev = store.revision();
  auto s = sample_schedule();
  s.talks[0].title = "Changed";
  s.talks.push_back(s.talks[1]);  // a duplicate key fails the import half way
  CHECK_THROWS_AS(store.import_schedule(source("/x"), s), Error);
  CHECK(store.revision() == rev);
  CHECK(store.talk_by_key("ev1/a")->info.title == "First talk");
  CHECK(store.counts().talks == 2);
}

TEST_CASE("a store reopens with its data and refuses a newer schema") {
  test::TempDir dir;
  {
    Store store(dir / "talkdex.sqlite");
    store.import_schedule(source("/x"), sample_schedule());
  }
  Store again(dir / "talkdex.sqlite");
  CHECK(again.counts().talks == 2);
  CHECK(again.source("/x")->kind == "test");
}

TEST_CASE("recordings by uri prefix: a range of the index, exactly the uris that begin so") {
  test::TempDir dir;
  Store store(dir / "store.sqlite");
  for (const char* uri : {"/a/talk.mp4", "/a/talk.part.mp4", "/a/talks.mp4", "/a/tal.mp4", "/b/talk.mp4",
                          "/a/talk.\xC3\xA9.mkv"}) {
    RecordingInfo r;
    r.uri = uri;
    store.put_recording(r);
  }
  std::vector<std::string> uris;
  for (const auto& r : store.recordings_with_uri_prefix("/a/talk.")) uris.push_back(r.uri);
  CHECK(uris == std::vector<std::string>{"/a/talk.mp4", "/a/talk.part.mp4", "/a/talk.\xC3\xA9.mkv"});
  CHECK(store.recordings_with_uri_prefix("/c/").empty());
}

TEST_CASE("the same item from two sources is one item, of the higher-ranked source") {
  test::TempDir dir;
  Store store(dir / "s.sqlite");
  auto entry = [](const std::string& key, double start, const std::string& title, const char* source) {
    TocEntry e;
    e.key = key;
    e.start = start;
    e.title = title;
    e.source = source;
    return e;
  };
  RecordingInfo embedded;
  embedded.uri = "/v/talk.mkv";
  embedded.items = {entry("embedded:0", 0, "Intro", kTocEmbedded), entry("embedded:1", 60, "Masks", kTocEmbedded),
                    entry("embedded:2", 120, "Questions", kTocEmbedded)};
  auto id = store.put_recording(embedded);
  // The chapters written out and imported back as a file: no item doubles, none renumbers.
  RecordingInfo file = embedded;
  file.items = {entry("file:0", 0, "Intro", kTocFile), entry("file:1", 60, "Masks", kTocFile),
                entry("file:2", 120, "Questions", kTocFile)};
  store.put_recording(file);
  auto items = store.toc_items_for_recording(id);
  REQUIRE(items.size() == 3);
  for (const auto& it : items) CHECK(it.entry.source == kTocEmbedded);
  std::int64_t rev = store.revision();
  store.put_recording(file);  // the same again changes nothing
  CHECK(store.revision() == rev);
  // A title edited in the exported file corrects that one item, in place (issue 17, §6).
  file.items[1].title = "Supermasks";
  store.put_recording(file);
  items = store.toc_items_for_recording(id);
  REQUIRE(items.size() == 3);
  CHECK(items[1].entry.title == "Supermasks");
  CHECK(items[1].entry.source == kTocEmbedded);
  // A higher-ranked source takes the item over from a lower one.
  RecordingInfo manual = embedded;
  manual.items = {entry("manual:0", 0, "Intro", kTocManual)};
  store.put_recording(manual);
  items = store.toc_items_for_recording(id);
  REQUIRE(items.size() == 3);
  CHECK(items[0].entry.source == kTocManual);
}

TEST_CASE("SQLite errors name the store file and carry a code") {
  test::TempDir dir;
  const auto file = dir / "talkdex.sqlite";
  test::write_file(file, std::string(8192, 'x'));
  try {
    Store store(file);
    FAIL("a file that is no database opened as a store");
  } catch (const Error& e) {
    const std::string what = e.what();
    CHECK(what.find("talkdex.sqlite: ") != std::string::npos);
    CHECK(what.rfind("store:", 0) == std::string::npos);
    CHECK(e.code() == ErrorCode::invalid_input);
  }
}
