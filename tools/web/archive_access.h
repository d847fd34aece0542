// What the web handlers read, shared by the server's threads: the archive's store and index.
//
// A Store is one SQLite connection and a Searcher holds Xapian databases; neither may be used by two
// threads at once. So each is lent to one request at a time from a pool that grows to the number of
// requests served at once and keeps them for the next ones (opening a store or an index per request
// would cost more than the search). A pooled Searcher follows `index` (every search sees the latest
// commit) and `rebuild` (it follows the stub), so the server never needs a restart.
// Errors: an archive without a store throws Unavailable (no archive), one without an index too; the
// handlers answer 503 for them.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "talkdex/archive.h"
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

  // One idle object, or a new one made by `make`; it comes back to the pool when the lease goes.
  Lease take(const std::function<std::unique_ptr<T>()>& make) {
    std::unique_ptr<T> item;
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        item = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (!item) item = make();
    return Lease(item.release(), [this](T* p) {
      std::lock_guard lock(mutex_);
      idle_.emplace_back(p);
    });
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<T>> idle_;
};

class ArchiveAccess {
 public:
  explicit ArchiveAccess(std::filesystem::path folder) : archive_(std::move(folder)) {}

  const Archive& archive() const { return archive_; }
  // Throws Unavailable when the archive has no store.
  Pool<Store>::Lease store();
  // Throws Unavailable when the archive has no index yet.
  Pool<Searcher>::Lease searcher();

 private:
  Archive archive_;
  Pool<Store> stores_;
  Pool<Searcher> searchers_;
};

}  // namespace talkdex::web
