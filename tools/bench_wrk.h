// Loading an HTTP server with wrk (Debian's package) for bench_serve: the Lua scripts that pick each
// request's path and print the figures, running wrk, and reading what it printed.
//
// Two ways to load: as fast as the connections go (each sends its next request when the answer to the
// last has come: the server's capacity, its latency then set by Little's law, connections over rate), and
// paced, a thread's requests at a fixed schedule (wrk's `delay` hook), so that the latency is measured at
// a given rate. A paced request sent more than 5 ms after its slot (every connection of its thread was
// still waiting for an answer) is counted as late: its latency counts from when it was sent, so the
// wait for a connection is left out (coordinated omission), and many late ones mean the server did not
// keep up.
#pragma once

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench_common.h"
#include "talkdex/error.h"

namespace talkdex::bench::wrk {

constexpr int kThreads = 2;

struct Result {
  double requests_per_s = 0, p50_ms = 0, p99_ms = 0, mb_per_s = 0;
  long requests = 0, errors = 0, status_errors = 0, wraps = 0;  // status_errors: answers of 400 or more
  long late = 0;             // paced requests sent more than 5 ms after their slot
  double server_cpu_ms = 0;  // the server's CPU time per request (set by the caller)
  double peak_rss_mib = 0;   // the server's peak resident memory after the run (set by the caller)
};

// Runs wrk with a Lua script whose done() prints the figures as "key value" lines.
inline Result run(const std::string& url, const std::filesystem::path& script, int connections, int seconds) {
  std::filesystem::path out_file = script.string() + ".out";
  int fd = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  pid_t pid = bench::spawn({"wrk", fmt::format("-t{}", kThreads), fmt::format("-c{}", connections), fmt::format("-d{}s", seconds),
                     "--timeout", "10s", "-s", script.string(), url},
                    fd);
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw talkdex::Error("wrk", "failed (is it installed?)");
  std::map<std::string, double> v;
  std::ifstream in(out_file);
  std::string line;
  // wrk prints its own summary first; the script's lines are "key number".
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string key, rest;
    double value = 0;
    if (words >> key >> value && !(words >> rest)) v[key] = value;
  }
  Result r;
  r.requests = static_cast<long>(v["requests"]);
  double seconds_run = v["duration_us"] / 1e6;
  r.requests_per_s = seconds_run > 0 ? static_cast<double>(r.requests) / seconds_run : 0;
  r.mb_per_s = seconds_run > 0 ? v["bytes"] / 1e6 / seconds_run : 0;
  r.p50_ms = v["p50_us"] / 1000.0;
  r.p99_ms = v["p99_us"] / 1000.0;
  r.errors = static_cast<long>(v["errors"]);
  r.status_errors = static_cast<long>(v["status_errors"]);
  r.wraps = static_cast<long>(v["wraps"]);
  r.late = static_cast<long>(v["late"]);
  return r;
}

// The figures, and what the threads counted: how many times their lists of paths started again
// (`wraps`) and their late requests (`late`, paced scripts only). wrk counts answers with a status of
// 400 or more itself (errors.status); a script with a response() hook would make it keep every body
// for Lua, load-generator work on the cores the server shares.
inline const char* kDone = R"(
local threads = {}
local thread_count = 0
setup = function(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end
done = function(summary, latency, requests)
  local wraps, late = 0, 0
  for _, t in ipairs(threads) do
    wraps = wraps + (t:get("wraps") or 0)
    late = late + (t:get("late") or 0)
  end
  io.write(string.format("requests %d\nduration_us %d\nbytes %d\np50_us %d\np99_us %d\nerrors %d\nstatus_errors %d\nwraps %d\nlate %d\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, wraps, late))
end
)";

// Paces a thread's requests to one every `interval` ms from its first: wrk asks delay() before each
// request, which answers how long to wait for the thread's next free slot. The clock is CLOCK_MONOTONIC
// through LuaJIT's FFI (wrk's Lua is LuaJIT; os.clock() is CPU time).
inline const char* kPacing = R"(
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } talkdex_timespec;
int clock_gettime(int clock, talkdex_timespec* now);
]]
local now_struct = ffi.new("talkdex_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, now_struct)
  return tonumber(now_struct.tv_sec) * 1000 + tonumber(now_struct.tv_nsec) / 1e6
end
local next_slot
late = 0
delay = function()
  local now = now_ms()
  next_slot = (next_slot or now) + interval
  if now > next_slot + 5 then late = late + 1 end
  local wait = next_slot - now
  if wait < 0 then return 0 end
  return math.floor(wait + 0.5)
end
)";

// A script asking the paths of `paths_file` (one a line) in turn, from the `skip`th on. With `split`,
// wrk's threads take every other one (thread 0 the odd lines, thread 1 the even ones), so that none asks
// what the other does; else each thread walks the whole list. A thread that comes to the end starts
// again (a wrap). With `requests_per_s` > 0 the threads together send that many a second (kPacing).
inline void write_paths_script(const std::filesystem::path& script, const std::filesystem::path& paths_file, bool split,
                               long skip = 0, double requests_per_s = 0) {
  std::ofstream lua(script);
  lua << "local paths = {}\nfor line in io.lines(\"" << paths_file.string() << "\") do paths[#paths + 1] = line end\n"
      << "local step = " << (split ? kThreads : 1) << "\nlocal first, i\nwraps = 0\n"
      << "init = function(args)\n  first = " << (split ? "id + 1" : "1") << " + " << skip << "\n  i = first - step\nend\n"
      << "request = function()\n  i = i + step\n  if i > #paths then\n    i = first\n    wraps = wraps + 1\n  end\n"
      << "  return wrk.format(\"GET\", paths[i])\nend\n"
      << kDone;
  if (requests_per_s > 0) lua << fmt::format("interval = {:.6f}\n", 1000.0 * kThreads / requests_per_s) << kPacing;
}

}  // namespace talkdex::bench::wrk
