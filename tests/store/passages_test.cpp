// Transcript passages in the store: replaced a recording at a time, stamped with revisions, deletions
// leave tombstones, and each passage knows its talk (the recording's, or the one whose item covers it).
#include <doctest/doctest.h>

#include "talkdex/error.h"
#include "talkdex/store.h"
#include "test_support.h"

using namespace talkdex;

namespace {

TalkInfo talk(const std::string& key, const std::string& title) {
  TalkInfo t = test::talk_info(key, title, "", "2019-06-15T09:00:00");
  return t;
}

// Two talks in one day recording: ev/1 from 600 s to 1800 s, ev/2 from 1800 s on.
Schedule day() {
  Schedule s = test::schedule_of("ev", "Workshop");
  s.talks = {talk("ev/1", "First"), talk("ev/2", "Second")};
  s.recordings = {test::day_recording("https://example.org/day.mp4",
                                      {{"ev/1", "First", 600, 1800}, {"ev/2", "Second", 1800, std::nullopt}})};
  return s;
}

std::vector<TranscriptPassage> passages(std::initializer_list<double> starts) {
  std::vector<TranscriptPassage> out;
  for (double s : starts) out.push_back({s, s + 30, "words at " + std::to_string(static_cast<int>(s)), {}});
  return out;
}

struct Fixture {
  test::TempDir dir;
  Store store{dir / "talkdex.sqlite"};
  std::int64_t recording = 0;
  Fixture() {
    store.import_schedule(test::source_record(), day());
    recording = store.recordings().at(0).id;
  }
};

}  // namespace

TEST_CASE("passages are replaced a recording at a time, with revisions and tombstones") {
  Fixture f;
  std::int64_t rev0 = f.store.revision();
  auto first = f.store.replace_passages(f.recording, "en", passages({0, 630, 1200, 1830}));
  CHECK(first.written == 4);
  CHECK(f.store.revision() == rev0 + 1);
  auto all = f.store.passages_for_recording(f.recording);
  REQUIRE(all.size() == 4);
  CHECK(all[1].passage.text == "words at 630");
  CHECK(all[1].passage.start == 630);
  CHECK(all[1].language == "en");
  CHECK(all[1].recording_uri == "https://example.org/day.mp4");

  SUBCASE("the same passages again change nothing") {
    auto again = f.store.replace_passages(f.recording, "en", passages({0, 630, 1200, 1830}));
    CHECK_FALSE(again.changed());
    CHECK(again.unchanged == 4);
    CHECK(f.store.revision() == rev0 + 1);
  }
  SUBCASE("a shorter transcript deletes the rest and leaves tombstones; changed ones get the new revision") {
    auto v = passages({0, 630});
    v[1].text = "other words";
    auto s = f.store.replace_passages(f.recording, "en", v);
    CHECK(s.written == 1);
    CHECK(s.removed == 2);
    CHECK(s.unchanged == 1);
    auto changed = f.store.passages_changed_since(rev0 + 1);
    REQUIRE(changed.size() == 1);
    CHECK(changed[0].passage.text == "other words");
    int tombs = 0;
    for (const auto& t : f.store.tombstones_since(rev0 + 1)) tombs += t.table == "passages";
    CHECK(tombs == 2);
  }
  SUBCASE("another language is another transcript") {
    f.store.replace_passages(f.recording, "de", passages({0}));
    CHECK(f.store.passages_for_recording(f.recording).size() == 5);
  }
}

TEST_CASE("a passage belongs to the talk whose item covers its start, or to the recording's talk") {
  Fixture f;
  f.store.replace_passages(f.recording, "", passages({0, 630, 1200, 1830}));
  auto first = f.store.talk_by_key("ev/1")->id;
  auto second = f.store.talk_by_key("ev/2")->id;
  auto all = f.store.passages_for_recording(f.recording);
  CHECK_FALSE(all[0].talk_id.has_value());  // before the first talk
  CHECK(all[1].talk_id == first);
  CHECK(all[2].talk_id == first);
  CHECK(all[3].talk_id == second);
  CHECK(f.store.passages_for_talk(first).size() == 2);
  CHECK(f.store.passages_for_talk(second).size() == 1);

  // A recording of one talk: all its passages are that talk's.
  RecordingInfo own;
  own.uri = "/videos/second.mp4";
  auto rid = f.store.put_recording(own, {.talk_id = second, .container = "mp4"});
  f.store.replace_passages(rid, "", passages({0, 30}));
  CHECK(f.store.passages_for_talk(second).size() == 3);
}

TEST_CASE("when a talk's items change, the recording's passages are stamped for the index") {
  Fixture f;
  f.store.replace_passages(f.recording, "", passages({630, 1830}));
  std::int64_t rev = f.store.revision();
  CHECK(f.store.passages_changed_since(rev).empty());
  auto s = day();
  s.recordings[0].items[1].start = 1700;  // the second talk starts earlier
  f.store.import_schedule(test::source_record(), s);
  CHECK(f.store.passages_changed_since(rev).size() == 2);

  rev = f.store.revision();
  s.talks.pop_back();  // the second talk leaves the schedule: its passages lose their talk
  s.recordings[0].items.pop_back();
  f.store.import_schedule(test::source_record(), s);
  auto changed = f.store.passages_changed_since(rev);
  REQUIRE(changed.size() == 2);
  CHECK_FALSE(changed[1].talk_id.has_value());
}

TEST_CASE("bad passages are refused and leave the store as it was") {
  Fixture f;
  std::int64_t rev = f.store.revision();
  CHECK_THROWS_AS(f.store.replace_passages(f.recording, "", {{-1, std::nullopt, "x", {}}}), Error);
  CHECK_THROWS_AS(f.store.replace_passages(f.recording, "", {{10, 5.0, "x", {}}}), Error);
  CHECK_THROWS_AS(f.store.replace_passages(9999, "", passages({0})), Error);
  CHECK(f.store.revision() == rev);
  CHECK(f.store.passages_for_recording(f.recording).empty());

  int n = 0;
  f.store.replace_passages(f.recording, "", passages({0, 630, 1200}));
  f.store.scan_passages([&](const PassageRow& p) { CHECK(p.ordinal == n++); });
  CHECK(n == 3);
}
