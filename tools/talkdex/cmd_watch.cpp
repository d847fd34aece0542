// talkdex watch [DIR...]: follows folders with inotify and indexes each new or replaced recording once
// it has stopped growing. Files that settle together are indexed in one batch. SIGINT and SIGTERM stop
// it cleanly between items. One watch per archive (watch.lock); the writer lock is taken per batch, so
// `talkdex import` and `index` can run while a watch waits for files.
#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>

#include "cli.h"
#include "counted.h"
#include "index_run.h"
#include "talkdex/indexer/sources/folder_watch.h"
#include "talkdex/scan_state.h"

namespace talkdex::cli {
namespace {

// SIGINT and SIGTERM as readable events on a descriptor, so that the event loop and the scan (between
// items) can ask whether to stop, and nothing is interrupted half way.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
    fd_ = ::signalfd(-1, &set_, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd_ < 0) throw Error("watch", "cannot set up signal handling");
  }
  ~StopSignals() {
    ::close(fd_);
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  int fd() const { return fd_; }
  bool requested() {
    signalfd_siginfo info;
    while (::read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) stop_ = true;
    return stop_;
  }

 private:
  sigset_t set_, old_;
  int fd_ = -1;
  bool stop_ = false;
};

struct WatchArgs {
  std::vector<std::string> folders;
  double settle = 2.0;
  bool json = false;
  bool wait = false;
};

// The writer lock, waiting for it as long as no stop signal comes.
std::optional<WriterLock> lock_for_batch(const Context& ctx, StopSignals& stop) {
  Archive archive = ctx.archive();
  bool told = false;
  for (;;) {
    try {
      return WriterLock(archive.lock_file(), "watch", WriterLock::Mode::kFailIfBusy);
    } catch (const ArchiveBusy& busy) {
      if (!told) std::fprintf(stderr, "talkdex: waiting for %s to finish\n", busy.holder().describe().c_str());
      told = true;
    }
    pollfd p{stop.fd(), POLLIN, 0};
    ::poll(&p, 1, 200);
    if (stop.requested()) return std::nullopt;
  }
}

void report(const WatchArgs& args, const IndexRun& run, const Context& ctx) {
  for (const auto& f : run.failures()) error(ctx, f.message());
  if (args.json) std::printf("%s\n", run.to_json().dump().c_str());
  else std::printf("%s\n", run.summary().c_str());
  std::fflush(stdout);
}

std::string folder_key(const std::string& given) {
  std::error_code ec;
  std::string s = std::filesystem::weakly_canonical(std::filesystem::absolute(given), ec).string();
  if (ec) s = std::filesystem::absolute(given).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

int run_watch(Context& ctx, const WatchArgs& args) {
  StopSignals stop;
  Archive archive = ctx.archive();
  archive.create();
  WriterLock one_watch(archive.watch_lock_file(), "watch", WriterLock::Mode::kFailIfBusy);
  Store store = ctx.open_store(true);
  ScanState state(store);

  std::vector<std::string> folders;
  {
    auto lock = lock_for_batch(ctx, stop);
    if (!lock) return kOk;
    for (const auto& given : args.folders) {
      std::string f = folder_key(given);
      std::error_code ec;
      if (!std::filesystem::is_directory(f, ec)) throw Error(given, "not a folder");
      state.follow(f);
      folders.push_back(f);
    }
    if (args.folders.empty()) folders = state.folders();
  }
  if (folders.empty()) throw Error(archive.folder().string(), "no followed folders: run talkdex follow DIR, or talkdex watch DIR");

  FolderWatch watch;
  for (const auto& f : folders) watch.add_tree(f);  // before the first scan, so nothing slips between
  IndexRunOptions options;
  options.refresh_sources = false;
  options.should_stop = [&] { return stop.requested(); };
  // Catch up first: everything that arrived while nobody watched. Watching every followed folder, a
  // full scan also lets go of folders no longer followed.
  if (!args.folders.empty()) options.paths = folders;
  if (auto lock = lock_for_batch(ctx, stop)) report(args, run_index(ctx, store, "watch", options), ctx);
  // The folders the user follows; the subfolders below them are watched too, and not counted.
  std::fprintf(stderr, "talkdex: watching %s (Ctrl-C stops)\n",
               counted(static_cast<long long>(folders.size()), "folder", "folders").c_str());

  using Clock = SettleTracker::Clock;
  SettleTracker tracker(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(args.settle)));
  bool rescan = false;
  while (!stop.requested()) {
    auto wait = tracker.next_check(Clock::now());
    int timeout_ms = wait == Clock::duration::max()
                         ? -1
                         : static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(wait).count());
    pollfd fds[2] = {{watch.fd(), POLLIN, 0}, {stop.fd(), POLLIN, 0}};
    ::poll(fds, 2, timeout_ms);
    if (stop.requested()) break;
    bool overflowed = false;
    for (const auto& change : watch.read_changes(overflowed)) tracker.changed(change.path, Clock::now());
    rescan = rescan || overflowed;
    std::vector<std::string> settled = tracker.take_settled(Clock::now());
    if (settled.empty() && !rescan) continue;
    auto lock = lock_for_batch(ctx, stop);
    if (!lock) break;
    options.paths = rescan ? folders : settled;
    rescan = false;
    // A batch that found only what is indexed already (a file the catch-up run took in while its
    // events were on their way, a file touched but not changed) is not news: one report per file.
    IndexRun run = run_index(ctx, store, "watch", options);
    if (run.scan.probed || run.scan.recordings_removed || run.scan.transcripts_read || !run.failures().empty() ||
        run.index.changed())
      report(args, run, ctx);
  }
  std::fprintf(stderr, "talkdex: watch stopped\n");
  return kOk;
}

}  // namespace

Handler setup_watch(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<WatchArgs>();
  cmd.add_option("folders", args->folders, "folders to follow and watch (default: every followed folder)");
  cmd.add_option("--settle", args->settle, "seconds a file's size must stay the same before it is indexed")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  cmd.add_flag("--json", args->json, "print one JSON line per batch");
  return [&ctx, args] { return run_watch(ctx, *args); };
}

}  // namespace talkdex::cli
