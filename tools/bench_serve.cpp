// Benchmark of issue 11: `talkdex serve` under load, beside the one-shot command, in the same run.
//
// On bench_search's generated archive (bench_search_index.h; default 100,000 talks with 300,000 chapters
// and 700,000 passages), it starts `talkdex serve` on 127.0.0.1 and loads it with wrk (Debian's package):
//  - /api/search with 32 concurrent connections (bench_wrk.h), three ways, each with requests/s, p50 and
//    p99 latency, the server's peak resident memory (VmHWM, the whole run's so far) and its CPU time per
//    request (user and system, all threads: the figure that stays put when other work shares the cores),
//    and which of the targets each meets:
//     a. distinct queries as fast as the connections go: every request a two-word query of the archive not
//        asked before in the run, none of them among the 2,000 of (c) (which warm the server first), so
//        that each is searched and none is answered from the server's cache. wrk's two threads take
//        alternate ones from a list made long enough for (a) and (b) at 8,000 requests/s; if a run still
//        comes to its end, the output says so (run with --cache-mb 0 then). This is the capacity: its
//        latency is its 32 connections over its rate (Little's law: p50 5 ms would take 6,400 requests/s,
//        a third of the CPU one search at 100,000 talks costs), so only the rate and memory are judged;
//     b. distinct queries paced at 2,000 requests/s over the same 32 connections (queries after those of
//        (a)): the latency at the target's rate, and whether the server kept that rate;
//     c. repeated queries: bench_search's 2,000 in a cycle (each wrk thread walks the whole list), with
//        the server's cache of answers on (--cache-mb: the server's default unless given);
//    beside them the one-shot `talkdex search --json` process for the same queries (wall time and memory);
//  - /media/recordings/ID with Range requests of 1 MiB at random places of a 256 MiB recording (kept in
//    the page cache): MB/s, beside reading the same ranges with pread in one process.
// Targets: /api/search p50 < 5 ms, p99 < 25 ms, >= 2,000 requests/s on 2 cores, < 100 MiB; Range >= 500 MB/s.
// wrk and the server share the machine's cores, as they would on one machine. Each load lasts --seconds.
// Generating the archive takes 7 to 15 minutes; with --dir it is kept and reused (also by bench_search's
// --dir when the sizes match).
//
// usage: bench_serve [--talks N] [--dir DIR] [--seconds S] [--connections C] [--server-threads T]
//                    [--cache-mb MB] [--oneshot R]
#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bench_common.h"
#include "bench_search_corpus.h"
#include "bench_search_index.h"
#include "bench_wrk.h"
#include "talkdex/error.h"
#include "talkdex/store.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

using talkdex::bench::arg;

namespace wrk = talkdex::bench::wrk;
using talkdex::bench::spawn;

// The paced run's rate: the target's. Whether the server can take it is the run as fast as the
// connections go; whether it answers within the latency targets at it is this one.
constexpr double kPacedRate = 2000;

std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// `talkdex serve` on the archive; its URL and pid. Stopped with SIGTERM by stop().
struct Server {
  pid_t pid = 0;
  std::string url;

  Server(const fs::path& exe, const fs::path& archive, int threads, int cache_mb) {
    int out[2];
    if (pipe(out) != 0) throw talkdex::Error("pipe", "cannot make one");
    std::vector<std::string> args = {exe.string(), "--archive", archive.string(), "serve", "--listen", "127.0.0.1:0",
                                     "--threads", std::to_string(threads)};
    if (cache_mb >= 0) args.insert(args.end(), {"--cache-mb", std::to_string(cache_mb)});
    pid = spawn(args, out[1]);
    close(out[1]);
    char c;
    while (read(out[0], &c, 1) == 1 && c != '\n') url += c;
    close(out[0]);
    if (url.rfind("http://", 0) != 0) throw talkdex::Error("talkdex serve", "did not print its URL");
    if (url.back() == '/') url.pop_back();
  }
  // Peak resident memory so far (VmHWM), MiB.
  double peak_rss_mib() const { return talkdex::bench::status_mib(std::to_string(pid), "VmHWM"); }
  // CPU time the server has used so far (user and system, all threads), seconds.
  double cpu_seconds() const {
    std::ifstream stat(fmt::format("/proc/{}/stat", pid));
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 2));  // after "pid (comm) "
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
      if (i >= 14) ticks += std::stod(field);  // utime and stime
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  void stop() {
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    pid = 0;
  }
  ~Server() { stop(); }
};

void write_paths(const fs::path& file, const std::vector<std::string>& queries) {
  std::ofstream out(file);
  for (const auto& q : queries) out << "/api/search?q=" << url_encode(q) << "\n";
}

