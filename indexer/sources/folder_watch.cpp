#include "talkdex/indexer/sources/folder_watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "talkdex/error.h"

namespace talkdex {
namespace fs = std::filesystem;
namespace {

constexpr std::uint32_t kFolderEvents = IN_CREATE | IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO | IN_MOVED_FROM |
                                        IN_DELETE | IN_ATTRIB | IN_ONLYDIR | IN_EXCL_UNLINK;

bool hidden_name(const char* name) { return name[0] == '.'; }

void stat_now(const std::string& path, std::int64_t& size, std::int64_t& mtime_ns) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    size = mtime_ns = -1;
    return;
  }
  size = static_cast<std::int64_t>(st.st_size);
  mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

}  // namespace

FolderWatch::FolderWatch() {
  fd_.reset(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC));
  if (!fd_) throw Error("watch", std::string("cannot use inotify: ") + std::strerror(errno));
}

FolderWatch::~FolderWatch() = default;

void FolderWatch::add_tree(const std::string& folder) {
  int wd = ::inotify_add_watch(fd_.get(), folder.c_str(), kFolderEvents);
  if (wd < 0) {
    int err = errno;
    if (err == ENOSPC)
      throw Error(folder, "cannot watch: the inotify watch limit is reached (raise fs.inotify.max_user_watches)");
    throw Error(folder, std::string("cannot watch: ") + std::strerror(err));
  }
  folders_[wd] = folder;
  std::error_code ec;
  for (fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (hidden_name(name.c_str())) continue;
    if (it->is_directory(ec) && !it->is_symlink(ec)) {
      try {
        add_tree(it->path().string());
      } catch (const Error&) {
        // A subfolder that vanished while we walked, or one we may not read: its parent still reports it.
      }
    }
  }
}

std::vector<FolderChange> FolderWatch::read_changes(bool& overflowed) {
  std::vector<FolderChange> out;
  alignas(inotify_event) char buf[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd_.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EAGAIN: nothing more pending
    for (char* p = buf; p < buf + n;) {
      auto* ev = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + ev->len;
      if (ev->mask & IN_Q_OVERFLOW) {
        overflowed = true;
        continue;
      }
      if (ev->mask & IN_IGNORED) {
        folders_.erase(ev->wd);
        continue;
      }
      auto it = folders_.find(ev->wd);
      if (it == folders_.end() || ev->len == 0 || hidden_name(ev->name)) continue;
      std::string path = it->second + "/" + ev->name;
      bool is_dir = ev->mask & IN_ISDIR;
      if (is_dir && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
        try {
          add_tree(path);
        } catch (const Error&) {
          continue;  // gone again already
        }
        out.push_back({path, true});
      } else if (is_dir && (ev->mask & (IN_DELETE | IN_MOVED_FROM))) {
        out.push_back({path, true});
      } else if (!is_dir) {
        out.push_back({path, false});
      }
    }
  }
  return out;
}

void SettleTracker::changed(const std::string& path, Clock::time_point now) {
  Pending& p = pending_[path];
  stat_now(path, p.size, p.mtime_ns);
  p.last_change = now;
}

std::vector<std::string> SettleTracker::take_settled(Clock::time_point now) {
  bool all_settled = true;
  Clock::time_point first_settled = Clock::time_point::max();
  for (auto& [path, p] : pending_) {
    std::int64_t size, mtime;
    stat_now(path, size, mtime);
    if (size != p.size || mtime != p.mtime_ns) {
      p.size = size;
      p.mtime_ns = mtime;
      p.last_change = now;
    }
    if (now - p.last_change >= settle_) first_settled = std::min(first_settled, p.last_change + settle_);
    else all_settled = false;
  }
  std::vector<std::string> out;
  if (first_settled == Clock::time_point::max()) return out;
  if (!all_settled && now - first_settled < settle_) return out;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (now - it->second.last_change >= settle_) {
      out.push_back(it->first);
      it = pending_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

SettleTracker::Clock::duration SettleTracker::next_check(Clock::time_point) const {
  if (pending_.empty()) return Clock::duration::max();
  // Sizes are polled: often enough to notice the end of a copy soon after it happens.
  return std::max<Clock::duration>(std::min<Clock::duration>(settle_ / 4, std::chrono::milliseconds(250)),
                                   std::chrono::milliseconds(10));
}

}  // namespace talkdex
