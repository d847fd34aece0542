// Player pages are links, not recordings (issue 10 §4, issue 17 §7): show marks them, detect names and
// skips them, play prefers what a player can open; play, clip and chapters take --recording N.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_archive.h"

using namespace talkdex;
using nlohmann::json;

namespace {

const std::string kPage = "https://videoken.com/embed/NJjqOnuvpKc";

// The number `show` gives the recording with this URI (as --recording takes it).
int recording_number(const json& show, const std::string& uri) {
  for (const auto& r : show["recordings"])
    if (r["uri"] == uri) return r["number"].get<int>();
  FAIL("no recording " << uri);
  return 0;
}

int item_number(const json& show, const std::string& title) {
  int n = 0;
  for (const auto& i : show["toc"]) {
    ++n;
    if (i["title"] == title) return n;
  }
  FAIL("no item " << title);
  return 0;
}

}  // namespace

TEST_CASE("a player page is shown as a link, and detect reads the talk's file and names the page it skips") {
  test::CliArchive a;
  std::string talk = a.import_sample();
  std::string media = a.make_recording();
  REQUIRE(a.run({"import", "--talk", talk, media}).exit_code == 0);

  auto show = a.run_json({"show", "--json", talk});
  REQUIRE(show["recordings"].size() == 2);
  for (const auto& r : show["recordings"]) {
    if (r["uri"] == kPage) CHECK(r["kind"] == "page");
    else CHECK(r["kind"] == "file");
  }
  auto text = a.run({"show", talk});
  CHECK(text.out.find(kPage + "  player page") != std::string::npos);

  auto detect = a.run({"detect", talk, "--no-ocr", "--no-thumbnails", "--json"});
  INFO(detect.err);
  CHECK(detect.exit_code == 0);
  CHECK(detect.err.find(kPage + ": skipped: a player page") != std::string::npos);
  auto report = json::parse(detect.out)["recordings"];
  REQUIRE(report.size() == 1);
  CHECK(report[0]["uri"] == media);
  CHECK_FALSE(report[0].contains("error"));

  // The page by itself: one line saying what it is, nothing written.
  auto page = a.run({"detect", kPage, "--no-ocr"});
  CHECK(page.exit_code == 3);
  CHECK(page.err.find(kPage + ": a player page") != std::string::npos);
}

TEST_CASE("play prefers a recording a player can open; play, clip and chapters take --recording N") {
  test::CliArchive a;
  std::string talk = a.import_sample();
  // Before a file is imported, the page is all there is: play offers its link at the talk's moment.
  auto only_page = a.run_json({"play", talk, "--json"});
  CHECK(only_page["uri"] == kPage);
  CHECK(only_page["offset"] == 3600);

  std::string media = a.make_recording();
  REQUIRE(a.run({"import", "--talk", talk, media}).exit_code == 0);
  auto show = a.run_json({"show", "--json", talk});
  const int file = recording_number(show, media), page = recording_number(show, kPage);

  auto chosen = a.run_json({"play", talk, "--json"});
  CHECK(chosen["uri"] == media);
  CHECK(chosen["offset"] == 0);
  CHECK(a.run_json({"play", talk, "--recording", std::to_string(page), "--json"})["uri"] == kPage);
  auto at_item = a.run_json({"play", talk, std::to_string(item_number(show, "Supermask results")), "--recording",
                             std::to_string(file), "--json"});
  CHECK(at_item["uri"] == media);
  CHECK(at_item["offset"] == 20);

  auto missing = a.run({"play", talk, "--recording", "7", "--print"});
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.find("--recording 7: no such recording (the talk has 2") != std::string::npos);
  // No media player opens a page: said in one line, with the link to open instead.
  auto no_player = a.run({"play", talk, "--recording", std::to_string(page)}, {"TALKDEX_PLAYER=true"});
  CHECK(no_player.exit_code == 3);
  CHECK(no_player.err.find("a player page, which no media player opens") != std::string::npos);

  // chapters: the items of the recording asked for.
  auto file_chapters = a.run({"chapters", talk, "--recording", std::to_string(file), "--format", "json"});
  REQUIRE(file_chapters.exit_code == 0);
  auto titles = json::parse(file_chapters.out)["chapters"];
  REQUIRE(titles.size() == 3);
  CHECK(titles[1]["title"] == "Supermask results");
  auto page_chapters = a.run({"chapters", talk, "--recording", std::to_string(page), "--format", "json"});
  REQUIRE(page_chapters.exit_code == 0);
  CHECK(page_chapters.out.find("Supermask results") == std::string::npos);
  CHECK(page_chapters.out.find("Deconstructing Lottery Tickets") != std::string::npos);

  // clip: the item's section out of the recording asked for; a page cannot be cut and nothing appears.
  const int supermask = item_number(show, "Supermask results");
  auto cut_page = a.run({"clip", talk, std::to_string(supermask), "--recording", std::to_string(page), "-o",
                         (a.dir / "page.mkv").string()});
  CHECK(cut_page.exit_code == 3);
  CHECK(cut_page.err.find(kPage + ": a player page") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(a.dir / "page.mkv"));
  auto cut = a.run({"clip", talk, std::to_string(supermask), "--recording", std::to_string(file), "-o",
                    (a.dir / "supermask.mkv").string(), "--json"});
  INFO(cut.err);
  REQUIRE(cut.exit_code == 0);
  CHECK(json::parse(cut.out)["duration"].get<double>() == doctest::Approx(25).epsilon(0.25));
}
