// Crash safety: `talkdex index` and `talkdex rebuild` killed with SIGKILL at many moments of a run.
// After each kill the store passes PRAGMA integrity_check, the index holds exactly the documents the
// store implies (at the store revision the index records), and a rerun ends exactly where an
// uninterrupted run ends.
//
// The kill moments are spread over the length of an uninterrupted run measured first; where a kill
// lands decides which state is checked, never whether the test passes.
#include <functional>

#include "indexing_support.h"
#include "talkdex/scan_state.h"

using namespace talkdex;
using namespace talkdex::test;

namespace {

// The rows of `query`, a line each, columns ended by '|'.
std::string query_rows(sql::Database& db, const char* query) {
  auto rows = db.query_all(query, [](const sql::Statement& st) {
    std::string line;
    for (int c = 0; c < st.column_count(); ++c) line += (st.is_null(c) ? "NULL" : st.text(c)) + '|';
    return line + '\n';
  });
  std::string out;
  for (const auto& line : rows) out += line;
  return out;
}

// The store's rows that indexing writes, in a fixed order.
std::string dump_store(const fs::path& file) {
  sql::Database db(file.string(), /*read_only=*/true);
  std::string out = query_rows(db, "SELECT value FROM meta WHERE key = 'revision'");
  out += query_rows(db, "SELECT id, uri, event_id, talk_id, duration, container, probe_json, rev FROM recordings ORDER BY id");
  out += query_rows(db,
                    "SELECT id, recording_id, key, talk_id, ordinal, start, end, title, source, rev FROM toc_items "
                    "ORDER BY id");
  out += query_rows(db, "SELECT path, size, mtime_ns, fingerprint, media, recording_id, error FROM scanned_files ORDER BY path");
  out += query_rows(db, "SELECT tbl, id, rev FROM tombstones ORDER BY tbl, id");
  return out;
}

std::optional<std::int64_t> talk_value(const std::string& dump) {
  auto at = dump.find("\n0=");
  if (at == std::string::npos) return std::nullopt;
  return std::stoll(dump.substr(at + 3));
}

// The index against the store: equal to a fresh build when it reflects the store's revision; when it
// is behind (killed between a store commit and the index commit), every document that differs from a
// fresh build must belong to a talk or item the store changed after the index's revision.
// Returns how far the index was behind the store (0: it reflected the store).
std::int64_t check_index_matches_store(const fs::path& archive_dir) {
  Archive archive(archive_dir);
  REQUIRE(archive.has_index());
  fs::path current = archive.current_index();
  auto actual = dump_index(current);
  auto expected = expected_documents(archive.store_file());
  Store store(archive.store_file());
  std::int64_t r = indexed_revision(current), s = store.revision();
  REQUIRE(r >= 0);
  REQUIRE(r <= s);
  if (r == s) {
    CHECK(actual == expected);
    return 0;
  }
  std::set<std::int64_t> talks, items;
  for (auto id : store.talk_ids_changed_since(r)) talks.insert(id);
  for (auto id : store.talk_ids_of_events_changed_since(r)) talks.insert(id);
  for (const auto& it : store.toc_items_changed_since(r)) {
    items.insert(it.id);
    if (it.talk_id) talks.insert(*it.talk_id);
  }
  for (const auto& t : store.tombstones_since(r)) (t.table == "talks" ? talks : items).insert(t.id);
  std::set<std::string> keys;
  for (const auto& [k, v] : actual) keys.insert(k);
  for (const auto& [k, v] : expected) keys.insert(k);
  int differing = 0;
  for (const auto& key : keys) {
    auto a = actual.find(key), e = expected.find(key);
    if (a != actual.end() && e != expected.end() && a->second == e->second) continue;
    ++differing;
    std::optional<std::int64_t> talk = talk_value(a != actual.end() ? a->second : e->second);
    bool explained = false;
    if (key.rfind("Qtalk:", 0) == 0) explained = talks.count(std::stoll(key.substr(6))) > 0;
    if (key.rfind("Qitem:", 0) == 0) explained = items.count(std::stoll(key.substr(6))) > 0 || (talk && talks.count(*talk));
    CHECK_MESSAGE(explained, key << " differs from what the store implies, and the store did not change it after "
                                    "revision " << r);
  }
  CHECK(differing > 0);  // behind means something is missing
  return s - r;
}

struct Kill {
  bool killed = false;  // false when the run had finished before the signal
  std::chrono::microseconds at{0};  // the delay the signal came after
};

// Runs the command on `work` (a fresh copy of `pristine`) and kills it after `delay`.
Kill run_and_kill_once(const fs::path& pristine, const fs::path& work, const std::vector<std::string>& command,
                       std::chrono::microseconds delay, const fs::path& io) {
  copy_archive(pristine, work);
  std::vector<std::string> argv = {TALKDEX_EXE, "--archive", work.string()};
  argv.insert(argv.end(), command.begin(), command.end());
  Child child(argv, io);
  std::this_thread::sleep_for(delay);
  bool was_running = child.running();
  // A child that running() has reaped is gone: its pid may already be someone else's.
  if (was_running) child.signal(SIGKILL);
  int code = child.wait();
  return {was_running && code == -SIGKILL, delay};
}

// The same, but the kill lands inside the run whatever the machine's speed at the moment: the reference
// run may have been timed while the machine was busier than now, so a run that ended before its kill is
// made again with half the delay (down to a kill right at the start). Where the kill lands still decides
// only which state is checked.
Kill run_and_kill(const fs::path& pristine, const fs::path& work, const std::vector<std::string>& command,
                  std::chrono::microseconds delay, const fs::path& io) {
  for (;;) {
    Kill k = run_and_kill_once(pristine, work, command, delay, io);
    if (k.killed || delay.count() == 0) return k;
    delay /= 2;
    if (delay < std::chrono::microseconds(500)) delay = std::chrono::microseconds(0);
  }
}

std::chrono::microseconds timed_run(const fs::path& archive, const std::vector<std::string>& command) {
  std::vector<std::string> argv = {TALKDEX_EXE, "--archive", archive.string()};
  argv.insert(argv.end(), command.begin(), command.end());
  auto t0 = std::chrono::steady_clock::now();
  auto r = run_process(argv);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
}

// Kill moments: a few right at the start, then spread over the run.
std::vector<std::chrono::microseconds> moments(std::chrono::microseconds run, int spread) {
  std::vector<std::chrono::microseconds> out = {std::chrono::microseconds(0), std::chrono::microseconds(2000)};
  for (int i = 0; i < spread; ++i) out.push_back(run * (2 * i + 1) / (2 * spread));
  return out;
}

// Runs `command` on fresh copies of `pristine` in `work`, killed at moments(run, spread); after each, the
// store is checked intact and `check` looks at what the kill left (`kill` says when it came). Returns how
// many runs the kill came in time for.
int kill_at_moments(const fs::path& pristine, const fs::path& work, const std::vector<std::string>& command,
                    std::chrono::microseconds run, int spread, const fs::path& io,
                    const std::function<void(const Kill& kill)>& check) {
  int killed = 0;
  for (auto delay : moments(run, spread)) {
    INFO("a kill planned after " << delay.count() << " µs of a " << run.count() << " µs run");
    Kill kill = run_and_kill(pristine, work, command, delay, io);
    if (kill.killed) ++killed;
    INFO("the kill came after " << kill.at.count() << " µs");
    CHECK(integrity_check(Archive(work).store_file()) == "ok");
    check(kill);
  }
  return killed;
}

}  // namespace

