#include "talkdex/writer_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "talkdex/text.h"

namespace talkdex {
namespace {

UniqueFd open_lock_file(const std::filesystem::path& file) {
  UniqueFd fd(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!fd) throw Error(file.string(), std::string("cannot open the lock file: ") + std::strerror(errno), ErrorCode::io);
  return fd;
}

int flock_retrying(int fd, int op) {
  int rc;
  do rc = ::flock(fd, op);
  while (rc != 0 && errno == EINTR && !(op & LOCK_NB));
  return rc;
}

}  // namespace

std::string LockHolder::describe() const {
  if (pid == 0) return "another talkdex process";
  std::string s = "talkdex " + (command.empty() ? std::string("process") : command) + " (pid " + std::to_string(pid) + ")";
  if (!since.empty()) s += " since " + since;
  return s;
}

ArchiveBusy::ArchiveBusy(const std::filesystem::path& lock_file, LockHolder holder)
    : Error(lock_file.parent_path().string(),
            "the archive is busy: " + holder.describe() + " is writing to it; try again later or pass --wait",
            ErrorCode::busy),
      holder_(std::move(holder)) {}

LockHolder WriterLock::read_holder(const std::filesystem::path& file) {
  LockHolder h;
  std::ifstream in(file);
  std::string line;
  if (!std::getline(in, line)) return h;
  std::istringstream fields(line);
  fields >> h.pid >> h.command >> h.since;
  if (!fields && h.command.empty()) h.pid = 0;
  return h;
}

bool WriterLock::held(const std::filesystem::path& file) {
  // A holder writes its name and clears it when it lets go, so an empty file means free without
  // touching the lock (a test lock, even a brief shared one, could make a starting writer think the
  // archive busy). Only a name left by a holder that died needs the lock itself to tell.
  if (read_holder(file).pid == 0) return false;
  UniqueFd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  return fd && ::flock(fd.get(), LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
}

WriterLock::WriterLock(const std::filesystem::path& file, const std::string& command, Mode mode,
                       const std::function<void(const LockHolder&)>& on_wait) {
  fd_ = open_lock_file(file);
  if (flock_retrying(fd_.get(), LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err != EWOULDBLOCK) throw Error(file.string(), std::string("cannot lock: ") + std::strerror(err), ErrorCode::io);
    LockHolder holder = read_holder(file);
    if (mode == Mode::kFailIfBusy) throw ArchiveBusy(file, holder);
    if (on_wait) on_wait(holder);
    if (flock_retrying(fd_.get(), LOCK_EX) != 0) {
      err = errno;
      throw Error(file.string(), std::string("cannot lock: ") + std::strerror(err), ErrorCode::io);
    }
  }
  // Ours now: say who we are, for the next one who asks.
  std::string line = std::to_string(::getpid()) + " " + command + " " + now_utc_iso() + "\n";
  if (::ftruncate(fd_.get(), 0) != 0 || ::pwrite(fd_.get(), line.data(), line.size(), 0) != static_cast<ssize_t>(line.size())) {
    // The lock is held all the same; only the description for others is missing.
  }
}

WriterLock::~WriterLock() {
  if (!fd_) return;
  // Clear the name before letting go, so a later reader does not blame a process that is gone.
  if (::ftruncate(fd_.get(), 0) != 0) {
  }
  // fd_ closes as it goes, which releases the flock.
}

WriterLock::WriterLock(WriterLock&& other) noexcept = default;

}  // namespace talkdex
