// talkdex detect and align through the command: items with thumbnails in show --json, slide text in
// search, other sources winning, talk starts found in a late session, Ctrl-C leaving the archive alone.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "ground_truth.h"
#include "mediagen.h"
#include "process.h"
#include "talkdex/indexer/slides/ocr.h"
#include "talkdex/store.h"
#include "test_support.h"

extern char** environ;

using namespace talkdex;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Three talks scheduled 8 minutes apart from 10:00.
constexpr const char* kSchedule = R"(<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <version>1.0</version>
  <conference><acronym>ml2024</acronym><title>ML Session</title>
    <start>2024-03-01T10:00:00</start><end>2024-03-01T11:00:00</end></conference>
  <day index="1" date="2024-03-01" start="2024-03-01T10:00:00" end="2024-03-01T11:00:00">
    <room name="Hall A">
      <event guid="a1" id="1"><date>2024-03-01T10:00:00</date><start>10:00</start><duration>00:08</duration>
        <room>Hall A</room><title>Deconstructing Lottery Tickets</title><type>talk</type>
        <persons><person id="1">Hattie Zhou</person><person id="2">Janice Lan</person></persons></event>
      <event guid="a2" id="2"><date>2024-03-01T10:08:00</date><start>10:08</start><duration>00:08</duration>
        <room>Hall A</room><title>Sparse Networks from Scratch</title><type>talk</type>
        <persons><person id="3">Tim Dettmers</person></persons></event>
      <event guid="a3" id="3"><date>2024-03-01T10:16:00</date><start>10:16</start><duration>00:08</duration>
        <room>Hall A</room><title>Rigging the Lottery</title><type>talk</type>
        <persons><person id="4">Utku Evci</person></persons></event>
    </room>
  </day>
</schedule>
)";

struct Archive {
  test::TempDir dir;
  std::string archive = (dir.path() / "archive").string();

  test::ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return test::run_process(args);
  }
  json run_json(std::vector<std::string> args) {
    auto r = run(std::move(args));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
  void import_schedule() {
    test::write_file(dir / "schedule.xml", kSchedule);
    REQUIRE(run({"import", (dir / "schedule.xml").string()}).exit_code == 0);
  }
};

}  // namespace

