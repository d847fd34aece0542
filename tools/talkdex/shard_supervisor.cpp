#include "shard_supervisor.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "interrupt.h"
#include "talkdex/error.h"

namespace talkdex::cli {
namespace {

// Which index a stub names now: its text, and the file itself (a switch renames a new stub over it).
std::string stub_stamp(const std::filesystem::path& stub) {
  if (stub.empty()) return "";
  struct stat st {};
  if (::stat(stub.c_str(), &st) != 0) return "missing";
  std::ifstream in(stub);
  std::stringstream text;
  text << in.rdbuf();
  return std::to_string(st.st_ino) + ":" + std::to_string(st.st_ctim.tv_sec) + "." +
         std::to_string(st.st_ctim.tv_nsec) + ":" + text.str();
}

constexpr auto kQuickEnd = std::chrono::seconds(5);
constexpr int kMaxQuickEnds = 3;

}  // namespace

Supervisor::Supervisor(std::vector<ServedProgram> programs) {
  for (auto& p : programs) running_.push_back({std::move(p), {}, "", 0, {}});
}

void Supervisor::start(Running& r) {
  const ServedProgram& p = r.program;
  r.stamp = stub_stamp(p.follows);
  r.started = std::chrono::steady_clock::now();
  // Taken by another program, the port would answer our readiness check for a server that never bound it.
  if (p.port != 0 && !port_is_free(p.host, p.port))
    throw Error(p.what, "cannot listen: port " + std::to_string(p.port) + " is taken by another program");
  r.child = ChildProcess(p.argv);
  if (p.port != 0 && !wait_for_port(p.host, p.port, std::chrono::seconds(10))) {
    bool ended = !r.child.running();
    throw Error(p.what, ended ? "could not start: it " + r.child.exit_description() + " (is the port taken?)"
                              : "does not accept connections");
  }
  std::printf("%s\n", p.what.c_str());
  std::fflush(stdout);
}

int Supervisor::run(std::chrono::milliseconds poll) {
  InterruptWatch interrupt;
  for (auto& r : running_)
    if (r.program.needs.empty() || std::filesystem::exists(r.program.needs)) start(r);
  while (!InterruptWatch::requested()) {
    std::this_thread::sleep_for(poll);
    for (auto& r : running_) {
      const ServedProgram& p = r.program;
      bool started = r.started != std::chrono::steady_clock::time_point{};
      if (!started) {
        if (std::filesystem::exists(p.needs)) start(r);
        continue;
      }
      if (!r.child.running()) {
        bool quick = std::chrono::steady_clock::now() - r.started < kQuickEnd;
        r.quick_ends = quick ? r.quick_ends + 1 : 0;
        if (r.quick_ends >= kMaxQuickEnds) throw Error(p.what, "keeps ending: it " + r.child.exit_description());
        std::fprintf(stderr, "talkdex: warning: %s %s: starting it again\n", p.what.c_str(),
                     r.child.exit_description().c_str());
        start(r);
      } else if (!p.follows.empty() && stub_stamp(p.follows) != r.stamp) {
        std::fprintf(stderr, "talkdex: %s: the index was switched; restarting so that fronts reconnect to it\n",
                     p.what.c_str());
        r.child.stop();
        start(r);
      }
    }
  }
  for (auto& r : running_) r.child.stop();
  return 0;  // stopped as asked: a server's normal end
}

}  // namespace talkdex::cli
