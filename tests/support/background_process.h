// A program that runs while a test goes on (a server), stopped when the object goes: SIGTERM, then
// SIGKILL after a grace period, and waited for, so that no test leaves a process behind.
#pragma once

#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "refusing_port.h"
#include "test_support.h"

extern char** environ;

namespace talkdex::test {

class BackgroundProcess {
 public:
  // Starts `argv` (looked up in PATH); its stdout and stderr go to files in `logs` (out.txt, err.txt) for the test to read.
  BackgroundProcess(const std::vector<std::string>& argv, const std::filesystem::path& logs) : logs_(logs) {
    std::filesystem::create_directories(logs);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, (logs / "out.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, (logs / "err.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    // A process group of its own: xapian-tcpsrv, on SIGTERM, signals its whole group (to end the
    // connections it forked), which must not be the test's.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    int rc = posix_spawnp(&pid_, args[0], &actions, &attr, args.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
  }
  ~BackgroundProcess() { stop(); }
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // Stops it (SIGTERM, SIGKILL after 10 s) and returns its exit code (-1 when killed by a signal).
  int stop() {
    if (pid_ <= 0) return exit_code_;
    ::kill(pid_, SIGTERM);  // the process itself: talkdex stops what it started
    int status = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return exit_code_;
  }
  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    return ::waitpid(pid_, &status, WNOHANG) == 0;
  }
  std::string out() const { return read_file(logs_ / "out.txt"); }
  std::string err() const { return read_file(logs_ / "err.txt"); }

 private:
  std::filesystem::path logs_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

// A TCP port on 127.0.0.1 that was free a moment ago (the kernel's choice for port 0).
inline int free_port() {
  int port = 0;
  ::close(loopback_socket(port));
  return port;
}

// Waits until `ready` is true, for at most `within`; returns whether it became true.
template <typename F>
bool eventually(F ready, std::chrono::milliseconds within = std::chrono::seconds(30)) {
  auto deadline = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < deadline) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return ready();
}

}  // namespace talkdex::test
