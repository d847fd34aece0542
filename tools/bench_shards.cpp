// bench_shards: one archive split over 4 shards served by xapian-tcpsrv, searched as one by a front,
// against the same talks in one local index; the same queries through both in the same run.
//
//   build/bench_shards [--talks 100000] [--shards 4] [--queries 1000] [--dir DIR]
//
// The talks are bench_search's generated archive (bench_search_corpus.h): talk i is the same everywhere.
// Shard k holds talks [k*N/4, (k+1)*N/4), each in its own index; the local index is the four compacted
// into one (Xapian's compactor), so both sides hold exactly the same documents. Four real xapian-tcpsrv
// processes on 127.0.0.1 serve the shards; a talkdex Searcher opens them as remote databases (what
// `talkdex search` does on a front with `talkdex shards add`). Each query runs on the local Searcher and
// on the sharded one in turn, so that both see the same load on the machine.
// It prints p50/p99 of each, the ratio of the p99s and how many top-10 lists are the same on both sides.
// Target (issue 12): the 4-shard p99 < 3x the local p99.
#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <random>
#include <thread>

#include "bench_common.h"
#include "../search/src/documents.h"
#include "bench_search_index.h"
#include "talkdex/error.h"
#include "talkdex/search.h"
#include "talkdex/text.h"

extern char** environ;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using talkdex::bench::GeneratedTalk;
using talkdex::bench::make_talk;
using talkdex::bench::Sizes;
using talkdex::bench::Vocabulary;

