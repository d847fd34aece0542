// The talkdex command end to end: a real archive in a temporary folder, the real binary.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "process.h"
#include "talkdex/store.h"
#include "test_support.h"

using namespace talkdex;
using test::ProcessResult;

namespace {

struct Cli {
  test::TempDir dir;
  std::string archive = (dir.path() / "archive").string();

  ProcessResult run(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return test::run_process(args, env);
  }
  nlohmann::json search_json(const std::string& query) {
    auto r = run({"search", "--json", "--limit", "50", query});
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    return nlohmann::json::parse(r.out)["hits"];
  }
};

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

TEST_CASE("the sample workshop imports and its talks are found") {
  Cli cli;
  auto imp = cli.run({"import", test::sample_page().string()});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  CHECK(imp.out.find("17 talks added") != std::string::npos);

  auto lottery = cli.search_json("lottery tickets");
  REQUIRE(!lottery.empty());
  CHECK(lottery[0]["title"] == "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask");
  CHECK(lottery[0]["kind"] == "spotlight");
  CHECK(lottery[0]["start"].get<std::string>().substr(10) == "T09:45:00");
  CHECK(lottery[0]["offset"] == 3600.0);
  CHECK(lottery[0]["link"].is_string());
  for (const char* key : {"talk_id", "title", "speakers", "event", "kind", "start", "offset", "link", "score"})
    CHECK_MESSAGE(lottery[0].contains(key), key);

  auto srebro = cli.search_json("speaker:srebro");
  REQUIRE(!srebro.empty());
  CHECK(srebro[0]["title"] == "Optimization’s Untold Gift to Learning: Implicit Regularization");
  CHECK(srebro[0]["speakers"][0] == "Nati Srebro");

  auto saxe = cli.search_json("speaker:saxe");
  REQUIRE(!saxe.empty());
  CHECK(saxe[0]["kind"] == "invited talk");
  CHECK(saxe[0]["speakers"][0] == "Andrew Saxe");

  auto spotlights = cli.search_json("kind:spotlight");
  CHECK(spotlights.size() == 6);
  for (const auto& h : spotlights) CHECK(h["kind"] == "spotlight");
}

TEST_CASE("importing the same page twice changes nothing") {
  Cli cli;
  REQUIRE(cli.run({"import", test::sample_page().string()}).exit_code == 0);
  std::int64_t rev = 0;
  {
    Store store(std::filesystem::path(cli.archive) / "talkdex.sqlite");
    rev = store.revision();
  }
  auto again = cli.run({"import", test::sample_page().string()});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("unchanged") != std::string::npos);
  Store store(std::filesystem::path(cli.archive) / "talkdex.sqlite");
  CHECK(store.revision() == rev);
  CHECK(store.counts().talks == 17);
}

TEST_CASE("bad inputs get one clear line, a non-zero exit and leave the archive as it was") {
  Cli cli;
  REQUIRE(cli.run({"import", test::sample_page().string()}).exit_code == 0);
  std::int64_t rev = Store(std::filesystem::path(cli.archive) / "talkdex.sqlite").revision();

  auto missing = cli.run({"import", "/nonexistent/schedule.html"});
  CHECK(missing.exit_code == 3);
  CHECK(count_lines(missing.err) == 1);
  CHECK(missing.err.find("/nonexistent/schedule.html: no such file") != std::string::npos);

  test::write_file(cli.dir / "notes.txt", "just some notes\nnothing to see\n");
  auto unknown = cli.run({"import", (cli.dir / "notes.txt").string()});
  CHECK(unknown.exit_code == 3);
  CHECK(unknown.err.find("notes.txt: not a kind of input talkdex knows") != std::string::npos);

  test::write_file(cli.dir / "empty.html", "<html><body><h1>Workshop</h1><p>Nothing scheduled.</p></body></html>");
  auto empty = cli.run({"import", (cli.dir / "empty.html").string()});
  CHECK(empty.exit_code == 3);
  CHECK(empty.err.find("empty.html") != std::string::npos);

  // One bad input does not stop the good one.
  auto mixed = cli.run({"import", "/nonexistent/a.html", test::sample_page().string()});
  CHECK(mixed.exit_code == 3);
  CHECK(mixed.out.find("unchanged") != std::string::npos);

  auto talk = cli.run({"show", "99999"});
  CHECK(talk.exit_code == 3);
  CHECK(talk.err.find("talk 99999: no such talk") != std::string::npos);

  CHECK(Store(std::filesystem::path(cli.archive) / "talkdex.sqlite").revision() == rev);
}

TEST_CASE("an archive folder that cannot be created is an error naming it") {
  Cli cli;
  test::write_file(cli.dir / "afile", "x");
  auto r = test::run_process({TALKDEX_EXE, "--archive", (cli.dir / "afile" / "archive").string(), "import",
                              test::sample_page().string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("afile/archive") != std::string::npos);
}

TEST_CASE("exit codes: nothing found is 1, usage errors are 2, help is 0") {
  Cli cli;
  REQUIRE(cli.run({"import", test::sample_page().string()}).exit_code == 0);
  CHECK(cli.run({"search", "zyxxyzzy"}).exit_code == 1);
  CHECK(cli.run({"search"}).exit_code == 2);
  auto unknown = cli.run({"frobnicate"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("talkdex: error: no command \"frobnicate\" (commands: import,") != std::string::npos);
  auto no_query = cli.run({"search"});
  CHECK(no_query.err.rfind("talkdex: error: ", 0) == 0);
  CHECK(no_query.err.find("Run 'talkdex search --help'") != std::string::npos);
  CHECK(cli.run({"import", "--kind", "nonsense", "x"}).exit_code == 2);
  for (const char* c : {"import", "search", "show", "rebuild"}) {
    auto h = cli.run({c, "--help"});
    CHECK(h.exit_code == 0);
    CHECK(h.out.find(std::string("usage: talkdex ") + c) != std::string::npos);
  }
  auto none = test::run_process({TALKDEX_EXE, "--archive", (cli.dir / "nothing-here").string(), "search", "x"});
  CHECK(none.exit_code == 3);
  CHECK(none.err.find("no talkdex archive here") != std::string::npos);
}

TEST_CASE("show lists the talk with its table of contents; rebuild keeps search working") {
  Cli cli;
  REQUIRE(cli.run({"import", test::sample_page().string()}).exit_code == 0);
  auto hits = cli.search_json("lottery tickets");
  REQUIRE(!hits.empty());
  std::string id = std::to_string(hits[0]["talk_id"].get<long long>());
  auto show = cli.run({"show", id});
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("Deconstructing Lottery Tickets") != std::string::npos);
  CHECK(show.out.find("1:00:00") != std::string::npos);
  CHECK(show.out.find("\033[") == std::string::npos);  // not a terminal: no colour

  auto json = cli.run({"show", "--json", id});
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["toc"][0]["start"] == 3600.0);
  CHECK(j["toc"][0]["source"] == "schedule");

  auto rebuild = cli.run({"rebuild"});
  CHECK(rebuild.exit_code == 0);
  CHECK(cli.search_json("lottery tickets")[0]["talk_id"] == hits[0]["talk_id"]);
}
