// Times are printed rounded to the millisecond (issue 10 §4): sums of offsets carry binary noise
// (30.000000000000004) that JSON would otherwise print as it is.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_archive.h"

using namespace talkdex;
using nlohmann::json;

TEST_CASE("show, play and chapters print times rounded to milliseconds") {
  test::CliArchive a;
  std::string talk = a.import_sample_with_recording();
  test::write_file(a.dir / "noisy.chapters.json",
                   R"({"chapters": [{"start": 12.3456, "end": 30.000000000000004, "title": "Noisy section"}]})");
  auto imp = a.run({"import", "--talk", talk, (a.dir / "noisy.chapters.json").string()});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);

  auto show = a.run({"show", "--json", talk});
  REQUIRE(show.exit_code == 0);
  CHECK(show.out.find("30.000000000000004") == std::string::npos);
  CHECK(show.out.find("12.3456") == std::string::npos);
  int number = 0, noisy = 0;
  const json shown = json::parse(show.out);
  for (const auto& i : shown["toc"]) {
    ++number;
    if (i["title"] != "Noisy section") continue;
    noisy = number;
    CHECK(i["start"].get<double>() == 12.346);
    CHECK(i["end"].get<double>() == 30.0);
  }
  REQUIRE(noisy > 0);

  auto play = a.run({"play", talk, std::to_string(noisy), "--json"});
  REQUIRE(play.exit_code == 0);
  CHECK(json::parse(play.out)["offset"].get<double>() == 12.346);
  CHECK(play.out.find("12.3456") == std::string::npos);
}
