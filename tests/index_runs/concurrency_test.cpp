// Readers during writes: searches run in a loop, in other processes and on threads of this one, while
// `talkdex index` commits and `talkdex rebuild` switches indexes. Not one search may fail.
#include <array>
#include <atomic>
#include <mutex>
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
  make_archive(archive, "q", 300, 3, Indexed::yes, media);
  for (int k = 0; k < 3; ++k) make_recording(dir / ("made-" + std::to_string(k) + ".mkv"), {"Concurrent chapter", "More"});

  std::atomic<bool> writing{true};
  std::atomic<int> failures{0};
  // Searches each reader has finished, failed or not: the writes wait on these, not on time.
  std::array<std::atomic<int>, 3> finished{};
  std::mutex failure_mutex;
  std::vector<std::string> failure_text;
  auto fail = [&](const std::string& what) {
    ++failures;
    std::lock_guard<std::mutex> g(failure_mutex);
    failure_text.push_back(what);
  };
  // Each search a new process, as people run them.
  auto process_loop = [&](int reader, const std::string& query) {
    while (writing) {
      auto r = run_process({TALKDEX_EXE, "--archive", archive.string(), "search", "--json", "--limit", "5", query});
      if (r.exit_code != 0) {
        fail("exit " + std::to_string(r.exit_code) + ": " + r.err);
      } else {
        auto j = nlohmann::json::parse(r.out, nullptr, false);
        if (j.is_discarded() || j["hits"].empty()) fail("no hits: " + r.out);
      }
      ++finished[reader];
    }
  };
  // One long-lived searcher on the stub, as a server would hold it, asking again and again.
  auto held_loop = [&](int reader) {
    Searcher searcher(Archive(archive).search_databases());
    SearchOptions o;
    o.query = "number";
    while (writing) {
      try {
        auto r = searcher.search(o);
        if (!r.ok() || r->hits.empty()) fail("held searcher: no hits");
      } catch (const std::exception& e) {
        fail(std::string("held searcher: ") + e.what());
      }
      ++finished[reader];
    }
  };
  std::vector<std::thread> readers;
  readers.emplace_back(process_loop, 0, "number");
  readers.emplace_back(process_loop, 1, "speaker:speaker");
  readers.emplace_back(held_loop, 2);

  // Every write goes on while the readers search, and is not followed by the next one before every
  // reader has finished a search that ended after the write began: on a fast machine or a slow one,
  // the searches interleave with each of the 15 writes.
  int writes = 0;
  auto write = [&](const std::vector<std::string>& command) {
    std::array<int, 3> before;
    for (int i = 0; i < 3; ++i) before[i] = finished[i];
    std::vector<std::string> argv = {TALKDEX_EXE, "--archive", archive.string()};
    argv.insert(argv.end(), command.begin(), command.end());
    auto r = run_process(argv);
    CHECK_MESSAGE(r.exit_code == 0, command[0] << ": " << r.err);
    CHECK(eventually([&] {
      for (int i = 0; i < 3; ++i)
        if (finished[i] <= before[i]) return false;
      return true;
    }));
    ++writes;
  };
  int next = 0;
  for (int round = 0; round < 5; ++round) {
    for (int i = 0; i < 8; ++i, ++next)
      fs::copy_file(dir / ("made-" + std::to_string(next % 3) + ".mkv"), media / ("q-" + std::to_string(next * 7) + ".mkv"));
    write({"index"});
    write({"rebuild"});
    for (int i = 0; i < 3; ++i) fs::remove(media / ("q-" + std::to_string((next - 1 - i) * 7) + ".mkv"));
    write({"index"});
  }
  writing = false;
  for (auto& t : readers) t.join();

  int searches = finished[0] + finished[1] + finished[2];
  CHECK(writes == 15);
  CHECK(searches >= 3 * 15);
  MESSAGE(searches << " searches during the writes");
  CHECK(failures == 0);
  for (const auto& f : failure_text) FAIL_CHECK(f);
  CHECK(dump_index(Archive(archive).current_index()) == expected_documents(Archive(archive).store_file()));
}

TEST_CASE("a searcher kept open follows rebuild to the new index, also after the old one is removed") {
  TempDir dir;
  Archive archive(dir / "archive");
  archive.create();
  Store store(archive.store_file());
  generate_talks(store, "first", 20, 1);
  archive.rebuild(store);
  Searcher held(archive.search_databases());
  SearchOptions o;
  o.query = "number";
  o.limit = 100;
  auto before = held.search(o);
  REQUIRE(before.ok());
  CHECK(before->hits.size() == 20);
  fs::path old_index = archive.current_index();

  generate_talks(store, "second", 15, 1);  // only a fresh build has these
  archive.rebuild(store);
  REQUIRE(archive.current_index() != old_index);
  archive.remove_old_indexes(std::chrono::seconds(0));  // as a later writer does once the grace is over
  REQUIRE_FALSE(fs::exists(old_index));
  auto after = held.search(o);
  REQUIRE(after.ok());
  CHECK(after->hits.size() == 35);
}
