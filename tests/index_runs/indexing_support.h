// Helpers of the indexing suite: generated archives, real recordings from the project's generator,
// the talkdex command run in the background, and exact dumps of an index to compare two of them.
#pragma once

#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

extern "C" {
#include <libavutil/log.h>
}

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "mediagen.h"
#include "process.h"
#include "sqlite.h"
#include "talkdex/archive.h"
#include "talkdex/index.h"
#include "talkdex/scan_state.h"
#include "talkdex/store.h"
#include "test_support.h"

extern char** environ;

namespace talkdex::test {

namespace fs = std::filesystem;

// The talkdex command, started in the background with stdout and stderr going to files (or stdout to
// `stdout_fd`, such as a pipe the test reads at its own pace).
class Child {
 public:
  Child(const std::vector<std::string>& argv, const fs::path& io_dir, int stdout_fd = -1) {
    static int serial = 0;
    std::string stem = "child-" + std::to_string(::getpid()) + "-" + std::to_string(++serial);
    out_ = io_dir / (stem + ".out");
    err_ = io_dir / (stem + ".err");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (stdout_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
    else posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE_MESSAGE(rc == 0, "cannot start " << argv[0]);
  }
  ~Child() {
    if (pid_ > 0 && !done_) {
      ::kill(pid_, SIGKILL);
      wait();
    }
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  void signal(int sig) { ::kill(pid_, sig); }
  // The exit code, or -SIGNAL when a signal ended it.
  int wait() {
    if (!done_) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
      done_ = true;
    }
    return code_;
  }
  bool running() {
    if (done_) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
      done_ = true;
    }
    return !done_;
  }
  std::string out() const { return fs::exists(out_) ? read_file(out_) : ""; }
  std::string err() const { return fs::exists(err_) ? read_file(err_) : ""; }

