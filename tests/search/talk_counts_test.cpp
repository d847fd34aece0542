// How many talks a search finds: exact, the same as grouping the whole result set, and following the
// index while a Searcher is kept open; the same whether the Searcher groups matches with Xapian's
// collapse or with the talks held in memory (SearcherOptions::group_in_memory, serve's).
#include <doctest/doctest.h>

#include <string>

#include "talkdex/archive.h"
#include "talkdex/search.h"
#include "talkdex/store.h"
#include "test_support.h"

using namespace talkdex;

namespace {

// `talks` talks in one day recording, 600 s each, titled "Heron study N" (or "Egret study N" for every
// third), each with three transcript passages that say "heron" as well.
Schedule day(int talks) {
  Schedule s;
  s.event.key = "ev";
  s.event.title = "Wetland Days";
  RecordingInfo r;
  r.uri = "/media/day.mkv";
  for (int i = 0; i < talks; ++i) {
    TalkInfo t;
    t.key = "ev/" + std::to_string(i);
    t.title = std::string(i % 3 == 2 ? "Egret" : "Heron") + " study " + std::to_string(i);
    t.kind = "talk";
    t.start = "2022-05-01T10:00:00";
    t.people = {{"Speaker " + std::to_string(i), "", kRoleSpeaker}};
    s.talks.push_back(t);
    r.items.push_back({"schedule:" + t.key, i * 600.0, (i + 1) * 600.0, t.title, kTocSchedule, 0.5, std::nullopt, t.key});
  }
  // Two chapters of no talk: each is a group of its own.
  r.items.push_back({"loose:1", 5.0, std::nullopt, "Heron notes before the talks", kTocFile, 1.0, std::nullopt, ""});
  r.items.push_back({"loose:2", 7.0, std::nullopt, "Heron notes again", kTocFile, 1.0, std::nullopt, ""});
  s.recordings = {r};
  return s;
}

std::vector<TranscriptPassage> passages(int talks) {
  std::vector<TranscriptPassage> out;
  for (int i = 0; i < talks; ++i)
    for (int k = 0; k < 3; ++k)
      out.push_back({i * 600.0 + 30 + k * 100, i * 600.0 + 60 + k * 100, "a heron by the water, then reeds", {}});
  return out;
}

SourceRecord source() {
  SourceRecord s;
  s.uri = "/wetland";
  s.kind = "test";
  return s;
}

struct Wetland {
  test::TempDir dir;
  Archive archive{dir.path() / "a"};
  Store store{(archive.create(), archive.store_file())};
  explicit Wetland(int talks) {
    store.import_schedule(source(), day(talks));
    store.replace_passages(store.recording_by_uri("/media/day.mkv")->id, "en", passages(talks));
    archive.rebuild(store);
  }
};

SearchResults search(Searcher& s, const std::string& q, std::size_t limit, bool facets = false, std::size_t offset = 0) {
  SearchOptions o;
  o.query = q;
  o.limit = limit;
  o.offset = offset;
  o.facets = facets;
  return s.search(o).value();
}

// A Searcher of the archive's index that groups with Xapian's collapse, or with the talks in memory.
Searcher searcher(const Archive& archive, bool in_memory) {
  SearcherOptions options;
  options.group_in_memory = in_memory;
  std::vector<SearchSource> sources = {{"", archive.search_databases()}};
  return Searcher(sources, options);
}

}  // namespace

TEST_CASE("a page's count of talks is exact and the same as grouping the whole result set") {
  for (bool in_memory : {false, true}) {
    CAPTURE(in_memory);
    Wetland w(30);
    Searcher s = searcher(w.archive, in_memory);
    for (const char* q : {"heron", "egret", "reeds", "heron study", "study -egret", "title:heron"}) {
      CAPTURE(q);
      auto page = search(s, q, 1);
      auto grouped = search(s, q, 1, true);  // --facets groups every match: Xapian's own count
      // Xapian's collapsed bounds need not meet here, but every match was seen: the count is said as exact.
      CHECK(page.total_exact);
      CHECK(page.matches_estimated == grouped.matches_estimated);
      CHECK(page.matches_estimated == search(s, q, 1000).hits.size());
    }
    CHECK(search(s, "heron", 1).matches_estimated == 30 + 2);  // every talk's passages say it, and two loose chapters
    CHECK(search(s, "egret", 1).matches_estimated == 10);
    CHECK(search(s, "title:heron", 1).matches_estimated == 20);
    CHECK(search(s, "study -egret", 1).matches_estimated == 20);
  }
}

