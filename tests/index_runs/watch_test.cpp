// `talkdex watch` over a real folder with files written by the test: a recording is indexed once it
// has stopped growing, a burst is one batch, replaced and deleted files are followed, and a signal
// stops it cleanly.
#include <nlohmann/json.hpp>

#include <fstream>

#include "indexing_support.h"

using namespace talkdex;
using namespace talkdex::test;
using nlohmann::json;

namespace {

std::vector<json> lines(const std::string& out) {
  std::vector<json> v;
  size_t at = 0;
  while (at < out.size()) {
    size_t nl = out.find('\n', at);
    if (nl == std::string::npos) break;  // a line still being written
    v.push_back(json::parse(out.substr(at, nl - at)));
    at = nl + 1;
  }
  return v;
}

struct Fixture {
  TempDir dir;
  fs::path archive = dir / "archive";
  fs::path media = dir / "media";
  fs::path staging = dir / "staging";  // where files are made before they go into the folder
  Fixture() {
    fs::create_directories(media);
    fs::create_directories(staging);
    make_archive(archive, "w", 30, 1, Indexed::no);
  }
  json search(const std::string& q) {
    auto r = run_process({TALKDEX_EXE, "--archive", archive.string(), "search", "--json", q});
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    return json::parse(r.out)["hits"];
  }
};

}  // namespace

TEST_CASE("watch indexes a recording once it stopped growing, a burst in one batch, and stops on SIGTERM") {
  Fixture f;
  Child watch({TALKDEX_EXE, "--archive", f.archive.string(), "watch", f.media.string(), "--settle", "1", "--json"},
              f.dir.path());
  REQUIRE(eventually([&] { return watch.err().find("watching") != std::string::npos; }));
  REQUIRE(eventually([&] { return lines(watch.out()).size() == 1; }));  // the catch-up run

  // A recording copied in slowly, in pieces with pauses shorter than the settle time.
  make_recording(f.staging / "w-4.mkv", {"Slowly copied chapter", "Second part"}, 6);
  std::string bytes = read_file(f.staging / "w-4.mkv");
  {
    std::ofstream out(f.media / "w-4.mkv", std::ios::binary);
    for (size_t at = 0; at < bytes.size(); at += bytes.size() / 4 + 1) {
      out.write(bytes.data() + at, static_cast<std::streamsize>(std::min(bytes.size() - at, bytes.size() / 4 + 1)));
      out.flush();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  REQUIRE(eventually([&] { return lines(watch.out()).size() == 2; }));
  json slow = lines(watch.out())[1];
  CHECK(slow["command"] == "watch");
  CHECK(slow["files"]["probed"] == 1);  // probed once, whole: never while it was growing
  CHECK(slow["failed"].empty());
  CHECK(f.search("slowly").size() == 1);
  {
    Store store(Archive(f.archive).store_file());
    auto rec = store.recording_by_uri((f.media / "w-4.mkv").string());
    REQUIRE(rec);
    CHECK(rec->duration.value_or(0) == doctest::Approx(6).epsilon(0.1));
  }

  // A burst: four recordings moved in at once, one of them into a new subfolder.
  for (int i = 10; i < 14; ++i) make_recording(f.staging / ("w-" + std::to_string(i) + ".mkv"), {"Burst chapter " + std::to_string(i)});
  fs::create_directories(f.staging / "day2");
  fs::rename(f.staging / "w-13.mkv", f.staging / "day2" / "w-13.mkv");
  for (int i = 10; i < 13; ++i) fs::rename(f.staging / ("w-" + std::to_string(i) + ".mkv"), f.media / ("w-" + std::to_string(i) + ".mkv"));
  fs::rename(f.staging / "day2", f.media / "day2");
  // Waits for all four to be probed, in however many batches, rather than for a while after the first.
  auto probed_since_slow_copy = [&] {
    int probed = 0;
    auto v = lines(watch.out());
    for (size_t i = 2; i < v.size(); ++i) probed += v[i]["files"]["probed"].get<int>();
    return probed;
  };
  REQUIRE(eventually([&] { return probed_since_slow_copy() >= 4; }));
  auto all = lines(watch.out());
  REQUIRE(all.size() == 3);  // one batch for the burst
  CHECK(all[2]["files"]["probed"] == 4);
  CHECK(f.search("burst").size() == 4);

  // Replaced (renamed over) and deleted files.
  make_recording(f.staging / "w-10.mkv", {"Replacement take"});
  fs::rename(f.staging / "w-10.mkv", f.media / "w-10.mkv");
  fs::remove(f.media / "w-11.mkv");
  REQUIRE(eventually([&] {
    auto v = lines(watch.out());
    int probed = 0, removed = 0;
    for (size_t i = 3; i < v.size(); ++i) {
      probed += v[i]["files"]["probed"].get<int>();
      removed += v[i]["files"]["recordings_removed"].get<int>();
    }
    return probed == 1 && removed == 1;
  }));
  CHECK(f.search("replacement").size() == 1);
  CHECK(f.search("burst").size() == 2);  // w-12 and w-13 remain

  watch.signal(SIGTERM);
  CHECK(watch.wait() == 0);
  CHECK(watch.err().find("watch stopped") != std::string::npos);
  auto actual = dump_index(Archive(f.archive).current_index());
  CHECK(actual == expected_documents(Archive(f.archive).store_file()));
}

TEST_CASE("watch counts the folders it follows, and reports a file once: a touched file is no news") {
  Fixture f;
  fs::create_directories(f.media / "day1");  // a subfolder is watched too, but it is not a followed folder
  make_recording(f.media / "day1" / "w-1.mkv", {"Present before the watch"});
  Child watch({TALKDEX_EXE, "--archive", f.archive.string(), "watch", f.media.string(), "--settle", "1", "--json"},
              f.dir.path());
  REQUIRE(eventually([&] { return lines(watch.out()).size() == 1; }));  // the catch-up run takes w-1 in
  CHECK(watch.err().find("talkdex: watching 1 folder (Ctrl-C stops)") != std::string::npos);
  CHECK(lines(watch.out())[0]["files"]["probed"] == 1);

  // w-1 touched (same bytes): its batch finds nothing new, and says nothing. Given time to settle and be
  // scanned on its own before the next file comes, so that a report of it would come before w-2's.
  fs::last_write_time(f.media / "day1" / "w-1.mkv", fs::file_time_type::clock::now());
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));
  make_recording(f.staging / "w-2.mkv", {"Arrived while watching"});
  fs::rename(f.staging / "w-2.mkv", f.media / "w-2.mkv");
  REQUIRE(eventually([&] { return f.search("arrived").size() == 1 && lines(watch.out()).size() >= 2; }));
  auto v = lines(watch.out());
  CHECK(v.size() == 2);
  CHECK(v[1]["files"]["probed"] == 1);
  watch.signal(SIGTERM);
  CHECK(watch.wait() == 0);
}
