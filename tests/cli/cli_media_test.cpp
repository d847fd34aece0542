// Recordings through the command: import with chapters from every source, play, clip, chapter exports.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "mediagen.h"
#include "process.h"
#include "talkdex/store.h"
#include "test_support.h"

using namespace talkdex;
using nlohmann::json;

namespace {

struct Archive {
  test::TempDir dir;
  std::string archive = (dir.path() / "archive").string();

  test::ProcessResult run(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return test::run_process(args, env);
  }
  json run_json(std::vector<std::string> args) {
    auto r = run(std::move(args));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
  std::int64_t revision() { return Store(std::filesystem::path(archive) / "talkdex.sqlite").revision(); }

  // The sample workshop (data/, the seed's facts), and the number of "Deconstructing Lottery Tickets".
  std::string import_seed() {
    auto r = run({"import", "--year", "2019", test::sample_page().string()});
    REQUIRE(r.exit_code == 0);
    auto hits = run_json({"search", "--json", "lottery tickets"})["hits"];
    return std::to_string(hits[0]["talk_id"].get<long long>());
  }
  std::string make_talk_recording() {
    mediagen::MediaSpec spec = mediagen::small_video((dir / "talk.mp4").string(), 60, 5, 25);  // a keyframe every 5 s
    spec.chapters = {{0, 20, "Welcome"}, {20, 45, "Supermask results"}, {45, 60, "Questions"}};
    REQUIRE(mediagen::generate_media(spec).ok());
    return spec.path;
  }
};

json toc_titles(const json& show) {
  json titles = json::array();
  for (const auto& i : show["toc"]) titles.push_back(i["title"]);
  return titles;
}

}  // namespace

TEST_CASE("a recording imports with its embedded chapters and sidecar chapters, and search jumps into it") {
  Archive a;
  std::string talk = a.import_seed();
  std::string media = a.make_talk_recording();
  test::write_file(a.dir / "talk.chapters.vtt", "WEBVTT\n\n00:00:30.000 --> 00:00:40.000\nAblation table\n");

  auto imp = a.run({"import", "--talk", talk, media});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  auto show = a.run_json({"show", "--json", talk});
  auto titles = toc_titles(show);
  for (const char* t : {"Welcome", "Supermask results", "Questions", "Ablation table"})
    CHECK_MESSAGE(std::find(titles.begin(), titles.end(), t) != titles.end(), t);
  bool embedded = false;
  for (const auto& i : show["toc"])
    if (i["title"] == "Supermask results") {
      embedded = i["source"] == "embedded";
      CHECK(i["start"] == doctest::Approx(20));
      CHECK(i["end"] == doctest::Approx(45));
    }
  CHECK(embedded);

  auto hit = a.run_json({"search", "--json", "ablation"})["hits"][0];
  CHECK(hit["talk_id"].get<long long>() == std::stoll(talk));
  CHECK(hit["offset"] == doctest::Approx(30));
  CHECK(hit["link"] == media + "#t=30");

  // Importing the same recording again changes nothing.
  auto rev = a.revision();
  auto again = a.run({"import", "--talk", talk, media});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("unchanged") != std::string::npos);
  CHECK(a.revision() == rev);
  // Imported again without --talk (a changed sidecar, say), it stays the talk's recording.
  test::write_file(a.dir / "talk.chapters.vtt", "WEBVTT\n\n00:00:30.000 --> 00:00:40.000\nAblation figure\n");
  auto plain = a.run({"import", media});
  INFO(plain.err);
  CHECK(plain.exit_code == 0);
  auto figure = a.run_json({"search", "--json", "ablation figure"})["hits"][0];
  CHECK(figure["talk_id"].get<long long>() == std::stoll(talk));
  CHECK(figure["offset"] == doctest::Approx(30));
  CHECK(toc_titles(a.run_json({"show", "--json", talk})).size() == titles.size());
}

