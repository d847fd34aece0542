// What the web handlers read, shared by the server's threads: the archive's store and index.
//
// A Store is one SQLite connection and a Searcher holds Xapian databases; neither may be used by two
// threads at once. So each is lent to one request at a time from a pool that grows to the number of
// requests served at once and keeps them for the next ones (opening a store or an index per request
// would cost more than the search). A pooled Searcher follows `index` (every search sees the latest
// commit) and `rebuild` (it follows the stub), so the server never needs a restart.
// Searches cover the archive's own index and the remote shards its store lists (`talkdex shards`), as
// the command's do; the list is read per search, and pooled Searchers of an older list are dropped, so
// `shards add` and `shards remove` take effect without a restart either.
// At most `search_slots` searches run at once (more wait for one to end): on a machine of a few cores
// more would only share them, each with its own Searcher and Xapian's blocks in memory.
// Answers are cached (search_cache.h) under the state of the indexes (index_revision.h): a search after
// `index` or `rebuild` is searched again, never answered from before.
// Errors: an archive without a store throws Unavailable (no archive), one with neither an index nor a
// shard too; the handlers answer 503 for them.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "talkdex/archive.h"
#include "search_cache.h"
#include "talkdex/archive_sources.h"
#include "talkdex/index_revision.h"
#include "talkdex/search.h"
#include "talkdex/store.h"

namespace talkdex::web {

// The archive cannot answer now: no store yet, or no index yet (503).
class Unavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

template <class T>
class Pool {
 public:
  using Lease = std::unique_ptr<T, std::function<void(T*)>>;

  // At most `max_out` objects lent at once (0: no bound); take() waits for one to come back.
  explicit Pool(std::size_t max_out = 0) : max_out_(max_out) {}

  // One idle object made for `kind`, or a new one made by `make`; it comes back to the pool when the
  // lease goes. Idle objects of another kind are dropped: a new kind replaces the old (a Searcher of the
  // shards listed before). Waiters are served first come, first served: with one condition for all, a
  // thread giving one back and taking the next went first, and a few requests waited for many others
  // (a served search's p99 was five times its p50).
  Lease take(const std::function<std::unique_ptr<T>()>& make, const std::string& kind = {}) {
    std::unique_ptr<T> item;
    {
      std::unique_lock lock(mutex_);
      if (max_out_ && (out_ >= max_out_ || !waiting_.empty())) {
        Waiter me;
        waiting_.push_back(&me);
        me.turn.wait(lock, [&me] { return me.admitted; });  // give_back counted it out already
      } else {
        ++out_;
      }
      if (kind != kind_) {
        idle_.clear();
        kind_ = kind;
      }
      if (!idle_.empty()) {
        item = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (!item) {
      try {
        item = make();
      } catch (...) {
        give_back(nullptr, kind);
        throw;
      }
    }
    return Lease(item.release(), [this, kind](T* p) { give_back(std::unique_ptr<T>(p), kind); });
  }

  // How many take() calls wait for an object now.
  std::size_t waiting() {
    std::lock_guard lock(mutex_);
    return waiting_.size();
  }

 private:
  struct Waiter {
    std::condition_variable turn;
    bool admitted = false;
  };

  // The object comes back; the first waiter, if any, takes its place in the count and is woken.
  void give_back(std::unique_ptr<T> owned, const std::string& kind) {
    std::lock_guard lock(mutex_);
    if (owned && kind == kind_) idle_.push_back(std::move(owned));
    if (waiting_.empty()) {
      --out_;
      return;
    }
    Waiter* next = waiting_.front();
    waiting_.pop_front();
    next->admitted = true;
    next->turn.notify_one();  // under the lock: the waiter's condition lives on its stack
  }

  std::size_t max_out_;
  std::mutex mutex_;
  std::deque<Waiter*> waiting_;  // in the order they came
  std::size_t out_ = 0;
  std::string kind_;
  std::vector<std::unique_ptr<T>> idle_;
};

struct AccessOptions {
  SearcherOptions searcher;
  std::size_t search_slots = 4;       // searches run at once
  std::size_t cache_bytes = 16 << 20;  // the answers kept (0: none)
};

class ArchiveAccess {
 public:
  ArchiveAccess(std::filesystem::path folder, AccessOptions options)
      : archive_(std::move(folder)), options_(options), searchers_(options.search_slots), cache_(options.cache_bytes) {}

  const Archive& archive() const { return archive_; }
  // Throws Unavailable when the archive has no store.
  Pool<Store>::Lease store();
  // A Searcher over the archive's index and its shards. Throws Unavailable when there is neither.
  Pool<Searcher>::Lease searcher();

  using Answer = std::shared_ptr<const SearchAnswer>;
  using Render = std::function<std::string(const SearchOptions&, const SearchResults&)>;
  // A search of the archive's index and shards, for the query normalised (normalise_query). From the
  // cache when the same query and options were answered by `route` at the same state of the indexes;
  // else searched, and kept when it succeeded with every shard answering. `render` makes what the route
  // sends (kept with the answer). A query that cannot be read is the Failure; throws Unavailable as
  // searcher() does.
  Result<Answer> search(SearchOptions options, std::string_view route, const Render& render = {});
  // The talk "KEY@SHARD" names when SHARD is one of the archive's shards; nullopt for a local reference.
  std::optional<RemoteTalkRef> remote_ref(const std::string& ref);

 private:
  // The archive's index and shards, read anew; throws Unavailable when there are none.
  std::vector<SearchSource> search_sources();
  // A Searcher for these sources (from search_sources()).
  Pool<Searcher>::Lease searcher_for(std::vector<SearchSource> sources);

  Archive archive_;
  AccessOptions options_;
  Pool<Store> stores_;
  Pool<Searcher> searchers_;
  IndexRevisions revisions_;
  SearchCache cache_;
};

// The query as the cache keys it and the server searches it: whitespace trimmed, and runs of it
// outside quotes made one space (inside quotes it may be part of an exact value, as in:"A  B").
std::string normalise_query(std::string_view query);

}  // namespace talkdex::web
