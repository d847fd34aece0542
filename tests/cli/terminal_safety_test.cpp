// Terminal safety (issue 16): titles and names from files reach a terminal without their control
// characters. A chapter titled with an OSC (retitles the window), a BEL and a CSI (clears the screen) is
// printed by show, search, chapters and in diagnostics with each control character as U+FFFD; --json keeps
// the title exact.
#include <doctest/doctest.h>

#include <string>

#include "cli_archive.h"

using namespace talkdex;
using json = nlohmann::json;

namespace {

const std::string kEvil = "Evil \x1b]0;PWNED\x07\x1b[2J";
const std::string kShown = "Evil \xEF\xBF\xBD]0;PWNED\xEF\xBF\xBD\xEF\xBF\xBD[2J";

bool has_control(const std::string& s) {
  for (char c : s)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7F) return true;
  return false;
}

}  // namespace

TEST_CASE("titles from files are printed without control characters; --json keeps them exact") {
  test::CliArchive a;
  std::string talk = a.import_sample();
  test::write_file(a.dir / "evil.chapters.json",
                   R"({"chapters": [{"start": 0, "title": "Welcome"}, {"start": 30, "title": "Evil \u001b]0;PWNED\u0007\u001b[2J"}]})");
  auto imp = a.run({"import", "--talk", talk, (a.dir / "evil.chapters.json").string()});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);

  auto show = a.run({"show", talk});
  CHECK(show.exit_code == 0);
  CHECK_FALSE(has_control(show.out));
  CHECK(show.out.find(kShown) != std::string::npos);

  auto search = a.run({"search", "chapter:pwned"});
  CHECK(search.exit_code == 0);
  CHECK_FALSE(has_control(search.out));
  CHECK(search.out.find(kShown) != std::string::npos);

  for (const char* format : {"vtt", "youtube", "ffmetadata"}) {
    auto chapters = a.run({"chapters", talk, "--format", format});
    CAPTURE(format);
    CHECK(chapters.exit_code == 0);
    CHECK_FALSE(has_control(chapters.out));
  }
  auto chapters_json = a.run_json({"chapters", talk, "--format", "json"});
  bool exact = false;
  for (const auto& c : chapters_json["chapters"]) exact = exact || c["title"] == kEvil;
  CHECK(exact);

  json shown_json = a.run_json({"show", "--json", talk});
  bool exact_show = false;
  for (const auto& i : shown_json["toc"]) exact_show = exact_show || i["title"] == kEvil;
  CHECK(exact_show);

  // A diagnostic that quotes a name from the archive: the talk's key is the user's, the error is ours.
  auto missing = a.run({"show", "no\x1b[2Jsuch"});
  CHECK(missing.exit_code != 0);
  CHECK_FALSE(has_control(missing.err));
}

TEST_CASE("status and sources print a failed source's name and error without control characters") {
  test::CliArchive a;
  std::string path = (a.dir / "evil\x1b[2J.xml").string();
  test::write_file(path, R"(<?xml version="1.0"?>
<schedule><conference><acronym>one</acronym><title>One</title></conference>
<day index="1" date="2024-01-01"><room name="A"><event guid="33333333-0000-4000-8000-000000000003" id="1">
<date>2024-01-01T10:00:00</date><start>10:00</start><duration>00:30</duration><title>Alone</title>
<type>Talk</type></event></room></day></schedule>
)");
  REQUIRE(a.run({"import", path}).exit_code == 0);
  test::write_file(path, "<schedule><conference>\x1b]0;PWNED\x07");
  auto imp = a.run({"import", path});
  CHECK(imp.exit_code == 3);
  CHECK_FALSE(has_control(imp.err));
  auto sources = a.run({"sources"});
  CHECK(sources.out.find("failed") != std::string::npos);
  CHECK_FALSE(has_control(sources.out));
  auto status = a.run({"status"});
  CHECK_FALSE(has_control(status.out));
  auto sources_json = a.run_json({"sources", "--json"});
  CHECK(sources_json[0]["uri"] == path);
}