TEST_CASE("index killed at many moments: the store is intact, the index true to it, a rerun ends the same") {
  TempDir dir;
  fs::path pristine = dir / "pristine", reference = dir / "reference", work = dir / "work", media = dir / "media";
  fs::create_directories(media);
  make_archive(pristine, "c", 150, 2, Indexed::yes, media);
  // Recordings for 40 talks (copies of four made ones): probing, two store batches and the index update.
  for (int k = 0; k < 4; ++k)
    make_recording(dir / ("made-" + std::to_string(k) + ".mkv"), {"Crash chapter " + std::to_string(k), "Recovery"});
  for (int t = 0; t < 40; ++t)
    fs::copy_file(dir / ("made-" + std::to_string(t % 4) + ".mkv"), media / ("c-" + std::to_string(t * 3) + ".mkv"));

  copy_archive(pristine, reference);
  auto run = timed_run(reference, {"index"});
  std::string store_after = dump_store(Archive(reference).store_file());
  auto index_after = dump_index(Archive(reference).current_index());
  REQUIRE(index_after.size() == 150 + 300 + 80);

  std::string states;
  int killed = kill_at_moments(pristine, work, {"index"}, run, 10, dir.path(), [&](const Kill& kill) {
    std::int64_t behind = check_index_matches_store(work);
    states += " " + std::to_string(behind) + " (" + std::to_string(kill.at.count() / 1000) + " ms)";
    auto rerun = run_process({TALKDEX_EXE, "--archive", work.string(), "index"});
    INFO(rerun.err);
    CHECK(rerun.exit_code == 0);
    CHECK(dump_store(Archive(work).store_file()) == store_after);
    CHECK(dump_index(Archive(work).current_index()) == index_after);
  });
  CHECK(killed >= 4);  // the moments fell inside the run
  MESSAGE("store revisions the index was behind after each kill:" << states);
}

TEST_CASE("rebuild killed at many moments: the old index or the new one, never a broken one") {
  TempDir dir;
  fs::path pristine = dir / "pristine", reference = dir / "reference", work = dir / "work";
  make_archive(pristine, "r", 400, 3);
  auto expected = expected_documents(Archive(pristine).store_file());
  copy_archive(pristine, reference);
  auto run = timed_run(reference, {"rebuild"});
  REQUIRE(dump_index(Archive(reference).current_index()) == expected);

  int killed = kill_at_moments(pristine, work, {"rebuild"}, run, 8, dir.path(), [&](const Kill&) {
    REQUIRE(Archive(work).has_index());
    CHECK(dump_index(Archive(work).current_index()) == expected);
    auto rerun = run_process({TALKDEX_EXE, "--archive", work.string(), "rebuild"});
    INFO(rerun.err);
    CHECK(rerun.exit_code == 0);
    CHECK(dump_index(Archive(work).current_index()) == expected);
    // What a killed rebuild left behind is gone: shards and unfinished folders; only the current index
    // and retired ones (kept for the grace period, marked) remain.
    for (const auto& entry : fs::directory_iterator(work)) {
      std::string name = entry.path().filename().string();
      if (name.rfind("index-", 0) != 0) continue;
      INFO(name);
      CHECK(name.find(".shards") == std::string::npos);
      CHECK((entry.path() == Archive(work).current_index() || fs::exists(entry.path() / "talkdex-retired")));
    }
  });
  CHECK(killed >= 4);
}
