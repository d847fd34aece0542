// Readers during writes: searches run in a loop, in other processes and on threads of this one, while
// `talkdex index` commits and `talkdex rebuild` switches indexes. Not one search may fail.
#include <atomic>
#include <nlohmann/json.hpp>

#include "indexing_support.h"
#include "talkdex/scan_state.h"
#include "talkdex/search.h"

using namespace talkdex;
using namespace talkdex::test;

TEST_CASE("searches in other processes never fail while index and rebuild run") {
  TempDir dir;
  fs::path archive = dir / "archive", media = dir / "media";
  fs::create_directories(media);
  {
    Archive a(archive);
    a.create();
    Store store(a.store_file());
    generate_talks(store, "q", 300, 3);
    ScanState(store).follow(media.string());
    a.rebuild(store);
  }
  for (int k = 0; k < 3; ++k) make_recording(dir / ("made-" + std::to_string(k) + ".mkv"), {"Concurrent chapter", "More"});

  std::atomic<bool> writing{true};
  std::atomic<int> searches{0}, failures{0};
  std::mutex failure_mutex;
  std::vector<std::string> failure_text;
  auto fail = [&](const std::string& what) {
    ++failures;
    std::lock_guard<std::mutex> g(failure_mutex);
    failure_text.push_back(what);
  };
  // Each search a new process, as people run them.
  auto process_loop = [&](const std::string& query) {
    while (writing) {
      auto r = run_process({TALKDEX_EXE, "--archive", archive.string(), "search", "--json", "--limit", "5", query});
      ++searches;
      if (r.exit_code != 0) {
        fail("exit " + std::to_string(r.exit_code) + ": " + r.err);
        continue;
      }
      auto j = nlohmann::json::parse(r.out, nullptr, false);
      if (j.is_discarded() || j["hits"].empty()) fail("no hits: " + r.out);
    }
  };
  // One long-lived searcher on the stub, as a server would hold it, asking again and again.
  auto held_loop = [&] {
    Searcher searcher(Archive(archive).search_databases());
    SearchOptions o;
    o.query = "number";
    while (writing) {
      try {
        auto r = searcher.search(o);
        ++searches;
        if (!r.ok() || r->hits.empty()) fail("held searcher: no hits");
      } catch (const std::exception& e) {
        fail(std::string("held searcher: ") + e.what());
      }
    }
  };
  std::vector<std::thread> readers;
  readers.emplace_back(process_loop, "number");
  readers.emplace_back(process_loop, "speaker:speaker");
  readers.emplace_back(held_loop);

  int next = 0;
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 8; ++i, ++next)
      fs::copy_file(dir / ("made-" + std::to_string(next % 3) + ".mkv"), media / ("q-" + std::to_string(next * 7) + ".mkv"));
    auto index = run_process({TALKDEX_EXE, "--archive", archive.string(), "index"});
    CHECK_MESSAGE(index.exit_code == 0, index.err);
    auto rebuild = run_process({TALKDEX_EXE, "--archive", archive.string(), "rebuild"});
    CHECK_MESSAGE(rebuild.exit_code == 0, rebuild.err);
    for (int i = 0; i < 3; ++i) fs::remove(media / ("q-" + std::to_string((next - 1 - i) * 7) + ".mkv"));
    auto again = run_process({TALKDEX_EXE, "--archive", archive.string(), "index"});
    CHECK_MESSAGE(again.exit_code == 0, again.err);
  }
  writing = false;
  for (auto& t : readers) t.join();

  CHECK(searches > 20);
  MESSAGE(searches.load() << " searches during the writes");
  CHECK(failures == 0);
  for (const auto& f : failure_text) FAIL_CHECK(f);
  CHECK(dump_index(Archive(archive).current_index()) == expected_documents(Archive(archive).store_file()));
}
