// talkdex rm (issue 17, §9): detach or remove a talk's recording, a table-of-contents item or a
// transcript; the index follows at once; one clear line for what cannot be removed.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_archive.h"

using namespace talkdex;
using nlohmann::json;

namespace {

struct Archive : test::CliArchive {
  std::string talk, media;
  Archive() {
    talk = import_sample();
    media = make_recording();
    auto r = run({"import", "--talk", talk, media});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    test::write_file(dir / "talk.vtt", "WEBVTT\n\n00:00:05.000 --> 00:00:09.000\nthe zebra crossing experiment\n");
    r = run({"import", "--talk", talk, "--kind", "subtitles", (dir / "talk.vtt").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  json show(const std::string& ref) { return run_json({"show", "--json", ref}); }
  std::size_t hits(const std::string& query) {
    auto r = run({"search", "--json", query});
    INFO(query << ": " << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));  // 1: nothing found
    return json::parse(r.out)["hits"].size();
  }
};

std::vector<std::string> titles(const json& toc) {
  std::vector<std::string> out;
  for (const auto& i : toc) out.push_back(i["title"]);
  return out;
}

}  // namespace

TEST_CASE("rm item removes one item of a talk; the rest keep their order and the index follows") {
  Archive a;
  auto before = titles(a.show(a.talk)["toc"]);
  REQUIRE(before.size() == 4);  // the schedule's item, and the recording's three chapters
  CHECK(a.hits("chapter:questions") == 1);
  auto r = a.run({"rm", "item", a.talk, "4"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("removed item \"Questions\" of talk " + a.talk) != std::string::npos);
  CHECK(r.out.find("index: ") != std::string::npos);
  auto after = titles(a.show(a.talk)["toc"]);
  CHECK(after == std::vector<std::string>(before.begin(), before.end() - 1));
  CHECK(a.hits("chapter:questions") == 0);

  auto none = a.run({"rm", "item", a.talk, "9"});
  CHECK(none.exit_code == 3);
  CHECK(none.err.find("talk " + a.talk + ": has no item 9 (show lists 3)") != std::string::npos);
  auto which = a.run({"rm", "item", a.talk});
  CHECK(which.exit_code == 2);
  CHECK(which.err.find("which item?") != std::string::npos);
  CHECK(a.run({"rm", "speaker", a.talk}).exit_code == 2);
}

TEST_CASE("rm transcript removes what was said; rm recording removes a talk's file, detaches a shared page") {
  Archive a;
  CHECK(a.hits("said:zebra") == 1);
  auto t = a.run({"rm", "--json", "transcript", a.talk});
  INFO(t.err);
  REQUIRE(t.exit_code == 0);
  auto removed = json::parse(t.out);
  CHECK(removed["removed"] == "transcript");
  CHECK(removed["passages"] == 1);
  CHECK(a.hits("said:zebra") == 0);
  auto again = a.run({"rm", "transcript", a.talk});
  CHECK(again.exit_code == 3);
  CHECK(again.err.find("has no transcript") != std::string::npos);

  // Recording 1 is the talk's own file: removed, with its items.
  auto shown = a.show(a.talk);
  REQUIRE(shown["recordings"].size() == 2);
  REQUIRE(shown["recordings"][0]["uri"] == a.media);
  auto rec = a.run({"rm", "recording", a.talk, "1"});
  INFO(rec.err);
  REQUIRE(rec.exit_code == 0);
  CHECK(rec.out.find("removed recording " + a.media + " of talk " + a.talk + " (with 3 items and 0 passages)") !=
        std::string::npos);
  CHECK(std::filesystem::exists(a.media));  // the file itself is the user's
  shown = a.show(a.talk);
  REQUIRE(shown["recordings"].size() == 1);
  CHECK(titles(shown["toc"]).size() == 1);
  CHECK(a.hits("chapter:welcome") == 0);

  // The day's player page holds every talk of the workshop: this talk lets go of it, the others keep it.
  const std::string page = "https://videoken.com/embed/NJjqOnuvpKc";
  auto opening = a.run_json({"search", "--json", "opening remarks"})["hits"][0]["talk_id"].get<long long>();
  auto detached = a.run({"rm", "recording", a.talk, "1"});
  INFO(detached.err);
  REQUIRE(detached.exit_code == 0);
  CHECK(detached.out.find("detached " + page + " of talk " + a.talk + " (1 item removed") != std::string::npos);
  CHECK(a.show(a.talk)["recordings"].empty());
  CHECK(a.show(std::to_string(opening))["recordings"][0]["uri"] == page);

  auto nothing = a.run({"rm", "recording", a.talk, "1"});
  CHECK(nothing.exit_code == 3);
  CHECK(nothing.err.find("the talk has no recording") != std::string::npos);
  auto unknown = a.run({"rm", "recording", (a.dir / "never-imported.mp4").string()});
  CHECK(unknown.exit_code == 3);
}
