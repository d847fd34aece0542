// One writer at a time per archive.
//
// A WriterLock is an flock(2) on a file in the archive folder, held for the object's life and released
// by the kernel if the process dies (a SIGKILL leaves no stale lock). The holder writes its pid, command
// and start time into the file, so that a second writer can say who is in the way.
// Searches take no lock: they never wait for a writer.
// Errors: a lock held by someone else throws ArchiveBusy (when not waiting); a lock file that cannot be
// opened throws talkdex::Error naming it.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "talkdex/error.h"
#include "talkdex/unique_fd.h"

namespace talkdex {

struct LockHolder {
  long pid = 0;         // 0 when the holder has not written its name yet
  std::string command;  // "index", "rebuild", "watch", "import"
  std::string since;    // ISO 8601 UTC
  std::string describe() const;  // "talkdex index (pid 123) since 2024-06-01T10:00:00Z"
};

class ArchiveBusy : public Error {
 public:
  ArchiveBusy(const std::filesystem::path& lock_file, LockHolder holder);
  const LockHolder& holder() const { return holder_; }

 private:
  LockHolder holder_;
};

class WriterLock {
 public:
  enum class Mode { kFailIfBusy, kWait };
  // Takes the lock on `file` (created when missing) for `command`. With kFailIfBusy a held lock throws
  // ArchiveBusy; with kWait it blocks until the holder lets go, calling `on_wait` once first.
  WriterLock(const std::filesystem::path& file, const std::string& command, Mode mode,
             const std::function<void(const LockHolder&)>& on_wait = {});
  ~WriterLock();
  WriterLock(WriterLock&& other) noexcept;
  WriterLock& operator=(WriterLock&&) = delete;
  WriterLock(const WriterLock&) = delete;

  // Who holds the lock on `file` now, as written in it (pid 0 when nobody wrote a name).
  static LockHolder read_holder(const std::filesystem::path& file);
  // Whether some process holds it (tested without waiting).
  static bool held(const std::filesystem::path& file);

 private:
  UniqueFd fd_;
};

}  // namespace talkdex
