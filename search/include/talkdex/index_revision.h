// Which state of an archive's indexes a search would read, told cheaply: what a cache of search results
// (talkdex serve's) is keyed by, so that a search after `index` or `rebuild` never gets an older answer.
//
// The state of a local source (a folder, or a stub file such as ARCHIVE/index.stub) is its index's
// revision, which Xapian raises at every commit, and which index a stub names: rebuild renames a new
// stub over the old one, and the fresh index may start again at a revision the old one had, so each
// switch is counted apart. Asking costs a stat of each stub and Xapian's reopen() of each index (one
// read of its version file): little beside a search. Remote shards are not asked (a round trip each):
// the state says it does not cover them.
// Thread-safe: the server's threads share one.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "talkdex/search.h"

namespace talkdex {

struct IndexState {
  std::string stamp;    // differs after any commit to, or switch of, a local source
  bool remote = false;  // some sources are remote shards, whose commits `stamp` does not see
};

class IndexRevisions {
 public:
  IndexRevisions();
  ~IndexRevisions();
  IndexRevisions(const IndexRevisions&) = delete;
  IndexRevisions& operator=(const IndexRevisions&) = delete;

  // The state of these sources now; nullopt when a local one cannot be read (being replaced, removed, or
  // of several databases): then nothing may be cached for it.
  std::optional<IndexState> state(const std::vector<SearchSource>& sources);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace talkdex
