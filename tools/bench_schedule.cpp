// Benchmark of issue 4: schedule import speed.
//
// Generates a frab schedule.xml of N events (default 10,000) in memory, then times
//  - parse_frab_xml alone, and
//  - parse_frab_xml + Store::import_schedule into a fresh SQLite file in a temporary folder,
// and prints events per second for each (the target: at least 20,000 events/s for parse + store). There
// is no named peer; as a reference line it times Python's xml.etree.ElementTree parsing the same file.
// Each figure is the median of --runs runs (default 5). Build with CMAKE_BUILD_TYPE=Release.
//
// usage: bench_schedule [--events N] [--runs R]
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench_common.h"
#include "talkdex/error.h"
#include "talkdex/indexer/schedule/schedule_formats.h"
#include "talkdex/store.h"
#include "schedule_gen.h"

namespace {

using talkdex::bench::Clock;
using talkdex::bench::seconds_since;
using talkdex::bench::median;
namespace fs = std::filesystem;

// A temporary folder removed with its content when the object goes.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "talkdex-bench-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw talkdex::Error(pattern, "cannot create a temporary folder");
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct PipeCloser {
  void operator()(FILE* f) const noexcept { pclose(f); }
};

// Runs Python's ElementTree on the file: returns {wall seconds of the whole command, seconds inside E.parse}.
std::optional<std::pair<double, double>> time_python(const fs::path& file) {
  std::string cmd = fmt::format(
      "python3 -c 'import sys, time, xml.etree.ElementTree as E; t = time.perf_counter(); E.parse(sys.argv[1]); "
      "print(time.perf_counter() - t)' '{}' 2>/dev/null",
      file.string());
  auto t0 = Clock::now();
  std::unique_ptr<FILE, PipeCloser> pipe(popen(cmd.c_str(), "r"));
  if (!pipe) return std::nullopt;
  char buf[64] = {0};
  bool got = std::fgets(buf, sizeof buf, pipe.get()) != nullptr;
  int status = pclose(pipe.release());
  double wall = seconds_since(t0);
  if (!got || status != 0) return std::nullopt;
  return std::make_pair(wall, std::strtod(buf, nullptr));
}

}  // namespace

int main(int argc, char** argv) {
  try {
    int events = 10000, runs = 5;
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      if ((a == "--events" || a == "--runs") && i + 1 < argc) {
        (a == "--events" ? events : runs) = std::max(1, std::atoi(argv[++i]));
      } else {
        std::cerr << "usage: bench_schedule [--events N] [--runs R]\n";
        return 2;
      }
    }
    std::string xml = talkdex::mediagen::frab_schedule_xml(events);
    TempFolder tmp;

    std::vector<double> parse_times, store_times, import_only, reimport;
    size_t talks = 0;
    for (int run = 0; run < runs; ++run) {
      auto t0 = Clock::now();
      auto parsed = talkdex::parse_frab_xml(xml, "bench.xml");
      parse_times.push_back(seconds_since(t0));
      if (!parsed) throw talkdex::Error(parsed.failure().message());
      talks = parsed->talks.size();
    }
    for (int run = 0; run < runs; ++run) {
      talkdex::Store store(tmp.path() / fmt::format("run{}.sqlite", run));  // fresh file, opened untimed
      talkdex::SourceRecord source;
      source.uri = "bench.xml";
      source.kind = "frab-xml";
      source.status = "ok";
      auto t0 = Clock::now();
      auto parsed = talkdex::parse_frab_xml(xml, "bench.xml");
      if (!parsed) throw talkdex::Error(parsed.failure().message());
      auto t1 = Clock::now();
      auto summary = store.import_schedule(source, parsed.value());
      store_times.push_back(seconds_since(t0));
      import_only.push_back(seconds_since(t1));
      if (summary.talks_added != static_cast<int>(talks)) throw talkdex::Error("the import lost talks");
      // The same export again: every talk is compared with its stored row and nothing is written.
      auto t2 = Clock::now();
      auto again = store.import_schedule(source, parsed.value());
      reimport.push_back(seconds_since(t2));
      if (again.changed()) throw talkdex::Error("importing the same schedule again changed the store");
    }

    fs::path file = tmp.path() / "bench.xml";
    std::ofstream(file, std::ios::binary) << xml;
    std::vector<double> py_wall, py_parse;
    for (int run = 0; run < std::min(runs, 3); ++run) {
      if (auto t = time_python(file)) py_wall.push_back(t->first), py_parse.push_back(t->second);
    }

    auto rate = [&](double s) { return fmt::format("{:>10.0f}", static_cast<double>(talks) / s); };
    std::cout << fmt::format("schedule.xml: {} events, {:.1f} MB, median of {} runs\n\n", talks, xml.size() / 1e6,
                             runs);
    std::cout << fmt::format("{:<46} {:>10} {:>10}\n", "step", "ms", "events/s");
    std::cout << fmt::format("{:<46} {:>10.1f} {}\n", "talkdex parse_frab_xml", median(parse_times) * 1e3,
                             rate(median(parse_times)));
    std::cout << fmt::format("{:<46} {:>10.1f} {}\n", "talkdex Store::import_schedule (fresh SQLite)",
                             median(import_only) * 1e3, rate(median(import_only)));
    std::cout << fmt::format("{:<46} {:>10.1f} {}\n", "talkdex Store::import_schedule again (unchanged)",
                             median(reimport) * 1e3, rate(median(reimport)));
    std::cout << fmt::format("{:<46} {:>10.1f} {}\n", "talkdex parse + import (target >= 20000/s)",
                             median(store_times) * 1e3, rate(median(store_times)));
    if (py_wall.empty()) {
      std::cout << "reference: python3 xml.etree.ElementTree could not be run\n";
    } else {
      std::cout << fmt::format("{:<46} {:>10.1f} {}\n", "reference: python3 ElementTree E.parse alone",
                               median(py_parse) * 1e3, rate(median(py_parse)));
      std::cout << fmt::format("{:<46} {:>10.1f} {}\n", "reference: python3 -c '...E.parse(file)' (wall)",
                               median(py_wall) * 1e3, rate(median(py_wall)));
    }
    bool met = static_cast<double>(talks) / median(store_times) >= 20000;
    std::cout << fmt::format("\nparse + store: {} the target of 20000 events/s\n", met ? "meets" : "MISSES");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_schedule: error: " << e.what() << "\n";
    return talkdex::bench::kFailed;
  }
}
