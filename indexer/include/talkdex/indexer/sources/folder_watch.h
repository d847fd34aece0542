// Watching followed folders for new and replaced recordings (`talkdex watch`).
//
// FolderWatch wraps inotify: it watches folder trees (subfolders that appear later are added as they
// appear) and turns events into changed paths. SettleTracker decides when a changed file has stopped
// growing: its size and mtime unchanged for the settle time. Files that settle together come back as
// one batch, so a burst of copies is indexed in one run.
// Names starting with a dot (partial downloads, editor files) are ignored, as by the folder scan.
// Errors: inotify that cannot be set up, or a folder that cannot be watched, throws talkdex::Error
// naming it. Neither class is thread-safe; both are meant for one event loop.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "talkdex/unique_fd.h"

namespace talkdex {

struct FolderChange {
  std::string path;
  bool folder = false;  // a folder appeared (moved in or created): scan everything in it
};

class FolderWatch {
 public:
  FolderWatch();
  ~FolderWatch();
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;

  // Watches `folder` and every folder below it.
  void add_tree(const std::string& folder);
  // The descriptor to poll(2) for POLLIN.
  int fd() const { return fd_.get(); }
  // Reads what is pending without blocking. `overflowed` is set when the kernel dropped events: the
  // caller should then scan all its folders.
  std::vector<FolderChange> read_changes(bool& overflowed);
  std::size_t watched_folders() const { return folders_.size(); }

 private:
  UniqueFd fd_;
  std::map<int, std::string> folders_;  // watch descriptor -> folder
};

class SettleTracker {
 public:
  using Clock = std::chrono::steady_clock;
  explicit SettleTracker(Clock::duration settle) : settle_(settle) {}

  // The file changed (or was created, or went away): wait for it to settle again.
  void changed(const std::string& path, Clock::time_point now);
  // Checks sizes, and returns the files that settled, as one batch. A batch is handed out once every
  // pending file has settled, or when the first settled one has waited another settle time (so that a
  // file that keeps growing does not hold up the others for ever). Returned files are forgotten.
  std::vector<std::string> take_settled(Clock::time_point now);
  // How long until take_settled could return something; nullopt-like max() when nothing is pending.
  Clock::duration next_check(Clock::time_point now) const;
  bool empty() const { return pending_.empty(); }

 private:
  struct Pending {
    std::int64_t size = -1;      // -1: missing
    std::int64_t mtime_ns = -1;
    Clock::time_point last_change;
  };
  Clock::duration settle_;
  std::map<std::string, Pending> pending_;
};

}  // namespace talkdex