TEST_CASE("a chapter list imported on its own is fitted to its recording: items past the end are dropped") {
  Archive a;
  std::string talk = a.import_seed();
  std::string media = a.make_talk_recording();  // 60 s
  REQUIRE(a.run({"import", "--talk", talk, media}).exit_code == 0);
  test::write_file(a.dir / "late.ffmetadata",
                   ";FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=10000\nEND=50000\ntitle=Inside\n"
                   "[CHAPTER]\nTIMEBASE=1/1000\nSTART=99000000\nEND=99100000\ntitle=Past the end\n");
  auto r = a.run({"import", "--talk", talk, (a.dir / "late.ffmetadata").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("Past the end") != std::string::npos);  // the warning names the item
  auto titles = toc_titles(a.run_json({"show", "--json", talk}));
  CHECK(std::find(titles.begin(), titles.end(), "Inside") != titles.end());
  CHECK(std::find(titles.begin(), titles.end(), "Past the end") == titles.end());
}

TEST_CASE("a YouTube description saved beside a recording gives its chapters") {
  Archive a;
  std::string talk = a.import_seed();
  std::string media = a.make_talk_recording();  // 60 s
  test::write_file(a.dir / "talk.description",
                   "Our spotlight talk.\n\n0:00 Intro\n0:25 Random masks train\n0:50 Questions and answers\n");
  auto r = a.run({"import", "--talk", talk, media});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  bool found = false;
  json shown = a.run_json({"show", "--json", talk});
  INFO(shown.dump());
  for (const auto& i : shown["toc"])
    if (i["title"] == "Random masks train") found = i["source"] == "file" && i["start"] == doctest::Approx(25);
  CHECK(found);

  // A description without timestamps is prose: no warning, and the chapters stay.
  test::write_file(a.dir / "talk.description", "Our spotlight talk, in which we prune.\n");
  auto prose = a.run({"import", "--talk", talk, media});
  CHECK(prose.exit_code == 0);
  CHECK(prose.err.find("talk.description") == std::string::npos);
  json after = a.run_json({"show", "--json", talk});
  CHECK(toc_titles(after) == toc_titles(shown));
}

TEST_CASE("a session recording gets the schedule's talks at their offsets from --starts") {
  Archive a;
  a.import_seed();
  mediagen::MediaSpec spec{.path = (a.dir / "session.mkv").string(),
                           .duration = 1200,  // 09:30 to 09:50: two talks of the schedule
                           .width = 64, .height = 48, .fps = 1, .gop = 60, .audio = false};
  REQUIRE(mediagen::generate_media(spec).ok());
  auto imp = a.run({"import", "--event", "1", "--starts", "09:30", spec.path});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  Store store(std::filesystem::path(a.archive) / "talkdex.sqlite");
  std::vector<std::pair<double, std::string>> items;
  for (const auto& r : store.recordings()) {
    if (r.uri != spec.path) continue;
    CHECK(r.wallclock_start == "2019-06-15T09:30:00");
    for (const auto& i : store.toc_items_for_recording(r.id)) items.emplace_back(i.entry.start, i.entry.title);
  }
  REQUIRE(items.size() == 2);
  CHECK(items[0] == std::make_pair(0.0, std::string("Bad Global Minima Exist and SGD Can Reach Them")));
  CHECK(items[1].first == doctest::Approx(900));
  CHECK(items[1].second == "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask");
}

TEST_CASE("bad recordings: one clear line each, the others imported, nothing half-written") {
  Archive a;
  std::string talk = a.import_seed();
  std::string media = a.make_talk_recording();
  test::write_file(a.dir / "empty.mp4", "");
  test::write_file(a.dir / "text.mp4", "this is not a video\n");
  std::string whole = test::read_file(media);
  test::write_file(a.dir / "truncated.mp4", whole.substr(0, whole.size() / 3));
  auto rev = a.revision();
  auto r = a.run({"import", "--talk", talk, (a.dir / "empty.mp4").string(), (a.dir / "text.mp4").string(),
                  (a.dir / "truncated.mp4").string(), media});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("empty.mp4: ") != std::string::npos);
  CHECK(r.err.find("text.mp4: ") != std::string::npos);
  CHECK(r.err.find("truncated.mp4: ") != std::string::npos);
  CHECK(r.out.find("talk.mp4 (media)") != std::string::npos);
  Store store(std::filesystem::path(a.archive) / "talkdex.sqlite");
  CHECK(store.revision() == rev + 1);  // only the good recording was written
  for (const auto& rec : store.recordings()) CHECK(rec.uri.find("empty.mp4") == std::string::npos);
}

