// Small things a new user meets (issue 17, §8): counts agree with their nouns, a folder given to import
// points to follow.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_archive.h"
#include "process.h"
#include "talkdex/text.h"
#include "test_support.h"

using namespace talkdex;

TEST_CASE("one document is one document, and a folder given to import points to follow") {
  test::TempDir dir;
  std::string archive = (dir / "archive").string();
  test::write_file(dir / "one.xml", R"(<?xml version="1.0"?>
<schedule><conference><acronym>one</acronym><title>One</title></conference>
<day index="1" date="2024-01-01"><room name="A"><event guid="33333333-0000-4000-8000-000000000003" id="1">
<date>2024-01-01T10:00:00</date><start>10:00</start><duration>00:30</duration><title>Alone</title>
<type>Talk</type></event></room></day></schedule>
)");
  auto imp = test::run_process({TALKDEX_EXE, "--archive", archive, "import", (dir / "one.xml").string()});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  CHECK(imp.out.find("index: 1 document written, 0 deleted") != std::string::npos);

  std::filesystem::create_directory(dir / "videos");
  auto folder = test::run_process({TALKDEX_EXE, "--archive", archive, "import", (dir / "videos").string()});
  CHECK(folder.exit_code == 3);
  CHECK(folder.err.find("is a folder, not a file (talkdex follow DIR takes in the recordings in it)") !=
        std::string::npos);
}

TEST_CASE("--color=always|never|auto, before or after the command") {
  test::TempDir dir;
  std::string archive = (dir / "archive").string();
  auto imp = test::run_process(
      {TALKDEX_EXE, "--archive", archive, "import", (test::source_dir() / "data/icml2019-deep-phenomena.html").string()});
  REQUIRE(imp.exit_code == 0);
  auto always = test::run_process({TALKDEX_EXE, "--archive", archive, "search", "lottery", "--color=always"});
  CHECK(always.exit_code == 0);
  CHECK(always.out.find("\033[1m") != std::string::npos);
  auto never = test::run_process({TALKDEX_EXE, "--color", "never", "--archive", archive, "search", "lottery"});
  CHECK(never.out.find('\033') == std::string::npos);
  auto piped = test::run_process({TALKDEX_EXE, "--archive", archive, "search", "lottery"});  // auto: not a terminal
  CHECK(piped.out.find('\033') == std::string::npos);
  auto bad = test::run_process({TALKDEX_EXE, "--color", "sometimes", "--archive", archive, "search", "lottery"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("status on an archive with nothing in it says so and succeeds") {
  test::TempDir dir;
  std::string archive = (dir / "new").string();
  auto r = test::run_process({TALKDEX_EXE, "--archive", archive, "status"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == archive + ": empty (talkdex import a schedule, chapters or recordings; talkdex follow DIR)\n");
  CHECK_FALSE(std::filesystem::exists(archive));  // looking makes no folder
}

TEST_CASE("--limit abc says what --limit takes") {
  test::TempDir dir;
  auto r = test::run_process({TALKDEX_EXE, "--archive", (dir / "a").string(), "search", "x", "--limit", "abc"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--limit: abc is not a whole number from 1 to 10000") != std::string::npos);
  CHECK(r.err.find("not in range") == std::string::npos);
}

TEST_CASE("status counts agree with their nouns") {
  test::CliArchive a;
  a.import_page();
  auto r = a.run({"status"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("store:    1 event, 17 talks, 2 recordings, 16 items, 1 source (revision") != std::string::npos);
}

TEST_CASE("the seed's talk with its own video link jumps into that video, not into the day's") {
  test::CliArchive a;
  a.import_page();
  auto r = a.run({"search", "--json", "crowdsourcing"});
  REQUIRE(r.exit_code == 0);
  auto hit = nlohmann::json::parse(r.out)["hits"][0];
  CHECK(hit["title"] == "Crowdsourcing Deep Learning Phenomena");
  CHECK(hit["link"] == "https://videoken.com/embed/l_05jiMixRE?tocitem=24");
  CHECK(hit["offset"].is_null());  // where item 24 is in that video, the page does not say
  auto text = a.run({"search", "crowdsourcing"});
  CHECK(text.out.find("NJjqOnuvpKc") == std::string::npos);
}

TEST_CASE("on a terminal, output wraps at word boundaries to COLUMNS; not on a pipe") {
  test::CliArchive a;
  a.import_page();
  std::vector<std::string> search = {TALKDEX_EXE, "--archive", a.archive, "--color", "never", "search", "lottery", "tickets"};
  std::string command;
  for (const auto& a : search) command += (command.empty() ? "" : " ") + a;
  // script(1) gives the command a terminal.
  auto tty = test::run_process({"/usr/bin/script", "-qec", command, "/dev/null"}, {"COLUMNS=30"});
  REQUIRE(tty.exit_code == 0);
  std::string out = talkdex::replace_all(tty.out, "\r", "");
  std::vector<std::string> lines = talkdex::split(out, '\n');
  std::size_t longest = 0;
  for (const auto& line : lines) {
    // A URL longer than a line stands alone on its line; every other line fits.
    std::size_t columns = 0;  // characters, not bytes ("·" is two)
    for (unsigned char c : line) columns += (c & 0xC0) != 0x80;
    if (line.find("https://") == std::string::npos) longest = std::max(longest, columns);
  }
  CHECK(longest <= 30);
  CHECK(out.find("1. Deconstructing Lottery\n") != std::string::npos);  // a break between words, indented after
  CHECK(out.find("   Tickets: Zeros, Signs, and\n") != std::string::npos);
  // Not a terminal: one line per fact, whatever COLUMNS says.
  auto piped = test::run_process(search, {"COLUMNS=30"});
  CHECK(piped.out.find("1. Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask [4]\n") != std::string::npos);
}
