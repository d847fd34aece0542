// A pipe that never ends (issue 16, "Limits on bad input": time per input; probe item 2, a FIFO as input
// hung forever): `import` gives it `--deadline` seconds (kInputDeadlineSeconds by default), then fails it
// with one line naming the limit and writes nothing. The writer is a thread of this test that holds the
// FIFO open and dribbles into it; were the deadline lost, talkdex would wait for the end of the pipe
// until ctest's TIMEOUT ended the test.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>

#include "process.h"
#include "talkdex/store.h"
#include "talkdex/unique_fd.h"
#include "test_support.h"

using namespace talkdex;

namespace {

const std::string_view kScheduleHead = R"(<?xml version="1.0"?>
<schedule><conference><acronym>one</acronym><title>One</title></conference>
<day index="1" date="2024-01-01"><room name="A"><event guid="33333333-0000-4000-8000-000000000003" id="1">
<date>2024-01-01T10:00:00</date><start>10:00</start><duration>00:30</duration><title>Alone</title>
)";
const std::string_view kScheduleTail = "<type>Talk</type></event></room></day></schedule>\n";

// A FIFO held open by this process (read and write, so that opening it does not wait for a reader and
// talkdex never sees its end while the test holds it), with the start of a schedule already in it.
struct OpenFifo {
  std::string path;
  UniqueFd fd;
  explicit OpenFifo(std::string p) : path(std::move(p)) {
    REQUIRE(::mkfifo(path.c_str(), 0600) == 0);
    fd.reset(::open(path.c_str(), O_RDWR | O_CLOEXEC));
    REQUIRE(fd);
    REQUIRE(::write(fd.get(), kScheduleHead.data(), kScheduleHead.size()) == static_cast<ssize_t>(kScheduleHead.size()));
  }
  // Bytes written and not yet read by anyone.
  int unread() const {
    int n = 0;
    return ::ioctl(fd.get(), FIONREAD, &n) == 0 ? n : -1;
  }
};

struct Archive {
  test::TempDir dir;
  std::string archive = (dir / "archive").string();
  test::ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return test::run_process(args);
  }
  Store store() { return Store(std::filesystem::path(archive) / "talkdex.sqlite"); }
};

}  // namespace

TEST_CASE("a pipe whose writer never closes it fails at the deadline with one line, and nothing is written") {
  Archive a;
  // With --kind the pipe is read whole; without, its kind is told from its first 4 KiB first: both wait.
  for (bool with_kind : {true, false}) {
    CAPTURE(with_kind);
    OpenFifo fifo((a.dir / (with_kind ? "kind.fifo" : "detect.fifo")).string());
    // A space (whitespace between XML elements) every 100 ms: the pipe is alive, never finished.
    std::jthread dribbler([&fifo](std::stop_token stop) {
      while (!stop.stop_requested()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (::write(fifo.fd.get(), " ", 1) != 1) return;
      }
    });
    std::vector<std::string> args = {"import", "--deadline", "2"};
    if (with_kind) args.insert(args.end(), {"--kind", "frab-xml"});
    args.push_back(fifo.path);
    auto r = a.run(args);
    dribbler.request_stop();
    dribbler.join();
    CHECK(r.exit_code == 3);
    CHECK(r.out.empty());
    CHECK(r.err == "talkdex: error: " + fifo.path + ": the pipe did not end within 2 s (the limit)\n");
    Store store = a.store();
    CHECK(store.counts().talks == 0);
    CHECK(store.sources().empty());
  }
}

TEST_CASE("a pipe that ends within the deadline is imported, however slowly it began") {
  Archive a;
  OpenFifo fifo((a.dir / "slow.fifo").string());
  // The rest of the schedule only once talkdex has read the start (the pipe is empty again); closing the
  // FIFO before talkdex opened it would have thrown its content away.
  std::jthread writer([&fifo](std::stop_token stop) {
    while (!stop.stop_requested() && fifo.unread() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    if (::write(fifo.fd.get(), kScheduleTail.data(), kScheduleTail.size()) == static_cast<ssize_t>(kScheduleTail.size()))
      fifo.fd.reset();
  });
  auto r = a.run({"import", "--deadline", "600", "--kind", "frab-xml", fifo.path});
  writer.request_stop();
  writer.join();
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("1 talk added") != std::string::npos);
  CHECK(a.store().counts().talks == 1);
}

TEST_CASE("import --deadline takes whole seconds from 1") {
  Archive a;
  for (const char* bad : {"0", "soon"}) {
    CAPTURE(bad);
    auto r = a.run({"import", "--deadline", bad, (a.dir / "x.xml").string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--deadline") != std::string::npos);
  }
}
