// Searching several archives' indexes as one (what a front does with its shards), with local index
// folders: hits say which source they came from and carry the talk's key, another store's talk numbers
// are not shown, exclusions work by key even where the stores' numbers meet, and a talk is read back by
// key from the source that holds it. Then a real xapian-tcpsrv: a shard's later address is used when the
// first refuses, and a Searcher kept open sees an update of the shard's index. The commands over
// xapian-tcpsrv are tested end to end in cli_tests.
#include <doctest/doctest.h>

#include "background_process.h"
#include "refusing_port.h"
#include "talkdex/archive.h"
#include "talkdex/search.h"
#include "talkdex/store.h"
#include "test_support.h"

using namespace talkdex;

namespace {

SourceRecord source(const std::string& uri) {
  SourceRecord s;
  s.uri = uri;
  s.kind = "frab-xml";
  s.content_hash = uri;
  s.status = "ok";
  return s;
}

// An archive of one event whose talks are numbered 1, 2, ... in its own store.
Archive make_archive(const std::filesystem::path& folder, const std::string& event,
                     const std::vector<std::pair<std::string, std::string>>& talks) {
  Archive a(folder);
  a.create();
  Store store(a.store_file());
  Schedule s = test::schedule_of(event, event + " conference");
  for (const auto& [key, title] : talks) {
    TalkInfo t = test::talk_info(key, title, "talk", "2024-03-01T10:00:00");
    s.talks.push_back(t);
  }
  store.import_schedule(source("file:///" + event + ".xml"), s);
  a.rebuild(store);
  return a;
}

std::vector<std::string> refs(const SearchResults& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.ref());
  return out;
}

}  // namespace

TEST_CASE("several sources as one: hits carry key and source, exclusions go by key, a talk is read by key") {
  test::TempDir dir;
  Archive east = make_archive(dir / "east", "east", {{"e-1", "Lottery tickets in practice"}, {"e-2", "Glacier acoustics"}});
  Archive west = make_archive(dir / "west", "west", {{"w-1", "Sourdough fermentation"}, {"w-2", "Tidal storage"}});
  Searcher both({SearchSource{"", east.search_databases()}, SearchSource{"west", west.search_databases()}},
                SearcherOptions{});

  SearchOptions o;
  o.limit = 100;
  o.query = "lottery";
  auto lottery = both.search(o);
  REQUIRE(lottery.ok());
  REQUIRE(lottery->hits.size() == 1);
  CHECK(lottery->hits[0].ref() == "e-1");
  CHECK(lottery->hits[0].talk_id == 1);  // the front's own store: its number

  o.query = "sourdough";
  auto sourdough = both.search(o);
  REQUIRE(sourdough->hits.size() == 1);
  CHECK(sourdough->hits[0].shard == "west");
  CHECK(sourdough->hits[0].ref() == "w-1@west");
  CHECK_FALSE(sourdough->hits[0].talk_id.has_value());  // west's number 1 is east's lottery talk here

  // East's talk 1 has "lottery"; west's talk 1 does not and must stay.
  o.query = "-lottery";
  auto without = both.search(o);
  REQUIRE(without.ok());
  CHECK(refs(*without).size() == 3);
  for (const char* r : {"e-2", "w-1@west", "w-2@west"})
    CHECK(std::find(refs(*without).begin(), refs(*without).end(), r) != refs(*without).end());

  auto talk = both.talk("w-2", "west");
  REQUIRE(talk.ok());
  CHECK(talk->talk.title == "Tidal storage");
  CHECK(talk->talk.shard == "west");
  auto wrong = both.talk("w-2", "");  // not on the front's own index
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.failure().message() == "talk w-2: no such talk on this archive");
  CHECK(both.talk("w-2", "north").failure().reason == "no shard named north");
}

TEST_CASE("a remote shard behind xapian-tcpsrv: a replica address when the first refuses, updates seen by a kept Searcher") {
  test::TempDir dir;
  Archive east = make_archive(dir / "east", "east", {{"e-1", "Lottery tickets in practice"}});
  int port = test::free_port();
  test::BackgroundProcess server({"xapian-tcpsrv", "--port", std::to_string(port), "--interface", "127.0.0.1",
                                  "--quiet", east.index_stub().string()},
                                 dir / "logs");
  test::RefusingPort dead;
  std::string live = "tcp://127.0.0.1:" + std::to_string(port);
  SearchSource shard{"east", {"tcp://127.0.0.1:" + std::to_string(dead.port()), live}};
  SearchOptions o;
  o.query = "lottery";
  std::unique_ptr<Searcher> searcher;
  REQUIRE(test::eventually([&] {
    searcher = std::make_unique<Searcher>(std::vector<SearchSource>{shard}, SearcherOptions{});
    auto r = searcher->search(o);
    return r.ok() && r->unreachable.empty();
  }));
  auto r = searcher->search(o);
  REQUIRE(r->hits.size() == 1);
  CHECK(r->hits[0].ref() == "e-1@east");

  // The shard's archive takes in a new talk (an incremental update of the same index).
  {
    Store store(east.store_file());
    Schedule s = test::schedule_of("east", "east conference");
    TalkInfo t = test::talk_info("e-2", "Glacier acoustics");
    s.talks.push_back(t);
    store.import_schedule(source("file:///east-more.xml"), s);
    east.update(store);
  }
  o.query = "glacier";
  CHECK(test::eventually([&] {
    auto g = searcher->search(o);
    return g.ok() && g->hits.size() == 1 && g->hits[0].ref() == "e-2@east";
  }));

  // The shard goes away: the kept Searcher leaves it out with its name, rather than failing.
  server.stop();
  auto gone = searcher->search(o);
  REQUIRE(gone.ok());
  CHECK(gone->hits.empty());
  REQUIRE(gone->unreachable.size() == 1);
  CHECK(gone->unreachable[0].rfind("east (", 0) == 0);
}
