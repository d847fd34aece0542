// Talks in German and English in one archive (issue 17, §5): each talk stemmed by its language, a query
// read in every language of the index with the exact word first, and German spellings without umlauts.
#include <doctest/doctest.h>

#include "talkdex/archive.h"
#include "talkdex/search.h"
#include "talkdex/store.h"
#include "temp_archive.h"
#include "test_support.h"

using namespace talkdex;

namespace {

TalkInfo talk(const std::string& key, const std::string& title, const std::string& language) {
  TalkInfo t = test::talk_info(key, title);
  t.language = language;
  t.start = "2024-12-28T11:00:00";
  return t;
}

// Imports `talks` as the schedule of event `key` (its source "/KEY").
void import_talks(Store& store, const std::string& key, std::vector<TalkInfo> talks) {
  Schedule s = test::schedule_of(key, key);
  s.talks = std::move(talks);
  SourceRecord src;
  src.uri = "/" + key;
  src.kind = "test";
  store.import_schedule(src, s);
}

struct Congress : test::TempArchive {
  Congress() {
    import_talks(store, "38c3",
                 {talk("1", "Sicherheitslücke im Router", "de"), talk("2", "Viele Sicherheitslücken", "de"),
                  talk("3", "Überwachung im Alltag", "de"), talk("4", "Straßenbahnen hacken", "de"),
                  talk("5", "Running servers at home", "en")});
    archive.rebuild(store);
  }
  std::vector<std::string> titles(const std::string& q) {
    Searcher searcher(archive.search_databases());
    SearchOptions o;
    o.query = q;
    std::vector<std::string> out;
    auto found = searcher.search(o);
    REQUIRE(found.ok());
    for (const auto& h : found.value().hits) out.push_back(h.title);
    return out;
  }
};

}  // namespace

TEST_CASE("German talks are stemmed as German: singular and plural find each other, the exact word first") {
  Congress c;
  CHECK(c.titles("Sicherheitslücke") ==
        std::vector<std::string>{"Sicherheitslücke im Router", "Viele Sicherheitslücken"});
  CHECK(c.titles("Sicherheitslücken") ==
        std::vector<std::string>{"Viele Sicherheitslücken", "Sicherheitslücke im Router"});
  CHECK(c.titles("title:sicherheitsluecken").size() == 2);
  // English talks keep English stems in the same archive.
  CHECK(c.titles("run server") == std::vector<std::string>{"Running servers at home"});
}

TEST_CASE("ue, oe, ae and ss find the words spelt with umlauts and ß") {
  Congress c;
  CHECK(c.titles("ueberwachung") == std::vector<std::string>{"Überwachung im Alltag"});
  CHECK(c.titles("Überwachung") == std::vector<std::string>{"Überwachung im Alltag"});
  CHECK(c.titles("uberwachung") == std::vector<std::string>{"Überwachung im Alltag"});
  CHECK(c.titles("strassenbahnen") == std::vector<std::string>{"Straßenbahnen hacken"});
  CHECK(c.titles("\"Überwachung im Alltag\"") == std::vector<std::string>{"Überwachung im Alltag"});
}

TEST_CASE("a Searcher kept open stems as German once `index` adds the archive's first German talks") {
  test::TempArchive t;
  import_talks(t.store, "conf", {talk("1", "Running servers at home", "en")});
  t.archive.rebuild(t.store);
  Searcher kept(t.archive.search_databases());  // as a server keeps one
  SearchOptions o;
  o.query = "Sicherheitslücken";
  auto before = kept.search(o);
  REQUIRE(before.ok());
  CHECK(before.value().hits.empty());

  import_talks(t.store, "38c3", {talk("2", "Sicherheitslücke im Router", "de")});
  t.archive.update(t.store);  // the same index, a new commit: the kept Searcher reopens, not reopened anew
  auto after = kept.search(o);
  REQUIRE(after.ok());
  REQUIRE(after.value().hits.size() == 1);
  CHECK(after.value().hits[0].title == "Sicherheitslücke im Router");
}

TEST_CASE("a Searcher kept for many queries reads each as a new one would (its query parsers are kept)") {
  Congress c;
  Searcher kept(c.archive.search_databases());
  auto titles_of = [](Searcher& s, const std::string& q, bool any = false) {
    SearchOptions o;
    o.query = q;
    o.match_any = any;
    auto found = s.search(o);
    REQUIRE(found.ok());
    std::vector<std::string> out;
    for (const auto& h : found.value().hits) out.push_back(h.title);
    return out;
  };
  // A filter value the parser could not read fails that query only, not the next one.
  SearchOptions bad;
  bad.query = "year:20x9 router";
  auto refused = kept.search(bad);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.failure().reason.find("year:20x9") != std::string::npos);
  CHECK(titles_of(kept, "router") == std::vector<std::string>{"Sicherheitslücke im Router"});
  // AND and OR, stemmed in each language, filters and fields: as a Searcher opened for the one query.
  for (const std::string q : {"Sicherheitslücken", "servers home", "title:router", "lang:en running",
                              "year:2024 alltag", "sicherheit*", "router OR servers"}) {
    CAPTURE(q);
    Searcher fresh(c.archive.search_databases());
    CHECK_FALSE(titles_of(fresh, q, true).empty());
    CHECK(titles_of(kept, q) == titles_of(fresh, q));
    CHECK(titles_of(kept, q, true) == titles_of(fresh, q, true));
  }
  // A word `index` adds later is in the kept parsers' database too: its wildcard finds it.
  CHECK(titles_of(kept, "zymur*").empty());
  import_talks(c.store, "39c3", {talk("9", "Zymurgy for hackers", "en")});
  c.archive.update(c.store);
  CHECK(titles_of(kept, "zymur*") == std::vector<std::string>{"Zymurgy for hackers"});
}