TEST_CASE("detect TALK writes detected items with thumbnails that show --json lists, and search finds slide text") {
  Archive a;
  a.import_schedule();
  mediagen::MediaSpec spec{.path = (a.dir / "talk.mp4").string(), .duration = 30, .width = 640, .height = 360, .fps = 5,
                           .slide_changes = {10, 20},
                           .slide_texts = {"Deconstructing Lottery Tickets\nHattie Zhou", "",
                                           "Supermasks\n- pruning at init"},
                           .audio = false};
  REQUIRE(mediagen::generate_media(spec).ok());
  test::write_file(a.dir / "talk.chapters.vtt", "WEBVTT\n\n00:00:19.000 --> 00:00:30.000\nMasks\n");
  REQUIRE(a.run({"import", "--talk", "1", spec.path}).exit_code == 0);

  auto r = a.run({"detect", "1"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("3 slides") != std::string::npos);
  auto show = a.run_json({"show", "--json", "1"});
  int detected = 0;
  for (const auto& item : show["toc"]) {
    INFO(item.dump());
    if (item["source"] == "detected") {
      ++detected;
      CHECK(item["confidence"].get<double>() > 0);
    }
    REQUIRE(!item["thumbnail"].is_null());
    CHECK(fs::path(item["thumbnail"].get<std::string>()).is_absolute());
    CHECK(fs::exists(item["thumbnail"].get<std::string>()));
    if (item["source"] == "file") {
      CHECK(item["title"] == "Masks");  // the chapter file's item keeps its title at 0:19
      CHECK(item["start"] == 19.0);
    }
  }
  CHECK(detected == 2);  // 0:00 and 0:10; the change at 0:20 is the chapter's place

  if (!ocr_available()) {
    MESSAGE("skipped the slide-text checks: " << ocr_description());
    return;
  }
  CHECK(show["toc"][0]["title"] == "DECONSTRUCTING LOTTERY");  // the slide's first line, as OCR read it
  auto hits = a.run_json({"search", "--json", "slide:pruning"})["hits"];
  REQUIRE(!hits.empty());
  CHECK(hits[0]["talk_id"] == 1);

  // Detected again without OCR: the slides' text read before stays, and so do the titles made from it.
  auto again = a.run({"detect", "--no-ocr", "1"});
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(a.run_json({"show", "--json", "1"})["toc"][0]["title"] == "DECONSTRUCTING LOTTERY");
  CHECK_FALSE(a.run_json({"search", "--json", "slide:pruning"})["hits"].empty());
}

TEST_CASE("align moves each talk of a late session to its title slide within 2 s; --apply writes them") {
  Archive a;
  a.import_schedule();
  mediagen::SessionOptions so{.path = (a.dir / "session.mp4").string(), .duration = 1500};
  // Scheduled at 0:00, 8:00 and 16:00 into the recording; they began minutes late.
  const std::vector<double> truth = {150, 670, 1125};
  auto spec = mediagen::session_spec(so, {{"Deconstructing Lottery Tickets", {"Hattie Zhou", "Janice Lan"}, truth[0]},
                                          {"Sparse Networks from Scratch", {"Tim Dettmers"}, truth[1]},
                                          {"Rigging the Lottery", {"Utku Evci"}, truth[2]}});
  REQUIRE(mediagen::generate_media(spec).ok());
  REQUIRE(a.run({"import", "--event", "1", "--starts", "10:00", so.path}).exit_code == 0);
  const auto before = Store(fs::path(a.archive) / "talkdex.sqlite").revision();

  if (!ocr_available()) {
    auto r = a.run({"align", "--event", "1"});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("OCR unavailable") != std::string::npos);
    MESSAGE("skipped: " << ocr_description());
    return;
  }
  auto plan = a.run_json({"align", "--json", "--event", "1"});
  CHECK(Store(fs::path(a.archive) / "talkdex.sqlite").revision() == before);  // nothing written without --apply
  auto shifts = plan["recordings"][0]["shifts"];
  REQUIRE(shifts.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    INFO(shifts[i].dump());
    CHECK(shifts[i]["old_start"] == 480.0 * static_cast<double>(i));
    REQUIRE(!shifts[i]["new_start"].is_null());
    CHECK(std::abs(shifts[i]["new_start"].get<double>() - truth[i]) <= 2);
    CHECK(shifts[i]["score"].get<double>() >= 0.5);
    CHECK(!shifts[i]["matched_text"].get<std::string>().empty());
  }

  auto r = a.run({"align", "--event", "1", "--apply"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("-> 0:11:10") != std::string::npos);
  auto show = a.run_json({"show", "--json", "2"});
  bool found = false;
  for (const auto& item : show["toc"])
    if (item["source"] == "schedule") {
      found = true;
      CHECK(std::abs(item["start"].get<double>() - truth[1]) <= 2);
      CHECK(item["confidence"] == 0.9);
      CHECK(std::abs(item["end"].get<double>() - truth[2]) <= 2);
    }
  CHECK(found);
  // Aligned already: another run moves nothing (exit 1, nothing found to move).
  CHECK(a.run({"align", "2"}).exit_code == 1);
}

TEST_CASE("detect and align report bad input with one clear line") {
  Archive a;
  a.import_schedule();
  mediagen::MediaSpec audio;
  audio.path = (a.dir / "audio.mp4").string();
  audio.video = false;
  audio.duration = 3;
  REQUIRE(mediagen::generate_media(audio).ok());
  auto r = a.run({"detect", audio.path});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find(audio.path) != std::string::npos);
  CHECK(r.err.find("no video stream") != std::string::npos);
  CHECK(a.run({"detect", "1"}).err.find("has no recording") != std::string::npos);
  CHECK(a.run({"detect", "999"}).exit_code == 3);
  // A talk's key may hold a '/' (frab keys are EVENT/GUID): it is a talk, not a file.
  std::string no_guid = kSchedule;
  const std::string with_guid = "guid=\"a1\" id=\"1\"";
  no_guid.replace(no_guid.find(with_guid), with_guid.size(), "id=\"7\"");
  test::write_file(a.dir / "other.xml", no_guid);
  REQUIRE(a.run({"import", (a.dir / "other.xml").string()}).exit_code == 0);
  std::string key;
  json lottery = a.run_json({"search", "--json", "lottery"});
  for (const auto& h : lottery["hits"]) {
    std::string k = a.run_json({"show", "--json", std::to_string(h["talk_id"].get<long long>())})["key"];
    if (k.find('/') != std::string::npos) key = k;
  }
  REQUIRE(!key.empty());
  CHECK(a.run({"detect", key}).err.find("has no recording") != std::string::npos);
  auto missing = a.run({"detect", (a.dir / "gone.mp4").string()});
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.find("gone.mp4: no such file") != std::string::npos);
  auto folder = a.run({"detect", a.dir.path().string()});
  CHECK(folder.exit_code == 3);
  CHECK(folder.err.find("is a folder, not a recording") != std::string::npos);
  CHECK(a.run({"align", "1"}).err.find("no session recording") != std::string::npos);
  CHECK(a.run({"align"}).exit_code == 2);
  CHECK(a.run({"align", "1", "--event", "1"}).exit_code == 2);
}