// The one-shot command for one query: wall time (ms) and peak memory (MiB) from wait4. Called in a small
// runner process (see main): a child spawned from this big one would count its memory until the exec.
std::pair<double, double> oneshot(const fs::path& exe, const fs::path& archive, const std::string& query) {
  int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
  auto t0 = Clock::now();
  pid_t pid = spawn({exe.string(), "--archive", archive.string(), "search", "--json", query}, null);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  close(null);
  return {ms, static_cast<double>(usage.ru_maxrss) / 1024.0};
}

}  // namespace

// bench_serve --oneshot-runner EXE ARCHIVE OUT QUERY...: "ms rss" per query into OUT, after a warm-up run.
int oneshot_runner(int argc, char** argv) {
  std::ofstream out(argv[4]);
  oneshot(argv[2], argv[3], argv[5]);
  for (int i = 5; i < argc; ++i) {
    auto [ms, rss] = oneshot(argv[2], argv[3], argv[i]);
    out << ms << " " << rss << "\n";
  }
  return 0;
}

int main(int argc, char** argv) try {
  if (argc > 5 && std::string(argv[1]) == "--oneshot-runner") return oneshot_runner(argc, argv);
  talkdex::bench::Sizes sizes;
  sizes.talks = arg(argc, argv, "--talks", sizes.talks);
  sizes.queries = 2000;
  int seconds = arg(argc, argv, "--seconds", 10);
  int connections = arg(argc, argv, "--connections", 32);
  int server_threads = arg(argc, argv, "--server-threads", 8);
  int cache_mb = arg(argc, argv, "--cache-mb", -1);  // -1: the server's default
  int oneshots = arg(argc, argv, "--oneshot", 50);
  std::string keep = arg(argc, argv, "--dir", std::string());
  fs::path dir = keep.empty() ? fs::temp_directory_path() / fmt::format("talkdex-bench-serve-{}", getpid()) : fs::path(keep);
  fs::path archive = dir / "archive";
  std::string tag = fmt::format("{}-{}-{}-{}", sizes.talks, sizes.chapters, sizes.passages, sizes.passage_words);
  fs::path index = archive / ("index-" + tag);
  fs::path exe = fs::canonical("/proc/self/exe").parent_path() / "talkdex";

  talkdex::bench::Vocabulary vocab(50000);
  fmt::print("archive: {} talks, {} chapters and {} passages\n", sizes.talks, sizes.talks * sizes.chapters,
             sizes.talks * sizes.passages);
  if (!fs::exists(index)) {
    fs::create_directories(archive);
    setenv("XAPIAN_FLUSH_THRESHOLD", "4000", 0);
    auto t0 = Clock::now();
    talkdex::bench::build_xapian(index, vocab, sizes, 2);
    fmt::print("generated in {:.0f} s\n", std::chrono::duration<double>(Clock::now() - t0).count());
  } else {
    fmt::print("reusing the archive in {}\n", dir.string());
  }
  std::ofstream(archive / "index.stub") << "auto " << index.filename().string() << "\n";

  // A 256 MiB recording listed in the store (its bytes do not matter to Range serving).
  fs::path recording = dir / "recording.mp4";
  constexpr std::size_t kRecordingBytes = 256u << 20;
  if (!fs::exists(recording) || fs::file_size(recording) != kRecordingBytes) {
    std::ofstream out(recording, std::ios::binary);
    std::mt19937_64 rng(5);
    std::vector<std::uint64_t> block(1 << 17);
    for (std::size_t written = 0; written < kRecordingBytes; written += block.size() * 8) {
      for (auto& w : block) w = rng();
      out.write(reinterpret_cast<const char*>(block.data()), static_cast<std::streamsize>(block.size() * 8));
    }
  }
  std::int64_t recording_id = 0;
  {
    talkdex::Store store(archive / "talkdex.sqlite");
    recording_id = store.put_recording(talkdex::RecordingInfo{fs::absolute(recording).string(), "", std::nullopt, 3600.0, {}},
        {.container = "mp4", .probe_json = "{}"});
  }

  // The repeated queries: bench_search's 2,000, in a cycle that each of wrk's threads walks.
  auto queries = talkdex::bench::make_queries(vocab, sizes, true);
  fs::path search_lua = dir / "search.lua";
  write_paths(dir / "search-paths.txt", queries);
  wrk::write_paths_script(search_lua, dir / "search-paths.txt", false);
  // The distinct queries: more of the same kind, none of them among the 2,000 (which warm the server) nor
  // twice in the list, split between wrk's threads; enough that a run of --seconds does not come to the
  // end at 8,000 requests/s (if it does, the figures say so).
  std::vector<std::string> distinct;
  {
    talkdex::bench::Sizes more = sizes;
    more.queries = sizes.queries + std::max(20000, seconds * 8000);
    auto all = talkdex::bench::make_queries(vocab, more, true);
    std::set<std::string> seen(queries.begin(), queries.end());
    for (auto& q : all)
      if (seen.insert(q).second) distinct.push_back(std::move(q));
  }
  fs::path distinct_lua = dir / "distinct.lua";
  write_paths(dir / "distinct-paths.txt", distinct);
  wrk::write_paths_script(distinct_lua, dir / "distinct-paths.txt", true);
  fs::path range_lua = dir / "range.lua";
  {
    std::ofstream lua(range_lua);
    lua << "local size = " << kRecordingBytes << "\nlocal chunk = 1048576\nmath.randomseed(7)\n"
        << "request = function()\n  local first = math.random(0, size / chunk - 1) * chunk\n"
        << "  return wrk.format(\"GET\", \"/media/recordings/" << recording_id
        << "\", {[\"Range\"] = \"bytes=\" .. first .. \"-\" .. (first + chunk - 1)})\nend\n"
        << wrk::kDone;
  }

  // The one-shot command first, on a quiet machine, for the same queries.
  std::vector<double> oneshot_ms;
  double oneshot_rss = 0;
  {
    fs::path results = dir / "oneshot.txt";
    std::vector<std::string> runner = {fs::canonical("/proc/self/exe").string(), "--oneshot-runner", exe.string(),
                                       archive.string(), results.string()};
    for (int i = 0; i < oneshots; ++i) runner.push_back(queries[static_cast<std::size_t>(i) % queries.size()]);
    int status = 0;
    waitpid(spawn(runner, -1), &status, 0);
    std::ifstream in(results);
    double ms = 0, rss = 0;
    while (in >> ms >> rss) {
      oneshot_ms.push_back(ms);
      oneshot_rss = std::max(oneshot_rss, rss);
    }
  }

  Server server(exe, archive, server_threads, cache_mb);
  auto measured = [&](const fs::path& script) {
    double cpu = server.cpu_seconds();
    wrk::Result r = wrk::run(server.url, script, connections, seconds);
    r.server_cpu_ms = (server.cpu_seconds() - cpu) * 1000.0 / static_cast<double>(std::max(1L, r.requests));
    r.peak_rss_mib = server.peak_rss_mib();
    return r;
  };
  // Warm: the index's pages and the server's pooled searchers (and the cache, with the 2,000 queries).
  wrk::run(server.url, search_lua, connections, 2);
  wrk::Result distinct_run = measured(distinct_lua);
  // The same connections paced at kPacedRate, with distinct queries after those the first run asked.
  fs::path paced_lua = dir / "paced.lua";
  wrk::write_paths_script(paced_lua, dir / "distinct-paths.txt", true, distinct_run.requests + 1000, kPacedRate);
  wrk::Result paced_run = measured(paced_lua);
  wrk::run(server.url, search_lua, connections, 2);
  wrk::Result repeated_run = measured(search_lua);

  // Range: the recording into the page cache, then the ranges read in one process with pread as the peer.
  std::vector<char> buffer(1 << 20);
  int fd = open(recording.c_str(), O_RDONLY | O_CLOEXEC);
  for (std::size_t off = 0; off < kRecordingBytes; off += buffer.size())
    if (pread(fd, buffer.data(), buffer.size(), static_cast<off_t>(off)) < 0) break;
  std::mt19937_64 rng(7);
  std::size_t read_bytes = 0;
  auto t0 = Clock::now();
  while (Clock::now() - t0 < std::chrono::seconds(2)) {
    std::size_t first = (rng() % (kRecordingBytes / buffer.size())) * buffer.size();
    ssize_t n = pread(fd, buffer.data(), buffer.size(), static_cast<off_t>(first));
    if (n <= 0) break;
    read_bytes += static_cast<std::size_t>(n);
  }
  double pread_mb_s = static_cast<double>(read_bytes) / 1e6 / std::chrono::duration<double>(Clock::now() - t0).count();
  close(fd);
  wrk::Result range = wrk::run(server.url, range_lua, 4, seconds);
  server.stop();

  std::string cache = cache_mb < 0 ? "cache on (the server's default size)"
                     : cache_mb == 0 ? "cache off" : fmt::format("cache on ({} MiB)", cache_mb);
  fmt::print("\n{} connections for {} s (wrk, {} threads), server with {} threads kept, {}, on {} cores:\n", connections,
             seconds, wrk::kThreads, server_threads, cache, std::thread::hardware_concurrency());
  bool all_met = true;
  // The figures of a run and which targets it meets. A run at kPacedRate is judged on its latency and on
  // keeping the pace (at least 99% of the rate); how many of its requests went out late is printed: a
  // late one waited for a free connection of its thread (all 16 still waiting for answers), and that
  // wait is not in its latency. A run as fast as the connections go is judged on its rate, and, with
  // `judge_latency`, its latency too (the distinct queries' latency there is their connections over
  // their rate, Little's law: not judged).
  auto print_search = [&](const wrk::Result& r, bool paced, bool judge_latency) {
    fmt::print("                {:8.0f} requests/s  p50 {:6.2f} ms  p99 {:6.2f} ms  peak RSS {:5.1f} MiB  server CPU "
               "{:.3f} ms a request  ({} requests, {} errors, {} answers of 400 or more{})\n",
               r.requests_per_s, r.p50_ms, r.p99_ms, r.peak_rss_mib, r.server_cpu_ms, r.requests, r.errors, r.status_errors,
               paced ? fmt::format(", {} ({:.1f}%) sent over 5 ms after their slot", r.late,
                                   100.0 * static_cast<double>(r.late) / static_cast<double>(std::max(1L, r.requests)))
                     : "");
    std::vector<std::string> met, missed;
    if (judge_latency) {
      (r.p50_ms < 5 ? met : missed).push_back("p50 < 5 ms");
      (r.p99_ms < 25 ? met : missed).push_back("p99 < 25 ms");
    }
    if (paced) {
      (r.requests_per_s >= 0.99 * kPacedRate ? met : missed).push_back(fmt::format("kept {:.0f} requests/s", kPacedRate));
    } else {
      (r.requests_per_s >= 2000 ? met : missed).push_back(">= 2000 requests/s");
    }
    (r.peak_rss_mib < 100 ? met : missed).push_back("< 100 MiB");
    (r.errors == 0 && r.status_errors == 0 ? met : missed).push_back("no errors");
    auto join = [](const std::vector<std::string>& v) {
      std::string out;
      for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
      return out.empty() ? std::string("none") : out;
    };
    fmt::print("                targets met: {}; missed: {}\n", join(met), join(missed));
    all_met = all_met && missed.empty();
  };
  auto distinct_note = [&](const wrk::Result& r) {
    return r.wraps == 0 ? std::string("each request a query not asked before in the run")
                        : fmt::format("NOT all distinct, the {} generated ran out {} times (repeats answered from the "
                                      "cache; run with a shorter --seconds or --cache-mb 0)",
                                      distinct.size(), r.wraps);
  };
  fmt::print("  /api/search, distinct queries ({}), as fast as the connections go (the 2,000 of the last run "
             "warmed the server first):\n",
             distinct_note(distinct_run));
  print_search(distinct_run, false, false);
  fmt::print("  /api/search, distinct queries ({}), paced at {:.0f} requests/s over the same connections:\n",
             distinct_note(paced_run), kPacedRate);
  print_search(paced_run, true, true);
  fmt::print("  /api/search, repeated queries: bench_search's {} in a cycle ({}), as fast as the connections go:\n",
             queries.size(), cache);
  print_search(repeated_run, false, true);
  fmt::print("  one-shot `talkdex search --json` (the peer), {} runs one at a time:\n", oneshots);
  fmt::print("                {:8.0f} requests/s  p50 {:6.2f} ms  p99 {:6.2f} ms  peak RSS {:5.1f} MiB\n",
             1000.0 / std::max(0.001, percentile(oneshot_ms, 0.5)), percentile(oneshot_ms, 0.5),
             percentile(oneshot_ms, 0.99), oneshot_rss);
  fmt::print("  Range 1 MiB   {:8.0f} MB/s over HTTP (4 connections, {} requests, {} answers of 400 or more)  beside pread in one "
             "process: {:.0f} MB/s\n",
             range.mb_per_s, range.requests, range.status_errors, pread_mb_s);
  fmt::print("targets: p50 < 5 ms, p99 < 25 ms, >= 2000 requests/s, < 100 MiB; Range >= 500 MB/s\n");
  if (keep.empty()) fs::remove_all(dir);
  all_met = all_met && range.mb_per_s >= 500;
  return all_met ? 0 : 1;  // 1: it ran, a target was missed (tools/bench)
} catch (const std::exception& e) {
  fmt::print(stderr, "bench_serve: {}\n", e.what());
  return talkdex::bench::kFailed;
}