TEST_CASE("a Searcher kept open counts the talks of the index as it is now") {
  for (bool in_memory : {false, true}) {
    CAPTURE(in_memory);
    Wetland w(30);
    Searcher s = searcher(w.archive, in_memory);
    CHECK(search(s, "heron", 1).matches_estimated == 30 + 2);
    CHECK(search(s, "egret", 1).matches_estimated == 10);
    // Six more talks: the same Searcher counts them, and its remembered documents do not count twice.
    w.store.import_schedule(source(), day(36));
    w.store.replace_passages(w.store.recording_by_uri("/media/day.mkv")->id, "en", passages(36));
    w.archive.update(w.store);
    CHECK(search(s, "heron", 1).matches_estimated == 36 + 2);
    CHECK(search(s, "egret", 1).matches_estimated == 12);
    // Passages that no longer say "heron" take their talks out of its count.
    auto fewer = passages(36);
    for (auto& p : fewer)
      if (p.start < 6 * 600.0) p.text = "only reeds here";
    w.store.replace_passages(w.store.recording_by_uri("/media/day.mkv")->id, "en", fewer);
    w.archive.update(w.store);
    auto r = search(s, "heron", 1);
    CHECK(r.matches_estimated == 36 - 2 + 2);  // talks 0-5 lose their passages' heron; 0, 1, 3, 4 keep their title's
    CHECK(search(s, "said:heron", 1).matches_estimated == 30);
  }
}

TEST_CASE("grouping with the talks in memory answers exactly as Xapian's collapse: pages, order, scores, hits") {
  Wetland w(40);
  Searcher collapsed = searcher(w.archive, false);
  Searcher in_memory = searcher(w.archive, true);
  for (const char* q : {"heron", "egret", "reeds", "heron study", "study -egret", "title:heron", "notes", "water OR egret",
                        "said:reeds", "\"heron by the water\"", "nothinglikethis"}) {
    for (std::size_t offset : {0, 3, 10, 39, 41}) {
      CAPTURE(q);
      CAPTURE(offset);
      auto a = search(collapsed, q, 7, false, offset);
      auto b = search(in_memory, q, 7, false, offset);
      CHECK(a.matches_estimated == b.matches_estimated);
      CHECK(a.total_exact == b.total_exact);
      CHECK(a.more == b.more);
      CHECK(a.suggestion == b.suggestion);
      REQUIRE(a.hits.size() == b.hits.size());
      for (std::size_t i = 0; i < a.hits.size(); ++i) {
        CAPTURE(i);
        CHECK(a.hits[i].ref() == b.hits[i].ref());
        CHECK(a.hits[i].title == b.hits[i].title);
        CHECK(a.hits[i].score == b.hits[i].score);
        CHECK(a.hits[i].percent == b.hits[i].percent);
        CHECK(a.hits[i].offset == b.hits[i].offset);
        CHECK(a.hits[i].snippet == b.hits[i].snippet);
        CHECK(a.hits[i].link == b.hits[i].link);
      }
    }
  }
  // The loose chapters are hits of their own, with no talk.
  auto notes = search(in_memory, "notes", 10);
  CHECK(notes.matches_estimated == 2);
  for (const auto& h : notes.hits) CHECK(h.key.empty());
}

TEST_CASE("past the talks counted exactly both groupings say \"more than\" and give the same best talks") {
  Wetland w(120);
  SearcherOptions few;
  few.exact_talks = 30;  // as kExactTalkCount, in a small index
  std::vector<SearchSource> sources = {{"", w.archive.search_databases()}};
  Searcher collapsed(sources, few);
  few.group_in_memory = true;
  Searcher in_memory(sources, few);
  for (std::size_t offset : {0, 7, 25}) {
    CAPTURE(offset);
    auto a = search(collapsed, "heron", 10, false, offset);
    auto b = search(in_memory, "heron", 10, false, offset);
    CHECK_FALSE(a.total_exact);
    CHECK_FALSE(b.total_exact);
    CHECK(a.matches_estimated >= 30);
    CHECK(b.matches_estimated >= 30);
    CHECK(b.matches_estimated <= 120 + 2);
    CHECK(a.more);
    CHECK(b.more);
    REQUIRE(a.hits.size() == b.hits.size());
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
      CAPTURE(i);
      CHECK(a.hits[i].ref() == b.hits[i].ref());
      CHECK(a.hits[i].score == b.hits[i].score);
    }
  }
  // Fewer talks than that are counted exactly by both.
  for (Searcher* s : {&collapsed, &in_memory}) {
    auto study = search(*s, "title:\"study 11\"", 10);
    CHECK(study.total_exact);
    CHECK(study.matches_estimated == 1);
  }
}
