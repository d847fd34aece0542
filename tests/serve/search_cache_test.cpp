// The server's cache of search answers (tools/web/search_cache.h) and the query as it keys it: bounded in
// bytes with the least recently used going first, expiring entries, nothing kept at size 0.
#include <doctest/doctest.h>

#include "archive_access.h"
#include "search_cache.h"

using namespace talkdex;
using namespace talkdex::web;

namespace {

std::shared_ptr<const SearchAnswer> answer_of(std::size_t bytes) {
  auto a = std::make_shared<SearchAnswer>();
  a->body.assign(bytes, 'x');
  return a;
}

}  // namespace

TEST_CASE("SearchCache: the least recently used answers go first to stay within the bytes") {
  SearchCache cache(100000);
  for (int i = 0; i < 20; ++i) {
    std::string key(1, 'q');
    key += std::to_string(i);
    cache.put(key, answer_of(9000));
    if (i >= 1) CHECK(cache.find("q0"));  // q0 is used at every put: it stays
  }
  auto counts = cache.counts();
  CHECK(counts.bytes <= 100000);
  CHECK(counts.entries >= 9);
  CHECK(counts.entries <= 10);
  CHECK(cache.find("q0")->body.size() == 9000);
  CHECK(cache.find("q19"));
  CHECK_FALSE(cache.find("q1"));  // the oldest not used since
  CHECK_FALSE(cache.find("never asked"));

  // One answer above an eighth of the bound is not kept, and pushes nothing out.
  cache.put("huge", answer_of(20000));
  CHECK_FALSE(cache.find("huge"));
  CHECK(cache.counts().entries == counts.entries);

  // Put again under the same key: the new answer replaces the old.
  cache.put("q19", answer_of(10));
  CHECK(cache.find("q19")->body.size() == 10);
}

TEST_CASE("SearchCache: an expired answer is gone; a cache of 0 bytes keeps nothing") {
  SearchCache cache(100000);
  cache.put("past", answer_of(10), SearchCache::Clock::now() - std::chrono::milliseconds(1));
  cache.put("future", answer_of(10), SearchCache::Clock::now() + std::chrono::hours(1));
  CHECK_FALSE(cache.find("past"));
  CHECK(cache.find("future"));
  CHECK(cache.counts().entries == 1);

  SearchCache off(0);
  CHECK_FALSE(off.enabled());
  off.put("q", answer_of(10));
  CHECK_FALSE(off.find("q"));
}

TEST_CASE("SearchCache: an answer's bytes count its strings, hits and facets") {
  SearchAnswer small, big;
  big.results.hits.resize(10);
  for (auto& h : big.results.hits) h.snippet.assign(300, 's');
  big.results.facets["speaker"]["Grace Hopper with a long name"] = 3;
  CHECK(answer_bytes(big) > answer_bytes(small) + 10 * 300);
}

TEST_CASE("normalise_query: whitespace trimmed and made one space, except inside quotes") {
  CHECK(normalise_query("  lottery \t tickets\n") == "lottery tickets");
  CHECK(normalise_query("in:\"Tiny  Conf\"   grokking") == "in:\"Tiny  Conf\" grokking");
  CHECK(normalise_query("\"open  quote  ") == "\"open  quote");  // an open quote runs to the end
  CHECK(normalise_query("") == "");
  CHECK(normalise_query("-word") == "-word");
}