TEST_CASE("Ctrl-C during detect leaves the store and the thumbnails as they were") {
  Archive a;
  a.import_schedule();
  mediagen::MediaSpec spec{.path = (a.dir / "day.mkv").string(), .duration = 36000,  // ten hours, small and at 1 fps
                           .width = 64, .height = 36, .fps = 1, .gop = 10, .audio = false};
  for (double t = 600; t < 36000; t += 600) spec.slide_changes.push_back(t);
  REQUIRE(mediagen::generate_media(spec).ok());
  REQUIRE(a.run({"import", "--talk", "1", spec.path}).exit_code == 0);
  const auto before = Store(fs::path(a.archive) / "talkdex.sqlite").revision();

  // The recording reaches detect through a pipe that the test fills: detection cannot end before the
  // test lets it, so on any machine, fast or slow, the signal comes in the middle of the work.
  const std::string bytes = test::read_file(spec.path);
  fs::remove(spec.path);
  REQUIRE(::mkfifo(spec.path.c_str(), 0644) == 0);

  std::vector<std::string> args = {TALKDEX_EXE, "--archive", a.archive, "detect", "--no-ocr", "1"};
  std::vector<char*> argv;
  for (auto& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string err_path = (a.dir / "err").string();
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);

  // Until detect opens the recording, opening the pipe for writing without blocking fails (ENXIO).
  int fd = -1;
  int status = 0;
  bool ended_early = false;
  for (int i = 0; i < 6000 && fd < 0 && !ended_early; ++i) {
    fd = ::open(spec.path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0) break;
    REQUIRE(errno == ENXIO);
    ended_early = ::waitpid(pid, &status, WNOHANG) == pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  INFO(test::read_file(err_path));
  REQUIRE_FALSE(ended_early);
  REQUIRE(fd >= 0);
  REQUIRE(::fcntl(fd, F_SETFL, 0) == 0);  // blocking writes from here: detect reads as the test writes

  // Detect may stop reading once interrupted: a write to a pipe nobody reads must not end the test.
  struct sigaction ignore {}, previous {};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  ::sigaction(SIGPIPE, &ignore, &previous);
  auto write_part = [&](std::size_t from, std::size_t to) {
    while (from < to) {
      ssize_t n = ::write(fd, bytes.data() + from, to - from);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      from += static_cast<std::size_t>(n);
    }
    return true;
  };
  // Half the recording read, the other half held back: the signal comes while detection is under way.
  const bool first_half_read = write_part(0, bytes.size() / 2);
  ::kill(pid, SIGINT);
  write_part(bytes.size() / 2, bytes.size());  // lets it go on, to its next check of the signal
  ::close(fd);
  ::sigaction(SIGPIPE, &previous, nullptr);
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  CHECK(first_half_read);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(test::read_file(err_path).find("interrupted") != std::string::npos);

  Store store(fs::path(a.archive) / "talkdex.sqlite");
  CHECK(store.revision() == before);
  for (const auto& item : store.toc_items()) CHECK(item.entry.source != "detected");
  const fs::path thumbs = fs::path(a.archive) / "thumbs";
  std::error_code ec;
  CHECK((!fs::exists(thumbs) || fs::is_empty(thumbs, ec)));
}
