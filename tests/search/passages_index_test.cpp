// Transcript passages in the index: written by the build, kept up to date by the incremental update when
// their words, their talk or the talk's words change.
#include <doctest/doctest.h>

#include "talkdex/archive.h"
#include "talkdex/search.h"
#include "talkdex/store.h"
#include "temp_archive.h"
#include "test_support.h"

using namespace talkdex;

namespace {

TalkInfo talk(const std::string& key, const std::string& title, const std::string& speaker) {
  TalkInfo t = test::talk_info(key, title, "talk", "2022-05-01T10:00:00");
  t.people = {{speaker, "", kRoleSpeaker}};
  return t;
}

Schedule schedule() {
  Schedule s = test::schedule_of("ev", "Spring Meeting");
  s.talks = {talk("ev/1", "Birds of the marsh", "Ada Lovelace"), talk("ev/2", "Rivers and deltas", "Alan Turing")};
  s.recordings = {test::day_recording("/media/day.mkv", {{"ev/1", "Birds of the marsh", 0, 600},
                                                        {"ev/2", "Rivers and deltas", 600, std::nullopt}})};
  return s;
}


struct Fixture : test::TempArchive {
  std::int64_t recording = 0;
  Fixture() {
    store.import_schedule(test::source_record("/spring"), schedule());
    recording = store.recording_by_uri("/media/day.mkv")->id;
    store.replace_passages(recording, "en",
                           {{30, 60, "the heron waits in the reeds", {}}, {630, 660, "sediment builds the delta", {}}});
    archive.rebuild(store);
  }
  std::vector<Hit> hits(const std::string& q) {
    Searcher s(archive.search_databases());
    SearchOptions o;
    o.query = q;
    return s.search(o).value().hits;
  }
};

}  // namespace

TEST_CASE("passages are indexed with their talk, offset and link") {
  Fixture f;
  auto heron = f.hits("heron");
  REQUIRE(heron.size() == 1);
  CHECK(heron[0].title == "Birds of the marsh");
  CHECK(heron[0].speakers == std::vector<std::string>{"Ada Lovelace"});
  CHECK(*heron[0].offset == 30);
  CHECK(heron[0].link == "/media/day.mkv#t=30");
  CHECK(heron[0].moment->source == "transcript");
  CHECK(heron[0].moment->title == "the heron waits in the reeds");
  // The talk's words and filters reach its passages.
  CHECK(f.hits("speaker:turing said:sediment").size() == 1);
  CHECK(f.hits("speaker:lovelace said:sediment").empty());
  CHECK(f.hits("kind:talk year:2022 said:heron").size() == 1);
  CHECK(f.hits("lang:en heron").size() == 1);
  CHECK(f.hits("lang:de heron").empty());
}

TEST_CASE("the update follows changed, removed and moved passages") {
  Fixture f;
  SUBCASE("new words") {
    f.store.replace_passages(f.recording, "en",
                             {{30, 60, "the bittern booms at dusk", {}}, {630, 660, "sediment builds the delta", {}}});
    auto stats = f.archive.update(f.store);
    CHECK(stats.documents_written == 1);
    CHECK(f.hits("heron").empty());
    CHECK(f.hits("bittern").size() == 1);
  }
  SUBCASE("passages removed") {
    f.store.replace_passages(f.recording, "en", {{30, 60, "the heron waits in the reeds", {}}});
    auto stats = f.archive.update(f.store);
    CHECK(stats.documents_deleted == 1);
    CHECK(f.hits("sediment").empty());
    CHECK(f.hits("heron").size() == 1);
  }
  SUBCASE("a talk's new start moves the passage to the talk before it") {
    auto s = schedule();
    s.recordings[0].items[0].end = 700;
    s.recordings[0].items[1].start = 700;
    f.store.import_schedule(test::source_record("/spring"), s);
    f.archive.update(f.store);
    auto sediment = f.hits("sediment");
    REQUIRE(sediment.size() == 1);
    CHECK(sediment[0].title == "Birds of the marsh");
  }
  SUBCASE("a renamed talk's passages carry its new words") {
    auto s = schedule();
    s.talks[0].title = "Waders of the fen";
    f.store.import_schedule(test::source_record("/spring"), s);
    f.archive.update(f.store);
    CHECK(f.hits("waders heron").size() == 1);
    CHECK(f.hits("marsh heron").empty());
  }
  SUBCASE("a talk that leaves the schedule leaves its passages to the recording") {
    auto s = schedule();
    s.talks.pop_back();
    s.recordings[0].items.pop_back();
    f.store.import_schedule(test::source_record("/spring"), s);
    f.archive.update(f.store);
    auto sediment = f.hits("sediment");
    REQUIRE(sediment.size() == 1);
    CHECK_FALSE(sediment[0].talk_id.has_value());
    CHECK(sediment[0].title == "day.mkv");
    CHECK(sediment[0].link == "/media/day.mkv#t=630");
  }
  // Whatever changed, the updated index answers as a fresh build of the same store does.
  auto updated = f.hits("sediment OR heron OR bittern");
  f.archive.rebuild(f.store);
  auto rebuilt = f.hits("sediment OR heron OR bittern");
  REQUIRE(updated.size() == rebuilt.size());
  for (std::size_t i = 0; i < updated.size(); ++i) {
    CHECK(updated[i].title == rebuilt[i].title);
    CHECK(updated[i].offset == rebuilt[i].offset);
  }
}

