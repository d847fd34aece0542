// Followed folders and what the last scan saw of the files in them: the store's memory for
// `talkdex index` and `talkdex watch`, and the list of items in error that `talkdex status` shows.
//
// Promises:
//  - Folders are kept as given (callers pass absolute, normalised paths); following one twice is a no-op.
//  - put_file writes nothing when the stored row is already exactly the given one, so a scan that finds
//    nothing new leaves the SQLite file untouched.
//  - Every method is one transaction (or part of the caller's WriteBatch).
// Errors: fatal store errors throw talkdex::Error, as everywhere in the store.
// A ScanState borrows its Store: use it from the Store's thread, and not after the Store is gone.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "talkdex/store.h"

namespace talkdex {

namespace sql {
class Transaction;
}

// One file under a followed folder, as the last scan saw it.
struct ScannedFile {
  std::string path;                         // absolute
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;                // modification time, nanoseconds since the epoch
  std::string fingerprint;                  // of the first and last MiB and the size; empty when not read
  bool media = false;                       // the content is a recording (told from its first bytes)
  std::optional<std::int64_t> recording_id; // the recording made from it
  std::string error;                        // the last failure; empty when the file is fine
  std::string failed_at;                    // ISO 8601 UTC of that failure

  bool operator==(const ScannedFile&) const = default;
};

// An item whose last attempt failed: a recording file or a source.
struct ItemError {
  std::string kind;    // "recording" or "source"
  std::string item;    // the path or URL
  std::string reason;
  std::string at;      // ISO 8601 UTC of the failure
};

class ScanState {
 public:
  explicit ScanState(Store& store);

  std::vector<std::string> folders();
  // True when the folder was not followed before.
  bool follow(const std::string& folder);
  // True when the folder was followed.
  bool unfollow(const std::string& folder);

  // Every file seen by a scan, by path.
  std::unordered_map<std::string, ScannedFile> files();
  std::optional<ScannedFile> file(const std::string& path);
  // The files at `folder`/... (any depth).
  std::vector<ScannedFile> files_under(const std::string& folder);
  // How many of those are recordings, and how many files in all.
  std::pair<std::int64_t, std::int64_t> count_under(const std::string& folder);
  void put_file(const ScannedFile& file);
  void forget_file(const std::string& path);

  // Recording files and sources whose last attempt failed, files first, each by path or URL.
  std::vector<ItemError> errors();

 private:
  Store& store_;
};

// Several store writes committed together: construct, call Store / ScanState writes (each becomes a
// savepoint inside the batch), then commit(). Without commit() (an exception, an early return) the
// whole batch rolls back. Fewer commits make a scan of many new files fast; a crash loses at most the
// batch, which the next run redoes.
class WriteBatch {
 public:
  explicit WriteBatch(Store& store);
  ~WriteBatch();
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;
  void commit();

 private:
  std::unique_ptr<sql::Transaction> tx_;
};

}  // namespace talkdex
