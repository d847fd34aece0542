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
// Errors: an archive without a store throws Unavailable (no archive), one with neither an index nor a
// shard too; the handlers answer 503 for them.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <stdexcept>
#include <vector>

#include "talkdex/archive.h"
#include "talkdex/archive_sources.h"
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

  // One idle object made for `kind`, or a new one made by `make`; it comes back to the pool when the
  // lease goes. Idle objects of another kind are dropped: a new kind replaces the old (a Searcher of the
  // shards listed before).
  Lease take(const std::function<std::unique_ptr<T>()>& make, const std::string& kind = {}) {
    std::unique_ptr<T> item;
    {
      std::lock_guard lock(mutex_);
      if (kind != kind_) {
        idle_.clear();
        kind_ = kind;
      }
      if (!idle_.empty()) {
        item = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (!item) item = make();
    return Lease(item.release(), [this, kind](T* p) {
      std::unique_ptr<T> owned(p);
      std::lock_guard lock(mutex_);
      if (kind == kind_) idle_.push_back(std::move(owned));
    });
  }

 private:
  std::mutex mutex_;
  std::string kind_;
  std::vector<std::unique_ptr<T>> idle_;
};

class ArchiveAccess {
 public:
  ArchiveAccess(std::filesystem::path folder, SearcherOptions options)
      : archive_(std::move(folder)), options_(options) {}

  const Archive& archive() const { return archive_; }
  // Throws Unavailable when the archive has no store.
  Pool<Store>::Lease store();
  // A Searcher over the archive's index and its shards. Throws Unavailable when there is neither.
  Pool<Searcher>::Lease searcher();
  // The talk "KEY@SHARD" names when SHARD is one of the archive's shards; nullopt for a local reference.
  std::optional<RemoteTalkRef> remote_ref(const std::string& ref);

 private:
  Archive archive_;
  SearcherOptions options_;
  Pool<Store> stores_;
  Pool<Searcher> searchers_;
};

}  // namespace talkdex::web
