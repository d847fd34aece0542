// Usage lines and help made from the commands' CLI11 options (issue 15, "Commands"): every option a
// command takes is in its usage line, so the two cannot drift apart.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>

#include "process.h"
#include "test_support.h"

using namespace talkdex;

namespace {

const char* const kCommands[] = {"import", "search", "show", "play", "clip", "chapters", "detect", "align", "events",
                                 "sources", "follow", "unfollow", "index", "watch", "rebuild",  "status"};

// The long options the help lists under "Options:" ("  -n,--limit UINT  ..." gives "--limit").
std::vector<std::string> listed_options(const std::string& help) {
  std::vector<std::string> out;
  std::istringstream in(help);
  for (std::string line; std::getline(in, line);) {
    std::size_t at = line.find("--");
    if (line.rfind("  -", 0) != 0 || at == std::string::npos) continue;
    std::size_t end = line.find_first_of(" ,", at);
    std::string name = line.substr(at, end - at);
    if (name != "--help") out.push_back(name);
  }
  return out;
}

std::string usage_of(const std::string& help) {
  std::size_t at = help.find("usage: talkdex ");
  return at == std::string::npos ? "" : help.substr(at, help.find('\n', at) - at);
}

}  // namespace

TEST_CASE("every command's usage line names every option its help lists") {
  for (const char* c : kCommands) {
    CAPTURE(c);
    auto h = test::run_process({TALKDEX_EXE, c, "--help"});
    CHECK(h.exit_code == 0);
    std::string usage = usage_of(h.out);
    REQUIRE(!usage.empty());
    auto options = listed_options(h.out);
    for (const auto& o : options) {
      CAPTURE(o);
      bool named = usage.find(o + " ") != std::string::npos || usage.find(o + "]") != std::string::npos;
      CHECK(named);
    }
  }
  // The options the hand-written lines had lost.
  auto import = usage_of(test::run_process({TALKDEX_EXE, "import", "--help"}).out);
  for (const char* o : {"--jobs", "--json", "--wait", "--kind", "--talk"}) CHECK(import.find(o) != std::string::npos);
  CHECK(usage_of(test::run_process({TALKDEX_EXE, "index", "--help"}).out).find("--detect") != std::string::npos);
  CHECK(usage_of(test::run_process({TALKDEX_EXE, "search", "--help"}).out).find("QUERY...") != std::string::npos);
}

TEST_CASE("talkdex help CMD is the command's --help; an unknown command is a usage error") {
  auto h = test::run_process({TALKDEX_EXE, "help", "search"});
  CHECK(h.exit_code == 0);
  CHECK(h.out.find("usage: talkdex search") != std::string::npos);
  CHECK(h.out.find("--limit") != std::string::npos);
  auto all = test::run_process({TALKDEX_EXE, "help"});
  CHECK(all.exit_code == 0);
  for (const char* c : kCommands) CHECK(all.out.find(std::string("  ") + c) != std::string::npos);
  auto bad = test::run_process({TALKDEX_EXE, "help", "frobnicate"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err == "talkdex: error: no command \"frobnicate\" (talkdex help lists them)\n");
}

TEST_CASE("the man page describes every command and option, and groff reads it cleanly") {
  auto man = test::run_process({TALKDEX_EXE, "man"});
  REQUIRE(man.exit_code == 0);
  CHECK(man.out.rfind(".TH TALKDEX 1", 0) == 0);
  for (const char* c : kCommands) {
    CAPTURE(c);
    CHECK(man.out.find(std::string(".SS ") + c + "\n") != std::string::npos);
    for (const auto& o : listed_options(test::run_process({TALKDEX_EXE, c, "--help"}).out)) {
      std::string escaped;
      for (char ch : o) escaped += ch == '-' ? std::string("\\-") : std::string(1, ch);
      CAPTURE(o);
      CHECK(man.out.find(escaped) != std::string::npos);
    }
  }
  CHECK(man.out.find("130 interrupted") != std::string::npos);
  test::TempDir dir;
  test::write_file(dir / "talkdex.1", man.out);
  if (std::filesystem::exists("/usr/bin/groff")) {  // man-db's formatter, on most machines with man
    auto groff = test::run_process({"/usr/bin/groff", "-man", "-ww", "-z", (dir / "talkdex.1").string()});
    CHECK(groff.exit_code == 0);
    CHECK(groff.err.empty());
  }
}

TEST_CASE("bash, zsh and fish completions name the commands and their options") {
  auto bash = test::run_process({TALKDEX_EXE, "completions", "bash"});
  REQUIRE(bash.exit_code == 0);
  test::TempDir dir;
  test::write_file(dir / "talkdex.bash", bash.out);
  auto complete = [&](const std::string& words, int cword) {
    std::string script = "source " + (dir / "talkdex.bash").string() + "; COMP_WORDS=(" + words +
                         "); COMP_CWORD=" + std::to_string(cword) + "; _talkdex; printf '%s\\n' \"${COMPREPLY[@]}\"";
    return test::run_process({"/bin/bash", "-c", script}).out;
  };
  CHECK(complete("talkdex se", 1) == "search\nserve\n");
  CHECK(complete("talkdex sea", 1) == "search\n");
  CHECK(complete("talkdex search --li", 2) == "--limit\n");
  CHECK(complete("talkdex --archive /tmp import --job", 4) == "--jobs\n");
  CHECK(complete("talkdex index --de", 2) == "--detect\n");

  auto zsh = test::run_process({TALKDEX_EXE, "completions", "zsh"});
  CHECK(zsh.out.rfind("#compdef talkdex\n", 0) == 0);
  CHECK(zsh.out.find("'--limit[how many talks to show]:value:'") != std::string::npos);
  auto fish = test::run_process({TALKDEX_EXE, "completions", "fish"});
  CHECK(fish.out.find("complete -c talkdex -n '__fish_seen_subcommand_from search' -s n -l limit -r") !=
        std::string::npos);
  for (const char* c : kCommands) {
    CHECK(zsh.out.find(std::string("        ") + c + ") _arguments") != std::string::npos);
    CHECK(fish.out.find(std::string("-a ") + c + " -d") != std::string::npos);
  }
  CHECK(test::run_process({TALKDEX_EXE, "completions", "tcsh"}).exit_code == 2);
}
