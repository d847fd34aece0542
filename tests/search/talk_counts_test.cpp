// How many talks a search finds: exact, the same as grouping the whole result set, and following the
// index while a Searcher is kept open.
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

SearchResults search(Searcher& s, const std::string& q, std::size_t limit, bool facets = false) {
  SearchOptions o;
  o.query = q;
  o.limit = limit;
  o.facets = facets;
  return s.search(o).value();
}

}  // namespace

TEST_CASE("a page's count of talks is exact and the same as grouping the whole result set") {
  Wetland w(30);
  Searcher s(w.archive.search_databases());
  for (const char* q : {"heron", "egret", "reeds", "heron study", "study -egret", "title:heron"}) {
    CAPTURE(q);
    auto page = search(s, q, 1);
    auto grouped = search(s, q, 1, true);  // --facets groups every match: Xapian's own count
    // Xapian's collapsed bounds need not meet here, but every match was seen: the count is said as exact.
    CHECK(page.total_exact);
    CHECK(page.matches_estimated == grouped.matches_estimated);
    CHECK(page.matches_estimated == search(s, q, 1000).hits.size());
  }
  CHECK(search(s, "heron", 1).matches_estimated == 30);  // every talk's passages say it
  CHECK(search(s, "egret", 1).matches_estimated == 10);
  CHECK(search(s, "title:heron", 1).matches_estimated == 20);
  CHECK(search(s, "study -egret", 1).matches_estimated == 20);
}

TEST_CASE("a Searcher kept open counts the talks of the index as it is now") {
  Wetland w(30);
  Searcher s(w.archive.search_databases());
  CHECK(search(s, "heron", 1).matches_estimated == 30);
  CHECK(search(s, "egret", 1).matches_estimated == 10);
  // Six more talks: the same Searcher counts them, and its remembered documents do not count twice.
  w.store.import_schedule(source(), day(36));
  w.store.replace_passages(w.store.recording_by_uri("/media/day.mkv")->id, "en", passages(36));
  w.archive.update(w.store);
  CHECK(search(s, "heron", 1).matches_estimated == 36);
  CHECK(search(s, "egret", 1).matches_estimated == 12);
  // Passages that no longer say "heron" take their talks out of its count.
  auto fewer = passages(36);
  for (auto& p : fewer)
    if (p.start < 6 * 600.0) p.text = "only reeds here";
  w.store.replace_passages(w.store.recording_by_uri("/media/day.mkv")->id, "en", fewer);
  w.archive.update(w.store);
  auto r = search(s, "heron", 1);
  CHECK(r.matches_estimated == 36 - 2);  // talks 0-5 lose their passages' heron; 0, 1, 3, 4 keep their title's
  CHECK(search(s, "said:heron", 1).matches_estimated == 30);
}
