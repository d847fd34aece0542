// The server's cache of search answers, as search engines keep one (Solr's queryResultCache,
// Elasticsearch's request cache): a repeated query is answered without searching again.
//
// Keyed by the caller (archive_access.cpp): which sources, at which index revision (index_revision.h),
// the normalised query and its options, and the route. Least recently used entries go first, so that
// the entries' bytes stay within the bound; an entry larger than an eighth of it is not kept (one
// facet-heavy answer would push out hundreds of others). An entry may carry an expiry: answers that
// include remote shards, whose commits the revision does not see, are kept for a second, the time a
// pooled Searcher takes to look for them too. Thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "talkdex/search.h"

namespace talkdex::web {

// What a search answered: what a route made of it once (the API's JSON), or, for a route that renders
// each request anew (the page writes the query as each request spelt it), the results themselves. Only
// one is kept: an answer in the cache costs its bytes once.
struct SearchAnswer {
  SearchResults results;  // empty when `body` holds the answer
  std::string body;
};

// The heap bytes an answer holds, with the allocator's own per block (strings, vectors and map nodes):
// what the bound counts.
std::size_t answer_bytes(const SearchAnswer& answer);

class SearchCache {
 public:
  using Clock = std::chrono::steady_clock;

  // 0 bytes: nothing is kept.
  explicit SearchCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  bool enabled() const { return max_bytes_ > 0; }
  std::shared_ptr<const SearchAnswer> find(const std::string& key);
  void put(const std::string& key, std::shared_ptr<const SearchAnswer> answer,
           std::optional<Clock::time_point> expires = std::nullopt);

  struct Counts {
    std::size_t entries = 0, bytes = 0;
  };
  Counts counts();

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const SearchAnswer> answer;
    std::size_t bytes = 0;
    std::optional<Clock::time_point> expires;
  };
  using Order = std::list<Entry>;  // most recently used first

  void erase(Order::iterator it);

  std::size_t max_bytes_;
  std::mutex mutex_;
  Order order_;
  std::unordered_map<std::string, Order::iterator> by_key_;
  std::size_t bytes_ = 0;
};

}  // namespace talkdex::web