namespace {

// A xapian-tcpsrv serving one shard, stopped (and waited for) when the object goes.
class TcpServer {
 public:
  TcpServer(const fs::path& db, int port) {
    std::vector<std::string> args = {"xapian-tcpsrv", "--port", std::to_string(port), "--interface", "127.0.0.1",
                                     "--quiet", db.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    // In a process group of its own: on SIGTERM xapian-tcpsrv signals its whole group (to end the
    // connections it forked), which must not include this program.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    int rc = posix_spawnp(&pid_, "xapian-tcpsrv", nullptr, &attr, argv.data(), environ);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) throw talkdex::Error("xapian-tcpsrv", "cannot start (install xapian-tools: tools/setup)");
  }
  ~TcpServer() {
    ::kill(-pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

 private:
  pid_t pid_ = -1;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(std::ceil(p / 100 * v.size())) - 1;
  return v[std::min(i, v.size() - 1)];
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t n = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n) != 0)
    throw talkdex::Error("bench", "no free port");
  ::close(fd);
  return ntohs(a.sin_port);
}

using talkdex::bench::arg;

struct Run {
  std::vector<double> ms;
  std::vector<std::vector<std::string>> top;  // keys of the top 10 of each query
};

void search_once(talkdex::Searcher& s, const std::string& q, Run* run) {
  talkdex::SearchOptions o;
  o.query = q;
  o.limit = 10;
  auto start = Clock::now();
  auto r = s.search(o);
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (!r) throw talkdex::Error(r.failure().message());
  if (!r->unreachable.empty()) throw talkdex::Error("bench", "a shard did not answer: " + r->unreachable[0]);
  if (!run) return;
  run->ms.push_back(ms);
  std::vector<std::string> keys;
  for (const auto& h : r->hits) keys.push_back(h.key);
  run->top.push_back(std::move(keys));
}

}  // namespace

int main(int argc, char** argv) try {
  Sizes sizes;
  sizes.talks = arg(argc, argv, "--talks", sizes.talks);
  sizes.queries = arg(argc, argv, "--queries", sizes.queries);
  int shards = std::max(1, arg(argc, argv, "--shards", 4));
  std::string keep = arg(argc, argv, "--dir", std::string());
  fs::path dir = keep.empty() ? fs::temp_directory_path() / fmt::format("talkdex-bench-shards-{}", getpid()) : fs::path(keep);
  std::string tag = fmt::format("{}-{}", sizes.talks, shards);
  fs::path local = dir / ("local-" + tag);
  std::vector<fs::path> parts;
  for (int k = 0; k < shards; ++k) parts.push_back(dir / fmt::format("shard{}-{}", k + 1, tag));

  Vocabulary vocab(50000);
  fmt::print("{} talks ({} documents): {} shards of {} talks behind xapian-tcpsrv, and one local index\n",
             sizes.talks, sizes.talks * (1 + sizes.chapters + sizes.passages), shards, sizes.talks / shards);
  if (!fs::exists(local)) {
    fs::create_directories(dir);
    setenv("XAPIAN_FLUSH_THRESHOLD", "4000", 0);
    auto start = Clock::now();
    talkdex::bench::build_xapian_parts(parts, vocab, sizes);
    fs::path tmp = local.string() + ".tmp";
    fs::remove_all(tmp);
    talkdex::bench::compact_into(tmp, parts);
    fs::rename(tmp, local);
    fmt::print("generated in {:.0f} s\n", std::chrono::duration<double>(Clock::now() - start).count());
  } else {
    fmt::print("reusing the indexes in {}\n", dir.string());
  }

  std::vector<std::unique_ptr<TcpServer>> servers;
  std::vector<talkdex::SearchSource> sources;
  for (int k = 0; k < shards; ++k) {
    int port = free_port();
    servers.push_back(std::make_unique<TcpServer>(parts[static_cast<std::size_t>(k)], port));
    sources.push_back({fmt::format("shard{}", k + 1), {fmt::format("tcp://127.0.0.1:{}", port)}});
  }
  // Until every server listens.
  auto deadline = Clock::now() + std::chrono::seconds(30);
  std::unique_ptr<talkdex::Searcher> sharded;
  while (!sharded) {
    talkdex::Searcher s(sources, talkdex::SearcherOptions{std::chrono::milliseconds(10000)});
    talkdex::SearchOptions probe;
    probe.query = "probe";
    if (s.search(probe)->unreachable.empty()) sharded = std::make_unique<talkdex::Searcher>(std::move(s));
    else if (Clock::now() > deadline) throw talkdex::Error("bench", "the shard servers did not come up");
    else std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  talkdex::Searcher single({local.string()});

  auto queries = talkdex::bench::make_queries(vocab, sizes, true);
  for (const auto& q : queries) {  // warm both: the pages of every index into the cache
    search_once(single, q, nullptr);
    search_once(*sharded, q, nullptr);
  }
  Run one, many;
  for (const auto& q : queries) {
    search_once(single, q, &one);
    search_once(*sharded, q, &many);
  }
  std::size_t same = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) same += one.top[i] == many.top[i];

  fmt::print("\n{} two-word queries, top 10 talks each, the same queries on both sides in turn:\n", queries.size());
  fmt::print("  {:<40} {:>9} {:>9}\n", "", "p50 ms", "p99 ms");
  fmt::print("  {:<40} {:>9.3f} {:>9.3f}\n", fmt::format("local index ({} talks)", sizes.talks), percentile(one.ms, 50),
             percentile(one.ms, 99));
  fmt::print("  {:<40} {:>9.3f} {:>9.3f}\n", fmt::format("{} shards x {} talks (xapian-tcpsrv)", shards, sizes.talks / shards),
             percentile(many.ms, 50), percentile(many.ms, 99));
  double ratio = percentile(many.ms, 99) / percentile(one.ms, 99);
  fmt::print("  p99 ratio sharded / local: {:.2f}x (target < 3x: {}); same top 10 on both sides: {:.0f}% of queries\n",
             ratio, ratio < 3 ? "met" : "NOT met", 100.0 * static_cast<double>(same) / static_cast<double>(queries.size()));
  servers.clear();
  if (keep.empty()) fs::remove_all(dir);
  return 0;
} catch (const std::exception& e) {
  fmt::print(stderr, "bench_shards: {}\n", e.what());
  return talkdex::bench::kFailed;
} catch (const Xapian::Error& e) {
  fmt::print(stderr, "bench_shards: {}\n", e.get_description());
  return talkdex::bench::kFailed;
}
