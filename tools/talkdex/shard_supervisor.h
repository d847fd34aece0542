// Keeping Xapian's servers running for `talkdex shard serve` and `talkdex shard replica`: each program
// is started, restarted when it ends, and restarted when the stub it serves switches to another index
// (a `rebuild`, or a replica's full copy), so that connections held by fronts move to the new index
// instead of staying on the old one until it is removed. A program that keeps ending at once (its port
// taken, say) is an error naming it.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "child_process.h"

namespace talkdex::cli {

struct ServedProgram {
  std::string what;                  // for messages: "xapian-tcpsrv on tcp://127.0.0.1:7001"
  std::vector<std::string> argv;
  std::string host;                  // where it listens, to wait until it does (port 0: nothing to wait for)
  unsigned port = 0;
  std::filesystem::path follows;     // a stub file whose switch restarts it; empty for none
  std::filesystem::path needs;       // started only once this exists (a replica's first copy); may be empty
};

class Supervisor {
 public:
  explicit Supervisor(std::vector<ServedProgram> programs);
  // Runs until SIGINT or SIGTERM, then stops every program; returns the exit code. Lines saying what is
  // served go to stdout. Throws talkdex::Error when a program cannot be started or keeps ending.
  int run(std::chrono::milliseconds poll = std::chrono::milliseconds(200));

 private:
  struct Running {
    ServedProgram program;
    ChildProcess child;
    std::string stamp;
    int quick_ends = 0;
    std::chrono::steady_clock::time_point started;
  };
  void start(Running& r);
  std::vector<Running> running_;
};

}  // namespace talkdex::cli
