// A read-only archive (issue 16, probe item 10): the commands that only read open the store read-only,
// so they work where the user cannot write (an archive on a read-only mount, or another user's). The
// test runs talkdex as the user nobody on an archive that root made.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>

#include "cli_archive.h"

using namespace talkdex;
namespace fs = std::filesystem;

namespace {

test::ProcessResult as_nobody(const std::string& archive, std::vector<std::string> args) {
  args.insert(args.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", TALKDEX_EXE, "--archive", archive});
  return test::run_process(args);
}

}  // namespace

TEST_CASE("status, show, chapters, sources and events work on an archive the user cannot write") {
  test::CliArchive a;
  std::string talk = a.import_sample();
  test::write_file(a.dir / "toc.chapters.json", R"({"chapters": [{"start": 0, "title": "Welcome"}, {"start": 60, "title": "Results"}]})");
  REQUIRE(a.run({"import", "--talk", talk, (a.dir / "toc.chapters.json").string()}).exit_code == 0);
  // Readable by everyone, writable by root alone (nobody reaches the folder; the files are 0644).
  fs::permissions(a.dir.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                    fs::perms::others_read | fs::perms::others_exec);
  if (as_nobody(a.archive, {"--version"}).exit_code != 0) {
    MESSAGE("talkdex cannot be run as nobody here (its folder is not open to other users): not tested");
    return;
  }
  REQUIRE(::access(a.archive.c_str(), W_OK) == 0);  // root's: the archive is not read-only for root
  for (std::vector<std::string> args : {std::vector<std::string>{"status"}, {"show", talk}, {"show", "--json", talk},
                                        {"chapters", talk, "--format", "vtt"}, {"sources"}, {"events"},
                                        {"search", "lottery"}}) {
    auto r = as_nobody(a.archive, args);
    CAPTURE(args[0]);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
  }
  // A writing command says why it cannot write, in one line.
  auto import = as_nobody(a.archive, {"import", (a.dir / "toc.chapters.json").string(), "--talk", talk});
  CHECK(import.exit_code != 0);
  CHECK(import.err.find("talkdex: error: ") == 0);
}
