// Recordings as a new user meets them (issue 17, §7, §8): every recording in a followed folder belongs
// to a talk (the scheduled one its name or title tag names, else one of its own); what the user
// attached stays when the folder is unfollowed; play --print gives a command a shell can run and a
// file:// URL; TALKDEX_PLAYER takes arguments; an MP4 is called an mp4.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli_archive.h"

using namespace talkdex;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* kSchedule = R"(<?xml version="1.0" encoding="UTF-8"?>
<schedule><version>1</version><conference><acronym>cx24</acronym><title>Congress</title></conference>
<day index="1" date="2024-12-28"><room name="Saal 1">
<event guid="11111111-0000-4000-8000-000000000878" id="878"><date>2024-12-28T11:00:00+01:00</date>
<start>11:00</start><duration>00:40</duration><room>Saal 1</room><title>Rust in space</title>
<type>Talk</type><language>en</language><slug>cx24-878-rust-in-space</slug></event>
<event guid="22222222-0000-4000-8000-000000000879" id="879"><date>2024-12-28T12:00:00+01:00</date>
<start>12:00</start><duration>00:40</duration><room>Saal 1</room><title>Clinics under attack</title>
<type>Talk</type><language>en</language></event>
</room></day></schedule>
)";

std::string make_media(const fs::path& path, std::map<std::string, std::string> tags = {},
                       std::vector<mediagen::ChapterSpec> chapters = {}) {
  fs::create_directories(path.parent_path());
  mediagen::MediaSpec spec = mediagen::small_video(path.string(), 20);
  spec.tags = std::move(tags);
  spec.chapters = std::move(chapters);
  REQUIRE(mediagen::generate_media(spec).ok());
  return spec.path;
}

