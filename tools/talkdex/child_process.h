// A program talkdex starts and supervises (xapian-tcpsrv, xapian-replicate-server, xapian-replicate).
//
// The child runs in a process group of its own, so that stop() reaches it and everything it forked (the
// connection processes of xapian-tcpsrv); it is told to end when talkdex ends (PR_SET_PDEATHSIG), so a
// killed talkdex leaves no server behind. A ChildProcess stops its child when it goes.
// Errors: a program that cannot be started (not installed) throws talkdex::Error naming it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace talkdex::cli {

class ChildProcess {
 public:
  ChildProcess() = default;
  // Starts argv[0], looked up in PATH; its stdout and stderr go to talkdex's stderr.
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) noexcept;

  // True while the child runs; once it has ended, exit_description() says how.
  bool running();
  std::string exit_description() const { return ended_; }
  // SIGTERM to the child's group, then SIGKILL after `grace`; waits for the child.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(2000));
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::string ended_;
};

// Whether this machine could listen on HOST:PORT now (nothing else listens there).
bool port_is_free(const std::string& host, unsigned port);

// Whether something accepts TCP connections on HOST:PORT, trying until `within` has passed.
bool wait_for_port(const std::string& host, unsigned port, std::chrono::milliseconds within);

}  // namespace talkdex::cli
