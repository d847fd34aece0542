// Chapters round-trip (issue 17, §6): exported and imported back they are the same items, and a title
// edited in the exported file changes that one item, in place, without renumbering.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_archive.h"
#include "talkdex/text.h"

using namespace talkdex;
using nlohmann::json;

TEST_CASE("a title edited in an exported ffmetadata file changes that one item when imported again") {
  test::CliArchive a;
  std::string talk = a.import_sample_with_recording();
  auto before = a.run_json({"show", "--json", talk})["toc"];
  int results = 0;  // the number of "Supermask results", as show lists it
  for (std::size_t i = 0; i < before.size(); ++i)
    if (before[i]["title"] == "Supermask results") results = static_cast<int>(i) + 1;
  REQUIRE(results > 0);

  auto file = a.dir / "ch.ffmetadata";
  REQUIRE(a.run({"chapters", talk, "--recording", "1", "--format", "ffmetadata", "-o", file.string()}).exit_code == 0);
  std::string text = test::read_file(file);
  REQUIRE(text.find("title=Supermask results") != std::string::npos);
  auto same = a.run({"import", "--talk", talk, file.string()});
  INFO(same.err);
  REQUIRE(same.exit_code == 0);
  CHECK(a.run_json({"show", "--json", talk})["toc"] == before);  // the file's items are the recording's own

  test::write_file(file, replace_all(text, "title=Supermask results", "title=The supermask, measured"));
  auto edited = a.run({"import", "--talk", talk, file.string()});
  INFO(edited.err);
  REQUIRE(edited.exit_code == 0);
  auto after = a.run_json({"show", "--json", talk})["toc"];
  REQUIRE(after.size() == before.size());  // one item changed, none added
  for (std::size_t i = 0; i < after.size(); ++i) {
    CAPTURE(i);
    CHECK(after[i]["id"] == before[i]["id"]);
    CHECK(after[i]["start"] == before[i]["start"]);
    if (static_cast<int>(i) + 1 == results) CHECK(after[i]["title"] == "The supermask, measured");
    else CHECK(after[i]["title"] == before[i]["title"]);
  }
  // play TALK N still plays the same moment, and search finds the new title there.
  auto play = a.run({"play", "--print", talk, std::to_string(results)}, {"TALKDEX_PLAYER=/bin/echo"});
  CHECK(play.out.find("#t=20") != std::string::npos);
  auto hits = a.run_json({"search", "--json", "chapter:measured"})["hits"];
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["offset"] == 20);
  CHECK(a.run({"search", "chapter:\"supermask results\""}).exit_code == 1);
  // Importing it once more changes nothing.
  CHECK(a.run({"import", "--talk", talk, file.string()}).out.find("unchanged") != std::string::npos);
}
