// `talkdex follow`, `index` and `status` end to end: only what changed is done, nothing new writes
// nothing, and one bad item never stops a run.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "http_fixture.h"
#include "schedule_gen.h"
#include "indexing_support.h"
#include "talkdex/scan_state.h"

using namespace talkdex;
using namespace talkdex::test;
using nlohmann::json;

namespace {

struct Fixture {
  TempDir dir;
  fs::path archive = dir / "archive";
  fs::path media = dir / "media";

  Fixture() {
    fs::create_directories(media);
    make_archive(archive, "talk", 40, 2, Indexed::no);
  }
  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive.string()});
    return run_process(args);
  }
  // `talkdex index --json`, requiring the exit code.
  json index(int expect_exit = 0) {
    auto r = run({"index", "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == expect_exit);
    return json::parse(r.out);
  }
  json status() {
    auto r = run({"status", "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
  json search(const std::string& q) {
    auto r = run({"search", "--json", "--limit", "50", q});
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    return json::parse(r.out)["hits"];
  }
  fs::path index_folder() { return Archive(archive).current_index(); }
  std::int64_t store_revision() { return Store(Archive(archive).store_file()).revision(); }
  void index_matches_store() {
    auto actual = dump_index(index_folder());
    auto expected = expected_documents(Archive(archive).store_file());
    CHECK(actual.size() == expected.size());
    CHECK(actual == expected);
  }
};

// The SQLite file as a test connection sees it: data_version (changes by other connections), the
// main file's bytes and the write-ahead log's size.
struct SqliteSnapshot {
  std::int64_t data_version = 0;
  std::string bytes;
  std::uintmax_t wal = 0;
  bool operator==(const SqliteSnapshot&) const = default;
};

doctest::String toString(const SqliteSnapshot& s) {
  return ("data_version " + std::to_string(s.data_version) + ", " + std::to_string(s.bytes.size()) +
          " bytes, wal " + std::to_string(s.wal))
      .c_str();
}

struct Watcher {
  fs::path file;
  sql::Database db;
  explicit Watcher(const fs::path& f) : file(f), db(f.string()) {}
  SqliteSnapshot snapshot() {
    SqliteSnapshot s;
    auto version = db.query_one("PRAGMA data_version", sql::first_int64);
    REQUIRE(version);
    s.data_version = *version;
    s.bytes = read_file(file);
    // An empty log removed by the last connection to close is not a write: missing counts as empty.
    std::error_code ec;
    s.wal = fs::exists(file.string() + "-wal") ? fs::file_size(file.string() + "-wal", ec) : 0;
    return s;
  }
};

}  // namespace

TEST_CASE("a second index with nothing new writes nothing to SQLite or Xapian") {
  Fixture f;
  REQUIRE(f.run({"follow", f.media.string()}).exit_code == 0);
  make_recording(f.media / "talk-3.mkv", {"Warmup", "Pruning masks"});
  make_recording(f.media / "nested" / "deeper" / "talk-7.mkv", {"Kernel regime"});
  fs::copy_file(f.media / "talk-3.mkv", f.media / "clip.dat");  // media by content, whatever the name
  write_file(f.media / "notes.txt", "speaker notes\n");
  write_file(f.media / "fake.mkv", "not a recording at all, whatever the extension says\n");
  write_file(f.media / ".partial.mkv", "a hidden partial download");

  json first = f.index();
  CHECK(first["files"]["seen"] == 5);
  CHECK(first["files"]["probed"] == 3);
  CHECK(first["files"]["not_media"] == 2);
  CHECK(first["failed"].empty());
  CHECK(first["index"]["built"] == true);
  f.index_matches_store();
  auto hits = f.search("chapter:pruning");
  REQUIRE(hits.size() >= 1);
  CHECK(hits[0]["title"].get<std::string>().find("number 3") != std::string::npos);

  Archive a(f.archive);
  Watcher sqlite(a.store_file());
  SqliteSnapshot before = sqlite.snapshot();
  std::int64_t store_rev = f.store_revision();
  IndexInfo index_before = index_info(f.index_folder());

  json again = f.index();
  CHECK(again["files"]["seen"] == 5);
  CHECK(again["files"]["unchanged"] == 5);
  CHECK(again["files"]["probed"] == 0);
  CHECK(again["index"]["documents_written"] == 0);
  CHECK(again["index"]["documents_deleted"] == 0);

  CHECK(sqlite.snapshot() == before);
  CHECK(f.store_revision() == store_rev);
  IndexInfo index_after = index_info(f.index_folder());
  CHECK(index_after.xapian_revision == index_before.xapian_revision);
  CHECK(index_after.documents == index_before.documents);
}

TEST_CASE("a new recording writes only its talk's documents") {
  Fixture f;
  REQUIRE(f.run({"follow", f.media.string()}).exit_code == 0);
  make_recording(f.media / "talk-3.mkv", {"Warmup"});
  f.index();
  IndexInfo before = index_info(f.index_folder());

  make_recording(f.media / "talk-11.mkv", {"Zebrafish ablation", "Quokka results"});
  json run = f.index();
  CHECK(run["files"]["probed"] == 1);
  CHECK(run["files"]["unchanged"] == 1);
  // The talk, its two schedule items and the two new chapters; nothing else.
  CHECK(run["index"]["documents_written"] == 5);
  CHECK(run["index"]["documents_deleted"] == 0);
  IndexInfo after = index_info(f.index_folder());
  CHECK(after.xapian_revision == before.xapian_revision + 1);
  CHECK(after.documents == before.documents + 2);
  f.index_matches_store();
  auto hits = f.search("quokka");
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["title"].get<std::string>().find("number 11") != std::string::npos);
  CHECK(hits[0]["offset"] == 1.0);
}

TEST_CASE("a touched recording is not probed again; a replaced one is; a deleted one goes") {
  Fixture f;
  REQUIRE(f.run({"follow", f.media.string()}).exit_code == 0);
  make_recording(f.media / "talk-5.mkv", {"Original chapter"});
  f.index();
  std::int64_t rev = f.store_revision();

  // Same bytes, new mtime: the fingerprint says nothing changed.
  auto p = f.media / "talk-5.mkv";
  fs::last_write_time(p, fs::last_write_time(p) + std::chrono::seconds(5));
  json touched = f.index();
  CHECK(touched["files"]["touched"] == 1);
  CHECK(touched["files"]["probed"] == 0);
  CHECK(f.store_revision() == rev);
  CHECK(touched["index"]["documents_written"] == 0);

  // New content under the same name: probed, the old chapter replaced.
  make_recording(p, {"Replacement chapter", "Another one"});
  json replaced = f.index();
  CHECK(replaced["files"]["probed"] == 1);
  CHECK(f.search("original").empty());
  CHECK(f.search("replacement").size() == 1);
  f.index_matches_store();

  fs::remove(p);
  json gone = f.index();
  CHECK(gone["files"]["recordings_removed"] == 1);
  CHECK(gone["index"]["documents_deleted"] == 2);
  CHECK(f.search("replacement").empty());
  f.index_matches_store();
  Store store(Archive(f.archive).store_file());
  CHECK(ScanState(store).files().empty());
}

TEST_CASE("a corrupt recording is recorded with its error, shown by status, retried, and stops nothing") {
  Fixture f;
  REQUIRE(f.run({"follow", f.media.string()}).exit_code == 0);
  // Matroska's magic number, then rubbish: media by its first bytes, but no valid recording.
  write_file(f.media / "talk-2.mkv", std::string("\x1A\x45\xDF\xA3", 4) + std::string(5000, '\x7f'));
  make_recording(f.media / "talk-4.mkv", {"Healthy chapter"});

  auto r = f.run({"index"});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("talk-2.mkv") != std::string::npos);
  CHECK(f.search("healthy").size() == 1);  // the good one went in all the same

  json st = f.status();
  REQUIRE(st["errors"].size() == 1);
  CHECK(st["errors"][0]["kind"] == "recording");
  CHECK(st["errors"][0]["item"] == (f.media / "talk-2.mkv").string());
  CHECK(!st["errors"][0]["reason"].get<std::string>().empty());
  CHECK(st["last_run"]["failed"].size() == 1);

  // Retried on the next run; failing the same way again writes nothing new.
  Watcher sqlite(Archive(f.archive).store_file());
  auto before = sqlite.snapshot();
  json again = f.index(3);
  CHECK(again["files"]["probed"] == 1);
  CHECK(sqlite.snapshot() == before);

  make_recording(f.media / "talk-2.mkv", {"Repaired chapter"});
  json fixed = f.index(0);
  CHECK(fixed["failed"].empty());
  CHECK(f.status()["errors"].empty());
  CHECK(f.search("repaired").size() == 1);
  f.index_matches_store();
}

TEST_CASE("sources are read again: a changed one is imported, a failing one recorded and retried") {
  Fixture f;
  fs::path page = f.dir / "workshop.html";
  fs::copy_file(sample_page(), page);
  auto imported = f.run({"import", page.string()});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);

  json unchanged = f.index();
  CHECK(unchanged["sources"]["checked"] == 1);
  CHECK(unchanged["sources"]["unchanged"] == 1);
  CHECK(unchanged["sources"]["skipped"] == 1);  // the generated one cannot be read again
  CHECK(unchanged["index"]["documents_written"] == 0);

  fs::rename(page, f.dir / "elsewhere.html");
  auto failed = f.run({"index"});
  CHECK(failed.exit_code == 3);
  CHECK(failed.err.find("workshop.html") != std::string::npos);
  json st = f.status();
  REQUIRE(st["errors"].size() == 1);
  CHECK(st["errors"][0]["kind"] == "source");
  CHECK(f.search("lottery tickets").size() >= 1);  // what it gave before stays

  fs::rename(f.dir / "elsewhere.html", page);
  json back = f.index();
  CHECK(back["failed"].empty());
  CHECK(f.status()["errors"].empty());
}

