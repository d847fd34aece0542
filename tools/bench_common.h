// What the benchmarks share: their options, the clock and the median, and finding and running the peer
// programs they run beside talkdex.
#pragma once

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/text.h"

extern "C" char** environ;

namespace talkdex::bench {

// Exit codes of every benchmark, read by tools/bench: 0 ran and met its targets, 1 ran and missed one (its
// figures still count), kFailed could not run (an error, no figures).
constexpr int kFailed = 3;

using Clock = std::chrono::steady_clock;
inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// User and system time of a process (a child's, from wait4), all threads.
inline double cpu_seconds(const struct rusage& u) {
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// A memory field of /proc/PROCESS/status ("VmRSS", "VmHWM"), MiB; 0 when it cannot be read. PROCESS is
// a pid or "self".
inline double status_mib(const std::string& process, const std::string& field) {
  std::ifstream status("/proc/" + process + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  return 0;
}

// The middle value (the upper one of an even count): a run's figure steadier than the mean on a shared machine.
inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// `--name value` anywhere on the command line, or the fallback when absent.

inline int arg(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == name) return std::atoi(argv[i + 1]);
  return fallback;
}

inline std::string arg(int argc, char** argv, const char* name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == name) return argv[i + 1];
  return fallback;
}

// A program's full path, looked up on the PATH once, so that every run does not search it again.
inline std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  for (const auto& dir : talkdex::split(path ? path : "/usr/bin:/bin", ':')) {
    auto candidate = std::filesystem::path(dir.empty() ? "." : dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  throw std::runtime_error(name + " is not on the PATH");
}

// Starts `args` (found on PATH) with its stdout on `stdout_fd` (-1: this process's).
inline pid_t spawn(const std::vector<std::string>& args, int stdout_fd) {
  std::vector<char*> argv;
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (stdout_fd >= 0) posix_spawn_file_actions_adddup2(&actions, stdout_fd, 1);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw talkdex::Error(args[0], "cannot start it");
  return pid;
}

// Runs each of `commands` (argv lists whose first word is the program's full path), `parallel` at a time,
// as a script's loop of fork/exec would; returns how many could not start or did not exit 0.
inline int run_commands(std::vector<std::vector<std::string>> commands, std::size_t parallel) {
  int failed = 0;
  std::size_t next = 0, running = 0;
  while (next < commands.size() || running > 0) {
    while (running < parallel && next < commands.size()) {
      std::vector<char*> argv;
      for (auto& word : commands[next]) argv.push_back(word.data());
      argv.push_back(nullptr);
      pid_t pid = -1;
      if (::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) == 0) ++running;
      else ++failed;
      ++next;
    }
    int status = 0;
    if (running > 0 && ::wait(&status) > 0) {
      --running;
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
    }
  }
  return failed;
}

}  // namespace talkdex::bench