TEST_CASE("play starts the player at the item, clip cuts it out, chapters export and import back") {
  Archive a;
  std::string talk = a.import_seed();
  std::string media = a.make_talk_recording();
  REQUIRE(a.run({"import", "--talk", talk, media}).exit_code == 0);
  auto toc = a.run_json({"show", "--json", talk})["toc"];
  int results = 0;
  for (size_t i = 0; i < toc.size(); ++i)
    if (toc[i]["title"] == "Supermask results") results = static_cast<int>(i) + 1;
  REQUIRE(results > 0);

  // A fake mpv records how it was started.
  auto fake = a.dir / "bin" / "mpv";
  test::write_file(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"" + (a.dir / "played").string() + "\"\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  auto play = a.run({"play", talk, std::to_string(results)}, {"TALKDEX_PLAYER=" + fake.string()});
  INFO(play.err);
  CHECK(play.exit_code == 0);
  CHECK(test::read_file(a.dir / "played") == "--start=20\n" + media + "\n");
  auto printed = a.run({"play", "--print", talk, std::to_string(results)}, {"TALKDEX_PLAYER=" + fake.string()});
  CHECK(printed.out.find(media + "#t=20") != std::string::npos);
  auto at = a.run({"play", "--print", "--at", "0:55", talk}, {"TALKDEX_PLAYER=" + fake.string()});
  CHECK(at.out.find("#t=55") != std::string::npos);
  // The recording is 60 s long: 1:05 is past its end (issue 16).
  auto past = a.run({"play", "--print", "--at", "1:05", talk}, {"TALKDEX_PLAYER=" + fake.string()});
  CHECK(past.exit_code == 3);
  CHECK(past.err.find("past the end of the recording") != std::string::npos);
  auto bad_at = a.run({"play", "--print", "--at", "soon", talk}, {"TALKDEX_PLAYER=" + fake.string()});
  CHECK(bad_at.exit_code == 2);  // a usage error, named
  CHECK(bad_at.err.find("--at: not a time") != std::string::npos);
  auto no_player = a.run({"play", "--print", talk}, {"TALKDEX_PLAYER=no-such-player-here"});
  CHECK(no_player.exit_code == 0);  // the link is still printed
  CHECK(no_player.err.find("TALKDEX_PLAYER=no-such-player-here: no such program") != std::string::npos);

  auto clip = a.run_json({"clip", "--json", talk, std::to_string(results), "-o", (a.dir / "results.mkv").string()});
  CHECK(clip["start"] == doctest::Approx(20));
  CHECK(clip["duration"] == doctest::Approx(25).epsilon(0.05));
  CHECK(std::filesystem::exists(a.dir / "results.mkv"));
  // An existing file is not overwritten without --force.
  auto size = std::filesystem::file_size(a.dir / "results.mkv");
  test::write_file(a.dir / "results.mkv", "keep me");
  auto again = a.run({"clip", talk, std::to_string(results), "-o", (a.dir / "results.mkv").string()});
  CHECK(again.exit_code == 3);
  CHECK(again.err.find("results.mkv: exists (--force overwrites it)") != std::string::npos);
  CHECK(test::read_file(a.dir / "results.mkv") == "keep me");
  auto forced = a.run({"clip", "--force", talk, std::to_string(results), "-o", (a.dir / "results.mkv").string()});
  CHECK(forced.exit_code == 0);
  CHECK(std::filesystem::file_size(a.dir / "results.mkv") == size);
  auto bad = a.run({"clip", talk, std::to_string(results), "-o", (a.dir / "missing" / "x.mp4").string()});
  CHECK(bad.exit_code == 3);
  CHECK_FALSE(std::filesystem::exists(a.dir / "missing"));

  // Every export format reads back as the same items on a fresh archive.
  for (const char* format : {"vtt", "ffmetadata", "youtube", "json"}) {
    CAPTURE(format);
    auto out = a.dir / (std::string("export.") + format);
    REQUIRE(a.run({"chapters", talk, "--format", format, "-o", out.string()}).exit_code == 0);
    Archive b;
    std::string talk_b = b.import_seed();
    REQUIRE(b.run({"import", "--talk", talk_b, media}).exit_code == 0);
    auto imp = b.run({"import", "--talk", talk_b, "--kind",
                      std::string(format) == "vtt" ? "chapters-vtt" : std::string(format) == "json" ? "chapters-json"
                                                    : std::string(format) == "youtube" ? "youtube-description"
                                                                                       : "ffmetadata",
                      out.string()});
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
    std::vector<std::pair<double, std::string>> from_file, embedded;
    json shown = b.run_json({"show", "--json", talk_b});
    for (const auto& i : shown["toc"]) {
      if (i["recording"] != media) continue;
      auto& list = i["source"] == "file" ? from_file : embedded;
      list.emplace_back(i["start"].get<double>(), i["title"].get<std::string>());
    }
    // The file's items are the recording's own (same starts and titles): one item each, not two.
    CHECK(from_file.empty());
    CHECK(embedded.size() == 3);
  }
}

TEST_CASE("the text subtitle stream inside a recording is its transcript: said: finds the moment") {
  Archive a;
  std::string talk = a.import_seed();
  mediagen::MediaSpec spec{.path = (a.dir / "talk.mkv").string(), .duration = 90, .width = 64, .height = 48, .fps = 2,
                           .cues = {{2, 6, "we prune the network at initialization"},
                                    {65, 70, "the supermask alone reaches eighty percent"}}};
  REQUIRE(mediagen::generate_media(spec).ok());
  auto imp = a.run({"import", "--talk", talk, spec.path});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  auto hits = a.run_json({"search", "--json", "said:eighty percent"})["hits"];
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["talk_id"].get<long long>() == std::stoll(talk));
  CHECK(hits[0]["moment"]["source"] == "transcript");
  CHECK(hits[0]["offset"].get<double>() == doctest::Approx(65).epsilon(0.02));
  CHECK(a.run({"search", "said:giraffe"}).exit_code == 1);

  // show lists the recording with what probing found.
  json shown = a.run_json({"show", "--json", talk});
  bool subtitle = false, video = false;
  for (const auto& r : shown["recordings"]) {
    if (r["uri"] != spec.path) continue;
    CHECK(r["container"].get<std::string>().find("matroska") != std::string::npos);
    CHECK(r["duration"].get<double>() == doctest::Approx(90).epsilon(0.02));
    for (const auto& st : r["streams"]) {
      subtitle = subtitle || (st["type"] == "subtitle" && st["language"] == "eng");
      video = video || (st["type"] == "video" && st["width"] == 64 && st["height"] == 48);
    }
  }
  CHECK(subtitle);
  CHECK(video);
  auto text = a.run({"show", talk});
  CHECK(text.out.find("64x48") != std::string::npos);
}