struct Archive : test::CliArchive {
  Archive() {
    test::write_file(dir / "schedule.xml", kSchedule);
    auto r = run({"import", (dir / "schedule.xml").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  json show(const std::string& ref) { return run_json({"show", "--json", ref}); }
  // The talk's recordings, one a line.
  std::string recordings_of(const std::string& ref) {
    std::string out;
    json shown = show(ref);  // kept: a range over a temporary's member would outlive it
    for (const auto& r : shown["recordings"]) out += r["uri"].get<std::string>() + "\n";
    return out;
  }
  long long talks() { return run_json({"status", "--json"})["store"]["talks"].get<long long>(); }
};

}  // namespace

TEST_CASE("a recording in a followed folder joins the talk its frab id or title tag names, else is a talk of its own") {
  Archive a;
  std::string by_id = make_media(a.dir / "v" / "cx24-878-eng-Rust_in_space_hd.mp4");
  std::string by_tag = make_media(a.dir / "v" / "recording-0042.mp4", {{"title", "clinics UNDER attack"}});
  std::string untagged = make_media(a.dir / "v" / "My_holiday_talk.mkv", {},
                                    {{0, 10, "Arrival"}, {10, 20, "Beach"}});
  make_media(a.dir / "v" / "sub" / "x.mp4", {{"title", "Orphan lecture"}, {"artist", "Jane Doe"}});
  // A frab id of another conference is no match.
  make_media(a.dir / "v" / "36c3-878-eng-Something_else.mp4");
  REQUIRE(a.run({"follow", (a.dir / "v").string()}).exit_code == 0);
  auto index = a.run({"index"});
  INFO(index.err);
  REQUIRE(index.exit_code == 0);

  CHECK(a.recordings_of("frab:878") == by_id + "\n");
  CHECK(a.recordings_of("frab:879") == by_tag + "\n");
  CHECK(a.talks() == 2 + 3);  // the schedule's two, and one of its own for each of the other three

  // Its own talk: titled from the file name (underscores as spaces) or its tags, found by search with a
  // talk number, and show, play and clip work on it.
  auto hits = a.run_json({"search", "--json", "holiday"})["hits"];
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["title"] == "My holiday talk");
  REQUIRE(hits[0]["talk_id"].is_number());
  std::string holiday = std::to_string(hits[0]["talk_id"].get<long long>());
  auto shown = a.show(holiday);
  CHECK(shown["kind"] == "recording");
  CHECK(shown["event"] == "v");  // the followed folder
  REQUIRE(shown["recordings"].size() == 1);
  CHECK(shown["recordings"][0]["uri"] == untagged);
  REQUIRE(shown["toc"].size() == 2);
  CHECK(shown["toc"][1]["title"] == "Beach");
  auto play = a.run({"play", "--print", holiday, "2"}, {"TALKDEX_PLAYER=/bin/echo"});
  CHECK(play.exit_code == 0);
  CHECK(play.out.find("file://" + untagged + "#t=10") != std::string::npos);
  auto clip = a.run({"clip", holiday, "2", "-o", (a.dir / "beach.mkv").string()});
  INFO(clip.err);
  CHECK(clip.exit_code == 0);
  CHECK(fs::exists(a.dir / "beach.mkv"));

  auto orphan = a.run_json({"search", "--json", "orphan lecture"})["hits"];
  REQUIRE(orphan.size() == 1);
  CHECK(orphan[0]["speakers"] == json::array({"Jane Doe"}));
  CHECK(a.run_json({"search", "--json", "something else"})["hits"].size() == 1);

  // The file goes away: so does its own talk.
  fs::remove(untagged);
  REQUIRE(a.run({"index"}).exit_code == 0);
  CHECK(a.run({"show", holiday}).exit_code == 3);
  CHECK(a.run({"search", "holiday"}).exit_code == 1);
  CHECK(a.talks() == 4);
}

TEST_CASE("a recording attached with --talk stays after unfollow and index, and is not reported removed") {
  Archive a;
  std::string attached = make_media(a.dir / "v" / "take-1.mp4");
  std::string loose = make_media(a.dir / "v" / "take-2.mp4");
  REQUIRE(a.run({"follow", (a.dir / "v").string()}).exit_code == 0);
  REQUIRE(a.run({"index"}).exit_code == 0);
  CHECK(a.talks() == 4);  // each take is a talk of its own at first
  auto imp = a.run({"import", "--talk", "frab:878", attached});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  CHECK(imp.out.find("mp4 recording") != std::string::npos);  // an MP4 is not a "mov recording"
  CHECK(imp.out.find("mov") == std::string::npos);
  CHECK(a.talks() == 3);  // take-1's own talk went when the user attached it to the schedule's talk

  REQUIRE(a.run({"unfollow", (a.dir / "v").string()}).exit_code == 0);
  auto index = a.run({"index", "--json"});
  REQUIRE(index.exit_code == 0);
  auto run = json::parse(index.out);
  CHECK(run["files"]["recordings_removed"] == 1);  // take-2, which only the folder brought
  auto text = a.run({"index"});
  CHECK(text.out.find("take-1") == std::string::npos);
  CHECK(a.recordings_of("frab:878") == attached + "\n");
  CHECK(a.talks() == 2);
}

TEST_CASE("play --print prints a command a shell runs and a file:// URL; TALKDEX_PLAYER takes arguments") {
  Archive a;
  std::string media = make_media(a.dir / "my videos" / "it's here.mp4", {}, {{0, 8, "Start"}, {8, 20, "Middle"}});
  REQUIRE(a.run({"import", "--talk", "frab:878", media}).exit_code == 0);
  // A fake mpv writes its arguments, one a line.
  fs::create_directories(a.dir / "bin");
  auto fake = a.dir / "bin" / "mpv";
  test::write_file(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + (a.dir / "played").string() + "\"\n");
  fs::permissions(fake, fs::perms::owner_all);
  std::string player = "TALKDEX_PLAYER=" + fake.string() + " --fs --title 'two words'";

  auto printed = a.run({"play", "--print", "frab:878", "2"}, {player});
  INFO(printed.err);
  REQUIRE(printed.exit_code == 0);
  std::string command = printed.out.substr(0, printed.out.find('\n'));
  CHECK(command == fake.string() + " --fs --title 'two words' --start=8 '" + (a.dir / "my videos").string() +
                       "/it'\\''s here.mp4'");
  CHECK(printed.out.find("file://" + a.dir.path().string() + "/my%20videos/it%27s%20here.mp4#t=8\n") !=
        std::string::npos);
  // The shell runs the printed command as play itself starts the player.
  auto by_shell = test::run_process({"/bin/sh", "-c", command});
  REQUIRE(by_shell.exit_code == 0);
  std::string from_shell = test::read_file(a.dir / "played");
  auto played = a.run({"play", "frab:878", "2"}, {player});
  REQUIRE(played.exit_code == 0);
  CHECK(test::read_file(a.dir / "played") == from_shell);
  CHECK(from_shell == "--fs\n--title\ntwo words\n--start=8\n" + media + "\n");

  // Words of TALKDEX_PLAYER are arguments, never shell: nothing runs but the player.
  auto hostile = a.run({"play", "frab:878", "2"}, {"TALKDEX_PLAYER=" + fake.string() + " ; touch " + (a.dir / "pwned").string()});
  CHECK(hostile.exit_code == 0);
  CHECK_FALSE(fs::exists(a.dir / "pwned"));
  CHECK(test::read_file(a.dir / "played").rfind(";\ntouch\n", 0) == 0);
  auto unclosed = a.run({"play", "--print", "frab:878"}, {"TALKDEX_PLAYER=mpv 'oops"});
  CHECK(unclosed.err.find("an unclosed quote") != std::string::npos);
}
