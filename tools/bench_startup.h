// Start-up figures of the talkdex command, for bench_search: wall time and peak memory of whole
// processes, and the shared objects a process loads.
//
// Commands are run from a small runner process (bench_search --runner): a child forked from a large
// benchmark process would count the parent's pages in its peak memory (ru_maxrss). Shared objects are
// counted by the dynamic loader itself (LD_DEBUG=files), so objects opened later with dlopen count too.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "talkdex/error.h"

namespace talkdex::bench {

struct ProcessRun {
  double ms = 0;          // wall time from fork to exit
  double cpu_ms = 0;      // user + system CPU time: what the process cost, however busy the machine is
  long max_rss_kib = 0;   // peak resident memory
  int exit_code = -1;
};

using CommandLine = std::vector<std::string>;

// Runs a command once, its output to /dev/null.
inline ProcessRun run_process(const CommandLine& command) {
  std::vector<char*> argv;
  for (const auto& a : command) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) throw talkdex::Error("fork", "failed");
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  ProcessRun r;
  r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  r.max_rss_kib = usage.ru_maxrss;
  r.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// The runner's side: `PROGRAM --runner IN OUT` reads one command a line (arguments separated by tabs),
// runs the first once untimed (the binary's pages into the cache), then each in turn, and writes
// "ms max_rss_kib exit_code cpu_ms" lines to OUT.
inline int runner_main(const char* in_path, const char* out_path) {
  std::ifstream in(in_path);
  std::vector<CommandLine> commands;
  for (std::string line; std::getline(in, line);) {
    CommandLine c;
    std::stringstream ss(line);
    for (std::string a; std::getline(ss, a, '\t');) c.push_back(a);
    if (!c.empty()) commands.push_back(std::move(c));
  }
  std::ofstream out(out_path);
  if (commands.empty()) return 0;
  run_process(commands.front());
  for (const auto& c : commands) {
    ProcessRun r = run_process(c);
    out << r.ms << " " << r.max_rss_kib << " " << r.exit_code << " " << r.cpu_ms << "\n";
  }
  return 0;
}

// The benchmark's side: runs `commands` through `PROGRAM --runner` and returns what it measured.
inline std::vector<ProcessRun> run_commands(const std::vector<CommandLine>& commands, const std::filesystem::path& dir) {
  auto in_path = dir / "runner-in.txt", out_path = dir / "runner-out.txt";
  {
    std::ofstream in(in_path);
    for (const auto& c : commands) {
      for (std::size_t i = 0; i < c.size(); ++i) in << (i ? "\t" : "") << c[i];
      in << "\n";
    }
  }
  CommandLine runner = {std::filesystem::canonical("/proc/self/exe").string(), "--runner", in_path.string(),
                        out_path.string()};
  ProcessRun r = run_process(runner);
  if (r.exit_code != 0) throw talkdex::Error(runner[0], "the runner failed");
  std::vector<ProcessRun> results;
  std::ifstream out(out_path);
  ProcessRun o;
  while (out >> o.ms >> o.max_rss_kib >> o.exit_code >> o.cpu_ms) results.push_back(o);
  return results;
}

// The shared objects a run of `command` loads (at start and by dlopen), by file name, as the dynamic
// loader reports them with LD_DEBUG=files.
inline std::vector<std::string> loaded_objects(const CommandLine& command, const std::filesystem::path& dir) {
  auto log = dir / "ld-debug";
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().filename().string().rfind("ld-debug", 0) == 0) std::filesystem::remove(e.path());
  setenv("LD_DEBUG", "files", 1);
  setenv("LD_DEBUG_OUTPUT", log.c_str(), 1);
  run_process(command);  // the child inherits the two variables
  unsetenv("LD_DEBUG");
  unsetenv("LD_DEBUG_OUTPUT");
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().filename().string().rfind("ld-debug", 0) != 0) continue;
    std::ifstream in(e.path());
    for (std::string line; std::getline(in, line);) {
      auto at = line.find("file=");
      if (at == std::string::npos || line.find("generating link map") == std::string::npos) continue;
      std::string name = line.substr(at + 5);
      name = name.substr(0, name.find_first_of(" \t["));
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  return names;
}

}  // namespace talkdex::bench