TEST_CASE("a transcript file beside a recording comes in with it, whichever is named first") {
  Archive a;
  std::string talk = a.import_seed();
  std::string media = a.make_talk_recording();
  test::write_file(a.dir / "talk.de.srt", "1\n00:00:12,000 --> 00:00:15,000\nDie Supermaske allein\n");
  // The transcript named first, before its recording is in the store: the recording is taken in first.
  auto imp = a.run({"import", (a.dir / "talk.de.srt").string(), media});
  INFO(imp.err);
  CHECK(imp.exit_code == 0);
  auto lone = a.run_json({"search", "--json", "said:supermaske"})["hits"];
  REQUIRE(lone.size() == 1);
  CHECK(lone[0]["title"] == "talk.mp4");
  // Attached to the talk, the recording brings the transcript beside it along.
  imp = a.run({"import", "--talk", talk, media});
  INFO(imp.err);
  CHECK(imp.exit_code == 0);
  auto hits = a.run_json({"search", "--json", "said:supermaske"})["hits"];
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["talk_id"].get<long long>() == std::stoll(talk));
  CHECK(hits[0]["offset"].get<double>() == doctest::Approx(12));
  CHECK(a.run_json({"search", "--json", "said:supermaske lang:de"})["hits"].size() == 1);
}

TEST_CASE("index --detect finds the slide changes of the recordings it takes in") {
  Archive a;
  auto folder = a.dir / "recordings";
  std::filesystem::create_directories(folder);
  mediagen::MediaSpec spec{.path = (folder / "lecture.mp4").string(), .duration = 36, .width = 320, .height = 180,
                           .fps = 5, .slide_changes = {12, 24}, .audio = false};
  REQUIRE(mediagen::generate_media(spec).ok());
  REQUIRE(a.run({"follow", folder.string()}).exit_code == 0);
  auto r = a.run({"index", "--detect", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  Store store(std::filesystem::path(a.archive) / "talkdex.sqlite");
  std::vector<double> detected;
  for (const auto& rec : store.recordings())
    for (const auto& i : store.toc_items_for_recording(rec.id))
      if (i.entry.source == "detected") detected.push_back(i.entry.start);
  REQUIRE(detected.size() == 3);  // the first slide, and the two changes
  CHECK(detected[1] == doctest::Approx(12).epsilon(0.05));
  CHECK(detected[2] == doctest::Approx(24).epsilon(0.05));
  // Nothing new: the next run detects nothing again.
  auto again = a.run({"index", "--detect", "--json"});
  CHECK(again.exit_code == 0);
  CHECK(json::parse(again.out)["detected"] == 0);
  CHECK(json::parse(r.out)["detected"] == 3);
}