TEST_CASE("status counts what the archive holds; unfollow lets go of a folder's recordings") {
  Fixture f;
  REQUIRE(f.run({"follow", f.media.string()}).exit_code == 0);
  CHECK(f.run({"follow", (f.dir / "missing").string()}).exit_code == 3);
  make_recording(f.media / "talk-1.mkv", {"One", "Two", "Three"});
  f.index();
  json st = f.status();
  CHECK(st["store"]["events"] == 1);
  CHECK(st["store"]["talks"] == 40);
  CHECK(st["store"]["recordings"] == 2);     // the event's day recording and talk-1.mkv
  CHECK(st["store"]["items"] == 80 + 3);
  CHECK(st["store"]["sources"] == 1);
  CHECK(st["index"]["documents"] == 40 + 83);
  CHECK(st["index"]["up_to_date"] == true);
  CHECK(st["index"]["bytes"].get<long long>() > 0);
  CHECK(st["followed"][0]["folder"] == fs::weakly_canonical(f.media).string());
  CHECK(st["followed"][0]["recordings"] == 1);
  CHECK(st["last_run"]["command"] == "index");
  CHECK(st["errors"].empty());
  CHECK(st["writer"].is_null());
  auto text = f.run({"status"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("40 talks") != std::string::npos);

  auto un = f.run({"unfollow", f.media.string()});
  CHECK(un.exit_code == 0);
  json after = f.index();
  CHECK(after["files"]["recordings_removed"] == 1);
  CHECK(f.status()["store"]["recordings"] == 1);
  f.index_matches_store();
  CHECK(f.run({"unfollow", f.media.string()}).exit_code == 3);
}

TEST_CASE("index re-fetches URL sources with conditional requests: a 304 writes nothing, a change is imported") {
  Fixture f;
  HttpFixture server{source_dir() / "tests" / "support" / "http_fixture.py"};
  fs::path xml = f.dir / "schedule.xml";
  write_file(xml, mediagen::frab_schedule_xml(123));
  std::string url = server.url("/file" + xml.string());
  auto imported = f.run({"import", url});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  f.index();
  long requests = server.count("/file" + xml.string());

  Watcher sqlite(Archive(f.archive).store_file());
  auto before = sqlite.snapshot();
  IndexInfo index_before = index_info(f.index_folder());
  json unchanged = f.index();
  CHECK(unchanged["sources"]["checked"] == 1);
  CHECK(unchanged["sources"]["unchanged"] == 1);
  CHECK(server.count("/file" + xml.string()) == requests + 1);  // one conditional request, answered 304
  CHECK(sqlite.snapshot() == before);
  CHECK(index_info(f.index_folder()).xapian_revision == index_before.xapian_revision);

  std::string text = read_file(xml);
  const std::string title = "<title>" + mediagen::frab_schedule_title(7) + "</title>";
  auto at = text.find(title);
  REQUIRE(at != std::string::npos);
  text.replace(at, title.size(), "<title>Verkehrte Zebrawelt</title>");
  write_file(xml, text);
  json changed = f.index();
  CHECK(changed["sources"]["imported"] == 1);
  CHECK(changed["index"]["documents_written"].get<int>() >= 1);
  CHECK(f.search("zebrawelt").size() == 1);
  f.index_matches_store();

  fs::remove(xml);  // the server answers 404 now
  auto failed = f.run({"index", "--json"});
  CHECK(failed.exit_code == 3);
  CHECK(f.status()["errors"][0]["kind"] == "source");
  CHECK(f.search("zebrawelt").size() == 1);  // what the source gave before stays
}

TEST_CASE("Ctrl-C stops index between files: what was done is stored and indexed, the next run does the rest") {
  Fixture f;
  REQUIRE(f.run({"follow", f.media.string()}).exit_code == 0);
  make_recording(f.dir / "made.mkv", {"Interrupted chapter"});
  // Long names make long "probed NAME" lines, so a one-page pipe holds fewer of them than one batch
  // of files (32): the command then waits on its stdout inside the first batch, as long as the test
  // does not read, and the signal comes at that point however fast the machine is.
  const std::string pad(180, 'x');
  for (int i = 0; i < 100; ++i)
    fs::copy_file(f.dir / "made.mkv", f.media / ("talk-" + std::to_string(i) + "-" + pad + ".mkv"));
  int pipe_fds[2];
  REQUIRE(::pipe2(pipe_fds, O_CLOEXEC) == 0);
  int page = static_cast<int>(::sysconf(_SC_PAGESIZE));
  REQUIRE(::fcntl(pipe_fds[1], F_SETPIPE_SZ, page) >= page);
  REQUIRE(static_cast<std::size_t>(page) / (f.media.string().size() + pad.size() + 20) < 30);
  Child index({TALKDEX_EXE, "--archive", f.archive.string(), "index"}, f.dir.path(), pipe_fds[1]);
  ::close(pipe_fds[1]);
  auto read_byte = [&](char& c) { return ::read(pipe_fds[0], &c, 1) == 1; };
  std::string first_line;
  for (char c; read_byte(c) && c != '\n';) first_line += c;
  REQUIRE(first_line.rfind("probed ", 0) == 0);  // inside the first batch, with the handler in place
  index.signal(SIGINT);
  std::string out = first_line + "\n";
  for (char c; read_byte(c);) out += c;  // let it write what the batch probed, to the end
  ::close(pipe_fds[0]);
  CHECK(index.wait() == 130);
  INFO(out);
  std::int64_t done = 0;
  {
    Store store(Archive(f.archive).store_file());
    done = static_cast<std::int64_t>(store.recordings().size()) - 1;  // less the event's day recording
  }
  CHECK(done == 32);  // the batch in hand is finished and written, no file after it is begun
  f.index_matches_store();
  json rest = f.index();
  CHECK(rest["files"]["probed"] == 100 - done);
  f.index_matches_store();
}

TEST_CASE("an index of another format or of a newer store is built anew by index, not updated") {
  Fixture f;
  f.index();
  fs::path first = f.index_folder();
  CHECK(index_info(first).format == "3");
  auto mark = [&](const std::string& key, const std::string& value) {
    Xapian::WritableDatabase db(f.index_folder().string(), Xapian::DB_OPEN);
    db.set_metadata(key, value);
    db.commit();
  };

  SUBCASE("an older format") { mark("talkdex:format", "1"); }
  SUBCASE("no format at all") { mark("talkdex:format", ""); }
  SUBCASE("a store restored from before the index") {
    mark("talkdex:store-revision", std::to_string(f.store_revision() + 5));
  }
  auto r = f.run({"index", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("built anew") != std::string::npos);
  json out = json::parse(r.out);
  CHECK(out["index"]["built"] == true);
  CHECK(f.index_folder() != first);  // a fresh folder switched in, as rebuild does
  IndexInfo now = index_info(f.index_folder());
  CHECK(now.format == "3");
  CHECK(now.store_revision == f.store_revision());
  f.index_matches_store();
  // And from there on it is updated in place again.
  json again = f.index();
  CHECK(again["index"]["built"] == false);
  CHECK(again["index"]["documents_written"] == 0);
}
