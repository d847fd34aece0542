// bench_fetch: how fast talkdex re-checks sources that have not changed.
//
// Starts the test HTTP server (tests/support/http_fixture.py) on 127.0.0.1 and makes SOURCES sources
// that each answer 304 to their ETag. Re-checks all of them with fetch_all at 1 and at 8 jobs, side by
// side, in the same run and against the same server, with the curl command run once per source
// (`curl -s -o /dev/null -H 'If-None-Match: ETAG' URL`, fork/exec), one at a time and 8 at a time.
// Twice: with the server answering at once, and with every answer delayed by LATENCY_MS, as a distant
// server's round trip would be (which is what running transfers side by side is for).
// Prints requests per second for each. Usage: bench_fetch [SOURCES=1000] [LATENCY_MS=20] [FIXTURE.py]
#include <curl/curl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_common.h"
#include "../tests/support/http_fixture.h"
#include "talkdex/indexer/fetch/fetch.h"
#include "talkdex/text.h"

namespace {

using talkdex::bench::Clock;
using talkdex::bench::seconds_since;

// The curl command once per source, asking with its ETag: `curl -s -o /dev/null -H 'If-None-Match: ETAG' URL`.
std::vector<std::vector<std::string>> curl_commands(const std::string& curl,
                                                    const std::vector<talkdex::FetchRequest>& sources) {
  std::vector<std::vector<std::string>> out;
  for (const auto& source : sources)
    out.push_back({curl, "-s", "-o", "/dev/null", "-H", "If-None-Match: " + source.etag, source.url});
  return out;
}

void print_row(const std::string& method, std::size_t requests, double seconds, const std::string& check) {
  std::printf("  %-40s %9zu %9.2f %11.0f  %s\n", method.c_str(), requests, seconds, requests / seconds, check.c_str());
  std::fflush(stdout);
}

void run_scenario(const talkdex::test::HttpFixture& server, const std::string& curl, std::size_t sources, int latency_ms) {
  std::vector<talkdex::FetchRequest> requests;
  for (std::size_t i = 0; i < sources; ++i) {
    talkdex::FetchRequest request;
    request.url = server.url("/cached/source-" + std::to_string(i) + "?delay_ms=" + std::to_string(latency_ms));
    requests.push_back(std::move(request));
  }
  // A first fetch gives every source its ETag, as the previous import would have stored it.
  talkdex::FetchOptions options;
  auto first = talkdex::fetch_all(requests, options);
  for (std::size_t i = 0; i < sources; ++i) {
    if (!first[i].ok() || first[i].etag.empty())
      throw talkdex::Error(requests[i].url, first[i].ok() ? "no ETag" : first[i].failure().reason);
    requests[i].etag = first[i].etag;
  }

  std::printf("\n%zu unchanged sources, server answering after %d ms:\n", sources, latency_ms);
  std::printf("  %-40s %9s %9s %11s  %s\n", "method", "requests", "seconds", "requests/s", "check");
  for (int jobs : {1, 8}) {
    options.jobs = jobs;
    auto start = Clock::now();
    auto checked = talkdex::fetch_all(requests, options);
    double elapsed = seconds_since(start);
    std::size_t unchanged = 0;
    for (const auto& result : checked) unchanged += result.ok() && result.not_modified && result.status == 304;
    print_row("talkdex fetch_all, jobs " + std::to_string(jobs), sources, elapsed, std::to_string(unchanged) + " x 304");
  }
  for (std::size_t parallel : {std::size_t{1}, std::size_t{8}}) {
    long before = server.count("/cached/source-0");
    auto commands = curl_commands(curl, requests);
    auto start = Clock::now();
    int failed = talkdex::bench::run_commands(std::move(commands), parallel);
    double elapsed = seconds_since(start);
    bool reached = server.count("/cached/source-0") == before + 1;
    print_row("curl command per source, " + std::to_string(parallel) + " at a time", sources, elapsed,
              failed == 0 && reached ? "all exited 0" : std::to_string(failed) + " failed");
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::size_t sources = argc > 1 ? std::stoul(argv[1]) : 1000;
    int latency_ms = argc > 2 ? std::stoi(argv[2]) : 20;
    std::filesystem::path script = argc > 3 ? std::filesystem::path(argv[3])
                                            : std::filesystem::path(TALKDEX_SOURCE_DIR) / "tests" / "support" /
                                                  "http_fixture.py";
    std::string curl = talkdex::bench::find_program("curl");
    talkdex::test::HttpFixture server(script);
    std::printf("Re-checking sources with If-None-Match (each answers 304) on 127.0.0.1, python http.server;\n"
                "talkdex " TALKDEX_VERSION " on libcurl %s, against the command %s\n", curl_version_info(CURLVERSION_NOW)->version,
                curl.c_str());
    run_scenario(server, curl, sources, 0);
    if (latency_ms > 0) run_scenario(server, curl, sources, latency_ms);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_fetch: error: %s\n", e.what());
    return talkdex::bench::kFailed;
  }
}
