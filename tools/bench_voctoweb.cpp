// bench_voctoweb: importing a media.ccc.de (voctoweb) conference from a local server, and reading it
// again with nothing changed.
//
// Writes a conference of EVENTS events in voctoweb's API shapes (tests/support/voctoweb_fixture.h: each
// event with 8 recordings and 2 subtitle files) and serves it with the test HTTP server
// (tests/support/http_fixture.py) on 127.0.0.1, each answer delayed by LATENCY_MS as a distant server's
// round trip would be. Then, in the same run and against the same server:
//  - talkdex: `import` of the conference URL into a fresh store (conference, events, subtitle files;
//    parsed, joined and written), 8 fetches at a time and 1 at a time;
//  - the peer: the curl command run once per document of the same set (1 + EVENTS + 2 x EVENTS files),
//    one at a time and 8 at a time, downloading only (no parsing, nothing written);
//  - the re-read with nothing changed (`talkdex index`): how many requests, how many of them conditional,
//    and whether the store's files changed.
// Prints events per second. Usage: bench_voctoweb [EVENTS=200] [LATENCY_MS=0] [FIXTURE.py]
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_common.h"
#include "../tests/support/http_fixture.h"
#include "../tests/support/voctoweb_fixture.h"
#include "talkdex/indexer/import/importer.h"
#include "talkdex/indexer/sources/source_refresh.h"
#include "talkdex/store.h"
#include "talkdex/text.h"

namespace {

using talkdex::bench::Clock;
namespace fs = std::filesystem;

using talkdex::bench::seconds_since;

void print_row(const std::string& method, int events, std::size_t requests, double seconds, const std::string& check) {
  std::printf("  %-44s %7d %9zu %8.3f %9.0f  %s\n", method.c_str(), events, requests, seconds, events / seconds,
              check.c_str());
  std::fflush(stdout);
}

// The store's files as a stat sees them: size and modification time of the database and its WAL.
std::string files_state(const fs::path& db) {
  std::string out;
  for (const fs::path& p : {db, fs::path(db.string() + "-wal")}) {
    struct stat st {};
    if (::stat(p.c_str(), &st) == 0)
      out += std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + " ";
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    int events = argc > 1 ? std::stoi(argv[1]) : 200;
    int latency_ms = argc > 2 ? std::stoi(argv[2]) : 0;
    fs::path script = argc > 3 ? fs::path(argv[3]) : fs::path(TALKDEX_SOURCE_DIR) / "tests" / "support" / "http_fixture.py";
    std::string curl = talkdex::bench::find_program("curl");
    fs::path dir = fs::temp_directory_path() / ("talkdex-bench-voctoweb-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    talkdex::test::HttpFixture server(script);
    talkdex::test::VoctowebFixture api(dir / "api", server.url("/file" + (dir / "api").string()));
    std::string delay = latency_ms > 0 ? "?delay_ms=" + std::to_string(latency_ms) : "";
    std::vector<std::pair<int, std::string>> delayed;
    if (!delay.empty())
      for (int i = 1; i <= events; ++i) delayed.emplace_back(i, api.event_url(i) + delay);
    api.write_conference(events, delayed);
    for (int i = 1; i <= events; ++i) api.write_event(i);
    std::string conference = api.conference_url() + delay;
    std::vector<std::string> documents{conference};
    for (int i = 1; i <= events; ++i) documents.push_back(api.event_url(i) + delay);
    for (int i = 1; i <= events; ++i) {
      documents.push_back(api.subtitle_url(i, "vtt"));
      documents.push_back(api.subtitle_url(i, "srt"));
    }

    std::printf("A voctoweb conference of %d events (%zu documents: conference, events, subtitle files) on "
                "127.0.0.1, python http.server, answers delayed %d ms\n",
                events, documents.size(), latency_ms);
    std::printf("  %-44s %7s %9s %8s %9s  %s\n", "method", "events", "requests", "seconds", "events/s", "check");
    fs::path last_store;
    for (int jobs : {8, 1}) {
      fs::path db = dir / ("store-jobs" + std::to_string(jobs)) / "talkdex.sqlite";
      talkdex::Store store(db);
      talkdex::ImportOptions options;
      options.fetch.jobs = jobs;
      server.reset_counts();
      auto start = Clock::now();
      talkdex::ImportOutcome o = talkdex::Importer(store, options).import(conference);
      double elapsed = seconds_since(start);
      if (!o.ok()) throw talkdex::Error(o.failure().message());
      auto counts = store.counts();
      print_row("talkdex import, " + std::to_string(jobs) + " fetches at a time", events,
                static_cast<std::size_t>(server.total_count()), elapsed,
                std::to_string(counts.talks) + " talks, " + std::to_string(counts.recordings) + " recordings stored");
      last_store = db;
    }
    for (std::size_t parallel : {std::size_t{1}, std::size_t{8}}) {
      server.reset_counts();
      // `curl -s -f -o /dev/null URL` once per document.
      std::vector<std::vector<std::string>> commands;
      for (const auto& url : documents) commands.push_back({curl, "-s", "-f", "-o", "/dev/null", url});
      auto start = Clock::now();
      int failed = talkdex::bench::run_commands(std::move(commands), parallel);
      double elapsed = seconds_since(start);
      print_row("curl command per document, " + std::to_string(parallel) + " at a time", events, documents.size(),
                elapsed, failed == 0 ? "all exited 0 (download only)" : std::to_string(failed) + " failed");
    }

    // `talkdex index` with nothing changed, on the store of the 8-job import.
    talkdex::Store store(last_store);
    std::int64_t revision = store.revision();
    std::string before = files_state(last_store);
    server.reset_counts();
    talkdex::RefreshOptions refresh;
    refresh.fetch.jobs = 8;
    auto start = Clock::now();
    talkdex::RefreshReport report = talkdex::refresh_sources(store, refresh);
    double elapsed = seconds_since(start);
    long total = server.total_count(), conditional = server.conditional_count();
    bool untouched = store.revision() == revision && files_state(last_store) == before && report.failures.empty();
    std::printf("\nRe-reading the conference with nothing changed (`talkdex index`, 8 at a time):\n");
    std::printf("  %ld requests, %ld of them conditional (%s), %.3f s (%.0f events/s); store %s\n", total,
                conditional, total == conditional ? "every one" : "NOT every one", elapsed, events / elapsed,
                untouched ? "not written (same revision, same file sizes and times)" : "WRITTEN");
    fs::remove_all(dir);
    return total == conditional && untouched ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_voctoweb: error: %s\n", e.what());
    return talkdex::bench::kFailed;
  }
}