TEST_CASE("said: finds spoken words only: words, phrases, wildcards, hyphens") {
  Fixture f;
  f.store.replace_passages(f.recording, "en",
                           {{30, 60, "the heron waits in the reeds for an e-mail", {}},
                            {630, 660, "sediment builds the delta", {}}});
  f.archive.update(f.store);
  CHECK(f.hits("said:marsh").empty());  // in the talk's title, never said
  CHECK(f.hits("marsh heron").size() == 1);  // the title's words still find the talk's passages
  CHECK(f.hits("said:heron").size() == 1);
  CHECK(f.hits("said:herons").size() == 1);  // stems
  CHECK(f.hits("said:\"heron waits\"").size() == 1);
  CHECK(f.hits("said:\"waits heron\"").empty());
  CHECK(f.hits("said:\"birds of the marsh\"").empty());  // the title as a phrase was not said
  CHECK(f.hits("said:her*").size() == 1);
  CHECK(f.hits("said:mars*").empty());
  CHECK(f.hits("said:e-mail").size() == 1);
  CHECK(f.hits("said:(heron reeds)").size() == 1);
  CHECK(f.hits("said:heron OR said:sediment").size() == 2);
  CHECK(f.hits("delta -said:heron").size() == 1);
  auto hit = f.hits("said:\"heron waits\"");
  REQUIRE(hit.size() == 1);
  CHECK(hit[0].snippet.find("<mark>heron waits</mark>") != std::string::npos);  // a phrase is marked whole

  // Transcripts are not spelling data: a suggestion comes from titles, speakers, chapters and abstracts,
  // and keeps the said: part as typed.
  Searcher s(f.archive.search_databases());
  SearchOptions o;
  o.query = "said:\"heron waits\" rivrs";
  auto r = s.search(o).value();
  CHECK(r.hits.empty());
  CHECK(r.suggestion == "said:\"heron waits\" rivers");
  o.query = "sedimnt";
  CHECK(s.search(o).value().suggestion.empty());
}

TEST_CASE("a transcript hit jumps to the cue holding the matched words, not to its passage's start") {
  Fixture f;
  TranscriptPassage p{1, 31, "we begin with pruning and then the supermask is trained on top", {}};
  p.cues = {{0, 1}, {p.text.find("and then"), 9}, {p.text.find("the supermask"), 21}, {p.text.find("on top"), 27}};
  f.store.replace_passages(f.recording, "en", {p, {630, 660, "sediment builds the delta", {}}});
  f.archive.update(f.store);
  auto hit = f.hits("said:supermask");
  REQUIRE(hit.size() == 1);
  CHECK(*hit[0].offset == 21);
  CHECK(hit[0].moment->offset == 21);
  CHECK(hit[0].link == "/media/day.mkv#t=21");
  // A stemmed word finds its cue too; the cue with most of the words wins.
  CHECK(*f.hits("pruned").at(0).offset == 1);
  CHECK(*f.hits("supermasks trained").at(0).offset == 21);
  // Words of the talk's title are not in the passage: the passage's own matched words decide.
  CHECK(*f.hits("marsh top").at(0).offset == 27);
  // Passages without cue times (older stores) still jump to their start.
  CHECK(*f.hits("sediment").at(0).offset == 630);
  // The cue times survive an update and a rebuild of the store's passages.
  auto rows = f.store.passages_for_recording(f.recording);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].passage.cues == p.cues);
  f.archive.rebuild(f.store);
  CHECK(*f.hits("said:supermask").at(0).offset == 21);
}

TEST_CASE("counts are of talks, exact although a talk has many matching passages") {
  Fixture f;
  std::vector<TranscriptPassage> many;
  for (int i = 0; i < 40; ++i) many.push_back({i * 12.0, i * 12.0 + 10, "the heron waits", {}});
  many.push_back({630, 660, "a heron by the delta", {}});
  f.store.replace_passages(f.recording, "en", many);
  f.archive.update(f.store);
  Searcher s(f.archive.search_databases());
  SearchOptions o;
  o.query = "heron";
  o.limit = 1;
  auto r = s.search(o).value();
  CHECK(r.matches_estimated == 2);
  CHECK(r.total_exact);
  CHECK(r.more);
  o.offset = 5;
  r = s.search(o).value();
  CHECK(r.hits.empty());
  CHECK(r.matches_estimated == 2);  // a page past the end still knows how many there are
}