 private:
  pid_t pid_ = -1;
  fs::path out_, err_;
  bool done_ = false;
  int code_ = -1;
};

// Waits (polling) until `condition` holds or `limit` passes; returns whether it held. For conditions
// that depend on another process; the test asserts the condition, never the time it took.
template <typename Fn>
bool eventually(Fn&& condition, std::chrono::seconds limit = std::chrono::seconds(60)) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

// Talks "KEY-PREFIX-N" in events of `per_event`, each with a title and abstract of words from a fixed
// list, and `items` schedule items on the event's recording. Source URIs are "generated:..." (not
// re-read by `talkdex index`).
inline void generate_talks(Store& store, const std::string& prefix, int talks, int items, int per_event = 50) {
  static const char* words[] = {"lottery", "tickets", "gradient", "descent", "phenomena", "sparse", "networks",
                                "implicit", "regularization", "training", "dynamics", "kernel", "attention",
                                "robust", "features", "scaling", "memory", "curvature", "noise", "margin"};
  auto pick = [](int seed, int k) { return std::string(words[(seed * 7 + k * 13) % 20]); };
  for (int e = 0; e * per_event < talks; ++e) {
    Schedule s = test::schedule_of(prefix + "-event-" + std::to_string(e), "Workshop on " + pick(e, 1) + " " + pick(e, 2));
    s.event.date = "2024-06-1" + std::to_string(e % 10);
    RecordingInfo day;
    day.uri = "https://example.org/" + prefix + "/day-" + std::to_string(e) + ".mp4";
    day.wallclock_start = s.event.date + "T09:00:00";
    for (int t = e * per_event; t < std::min(talks, (e + 1) * per_event); ++t) {
      TalkInfo ti = test::talk_info(prefix + "-" + std::to_string(t), pick(t, 1) + " " + pick(t, 2) + " and " + pick(t, 3) + " number " + std::to_string(t), t % 5 == 0 ? "invited talk" : "talk", s.event.date + "T10:" + std::to_string(10 + t % 50) + ":00");
      ti.abstract = "We study " + pick(t, 4) + " " + pick(t, 5) + " in " + pick(t, 6) + " " + pick(t, 7) + ".";
      ti.people.push_back({"Speaker " + pick(t, 8) + " " + std::to_string(t % 37), "", kRoleSpeaker});
      for (int i = 0; i < items; ++i) {
        day.items.push_back({"schedule:" + ti.key + ":" + std::to_string(i), 600.0 * (t - e * per_event) + 60.0 * i,
                             std::nullopt, pick(t, 9 + i) + " section " + std::to_string(i), kTocSchedule, 0.5,
                             std::nullopt, ti.key, "", ""});
      }
      s.talks.push_back(std::move(ti));
    }
    s.recordings.push_back(std::move(day));
    SourceRecord src;
    src.uri = "generated:" + s.event.key;
    src.kind = "schedule-json";
    src.status = "ok";
    store.import_schedule(src, s);
  }
}

enum class Indexed { no, yes };

// A new archive in `folder` with `talks` generated talks of `items` items each (generate_talks), following
// the folder `followed` when one is given, its index built when `indexed`.
inline void make_archive(const fs::path& folder, const std::string& prefix, int talks, int items,
                         Indexed indexed = Indexed::yes, const fs::path& followed = {}) {
  Archive a(folder);
  a.create();
  Store store(a.store_file());
  generate_talks(store, prefix, talks, items);
  if (!followed.empty()) ScanState(store).follow(followed.string());
  if (indexed == Indexed::yes) a.rebuild(store);
}

// A small real recording (Matroska, no audio) with the given chapters, one second each.
inline void make_recording(const fs::path& path, const std::vector<std::string>& chapters, double seconds = 0,
                           const std::vector<mediagen::CueSpec>& cues = {}) {
  av_log_set_level(AV_LOG_FATAL);  // the encoder's banner is not test output
  fs::create_directories(path.parent_path());
  mediagen::MediaSpec spec;
  spec.path = path.string();
  spec.width = 96;
  spec.height = 64;
  spec.fps = 4;
  spec.audio = false;
  spec.duration = seconds > 0 ? seconds : std::max<double>(1, static_cast<double>(chapters.size()));
  for (size_t i = 0; i < chapters.size(); ++i)
    spec.chapters.push_back({static_cast<double>(i), static_cast<double>(i + 1), chapters[i]});
  spec.cues = cues;  // a subtitle stream when there are any
  auto st = mediagen::generate_media(spec);
  REQUIRE_MESSAGE(st.ok(), (st.ok() ? "" : st.failure().message()));
}

// Everything a document is: its data, its terms with wdf and positions, its values. Keyed by its
// unique id term, so that two indexes can be compared whatever docids they use.
inline std::map<std::string, std::string> dump_index(const fs::path& db_path) {
  Xapian::Database db(db_path.string());
  std::map<std::string, std::string> out;
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    std::string id, text = doc.get_data() + "\n";
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if ((*t).rfind("Q", 0) == 0) id = *t;
      text += *t + ":" + std::to_string(t.get_wdf()) + ":";
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) text += std::to_string(*p) + ",";
      text += "\n";
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) text += std::to_string(v.get_valueno()) + "=" + *v + "\n";
    INFO("a document without an id term: " << text);
    REQUIRE(!id.empty());
    CHECK_MESSAGE(out.emplace(id, text).second, "two documents share the id term " << id);
  }
  return out;
}

// The documents the store implies: a fresh one-thread build into a scratch folder, dumped.
inline std::map<std::string, std::string> expected_documents(const fs::path& store_file) {
  TempDir scratch;
  Store store(store_file);
  BuildOptions one;
  one.threads = 1;
  build_index(store, scratch / "index", one);
  return dump_index(scratch / "index");
}

inline std::string integrity_check(const fs::path& sqlite_file) {
  sql::Database db(sqlite_file.string());
  std::string result;
  for (const auto& line : db.query_all("PRAGMA integrity_check", sql::first_text)) result += line;
  return result;
}

// Copies an archive folder (closed: no WAL) so each run can start from the same state.
inline void copy_archive(const fs::path& from, const fs::path& to) {
  fs::remove_all(to);
  fs::copy(from, to, fs::copy_options::recursive);
}

}  // namespace talkdex::test
