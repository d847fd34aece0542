// One writer at a time: a second writer says who holds the archive and exits with 4, or waits with
// --wait; searches and status never wait.
#include <nlohmann/json.hpp>

#include "indexing_support.h"
#include "talkdex/writer_lock.h"

using namespace talkdex;
using namespace talkdex::test;

namespace {

struct Fixture {
  TempDir dir;
  fs::path archive = dir / "archive";
  Fixture() {
    make_archive(archive, "lock", 20, 1);
  }
  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive.string()});
    return run_process(args);
  }
  fs::path lock_file() { return Archive(archive).lock_file(); }
};

}  // namespace

TEST_CASE("a second writer says who holds the archive and exits with 4; readers go on") {
  Fixture f;
  WriterLock held(f.lock_file(), "rebuild", WriterLock::Mode::kFailIfBusy);
  std::string pid = "pid " + std::to_string(::getpid());
  for (std::vector<std::string> cmd : {std::vector<std::string>{"index"}, {"rebuild"}, {"follow", f.dir.path().string()},
                                       {"import", "/nonexistent/schedule.xml"}}) {
    auto r = f.run(cmd);
    INFO(cmd[0] << ": " << r.err);
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("busy") != std::string::npos);
    CHECK(r.err.find("talkdex rebuild (" + pid + ")") != std::string::npos);
    CHECK(r.err.find("since 20") != std::string::npos);
    CHECK(r.err.find("--wait") != std::string::npos);
  }
  auto search = f.run({"search", "lottery"});
  CHECK(search.exit_code == 0);
  auto status = f.run({"status", "--json"});
  REQUIRE(status.exit_code == 0);
  auto j = nlohmann::json::parse(status.out);
  CHECK(j["writer"]["pid"] == ::getpid());
  CHECK(j["writer"]["command"] == "rebuild");
}

TEST_CASE("a writer with --wait waits for the holder and then runs") {
  Fixture f;
  auto held = std::make_unique<WriterLock>(f.lock_file(), "import", WriterLock::Mode::kFailIfBusy);
  Child waiting({TALKDEX_EXE, "--archive", f.archive.string(), "index", "--wait"}, f.dir.path());
  REQUIRE(eventually([&] { return waiting.err().find("waiting for talkdex import") != std::string::npos; }));
  CHECK(waiting.running());
  held.reset();  // let go: the waiting index takes the lock and runs
  CHECK(waiting.wait() == 0);
  CHECK(waiting.out().find("index:") != std::string::npos);
  CHECK_FALSE(WriterLock::held(f.lock_file()));
}

TEST_CASE("the lock dies with its holder: a killed writer blocks no one") {
  Fixture f;
  auto held = std::make_unique<WriterLock>(f.lock_file(), "import", WriterLock::Mode::kFailIfBusy);
  Child waiting({TALKDEX_EXE, "--archive", f.archive.string(), "rebuild", "--wait"}, f.dir.path());
  REQUIRE(eventually([&] { return waiting.err().find("waiting") != std::string::npos; }));
  waiting.signal(SIGKILL);
  CHECK(waiting.wait() == -SIGKILL);
  held.reset();
  CHECK(f.run({"index"}).exit_code == 0);
}

TEST_CASE("one watch per archive") {
  Fixture f;
  fs::create_directories(f.dir / "media");
  Child first({TALKDEX_EXE, "--archive", f.archive.string(), "watch", (f.dir / "media").string()}, f.dir.path());
  REQUIRE(eventually([&] { return first.err().find("watching") != std::string::npos; }));
  auto second = f.run({"watch", (f.dir / "media").string()});
  CHECK(second.exit_code == 4);
  CHECK(second.err.find("talkdex watch (pid " + std::to_string(first.pid()) + ")") != std::string::npos);
  // Between batches a watch holds no writer lock: other writers go ahead.
  CHECK(f.run({"index"}).exit_code == 0);
  first.signal(SIGINT);
  CHECK(first.wait() == 0);
}
