// clip_recording: sections of generated recordings copied without re-encoding, checked by probing the
// output; failures leave nothing behind.
#include <doctest/doctest.h>

#include <algorithm>

#include "media_fixtures.h"
#include "talkdex/indexer/media/media.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::TempDir;

namespace {

std::vector<std::string> folder_entries(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

ProbeResult probe_ok(const std::string& path) {
  auto r = probe_recording(path);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.failure().message()));
  return r.value();
}

}  // namespace

TEST_CASE("clip: a section of an MP4 starts at the keyframe before it and keeps its streams") {
  TempDir dir;
  auto spec = test::talk_spec(dir / "talk.mp4");  // keyframes every second
  test::make_media(spec);
  const auto out = dir / "section.mp4";
  auto r = clip_recording(spec.path, 3.5, 8.0, out.string(), "The results");
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.failure().message()));
  CHECK(r->path == out.string());
  CHECK(r->container == "mp4");
  CHECK(r->requested_start == 3.5);
  CHECK(r->start == doctest::Approx(3.0));  // the keyframe at or before 3.5
  CHECK(r->duration == doctest::Approx(5.0).epsilon(0.03));
  CHECK(r->streams == 3);
  CHECK(r->skipped.empty());

  ProbeResult p = probe_ok(out.string());
  CHECK(p.duration == doctest::Approx(5.0).epsilon(0.03));
  CHECK(p.tags["title"] == "The results");
  CHECK(p.tags["artist"] == "Ada Lovelace");  // the other tags come along
  CHECK(p.streams.size() == 3);
  // Chapters overlapping the section, shifted to the clip's time: Intro 3-4 and the results 4-8.
  REQUIRE(p.chapters.size() == 2);
  CHECK(p.chapters[0].title == "Intro");
  CHECK(p.chapters[0].start == doctest::Approx(0));
  CHECK(p.chapters[1].title == "Método — results");
  CHECK(p.chapters[1].start == doctest::Approx(1.0).epsilon(0.01));
  REQUIRE(p.chapters[1].end);
  CHECK(*p.chapters[1].end == doctest::Approx(5.0).epsilon(0.01));
  // Only the output itself is left in the folder: no temporary file.
  CHECK(folder_entries(dir.path()) == std::vector<std::string>{"section.mp4", "talk.mp4"});
}

TEST_CASE("clip: a section of a Matroska file, to the end") {
  TempDir dir;
  auto spec = test::talk_spec(dir / "talk.mkv");
  spec.gop = 25;  // keyframes at 0, 2.5, 5, 7.5, 10
  test::make_media(spec);
  const auto out = dir / "tail.mkv";
  auto r = clip_recording(spec.path, 7.9, std::nullopt, out.string(), "Questions");
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.failure().message()));
  CHECK(r->container == "matroska");
  CHECK(r->start == doctest::Approx(7.5));
  CHECK(r->duration == doctest::Approx(12 - 7.5).epsilon(0.03));
  ProbeResult p = probe_ok(out.string());
  CHECK(p.duration == doctest::Approx(4.5).epsilon(0.03));
  CHECK(p.tags["title"] == "Questions");
  CHECK(p.streams.size() == 3);
  REQUIRE(p.chapters.size() == 2);
  CHECK(p.chapters[1].title == "Questions");
  CHECK(p.chapters[1].start == doctest::Approx(2.0).epsilon(0.01));
}

TEST_CASE("clip: across containers the text subtitles are converted, not lost") {
  TempDir dir;
  auto mp4 = test::talk_spec(dir / "talk.mp4");
  auto mkv = test::talk_spec(dir / "talk.mkv");
  test::make_media(mp4);
  test::make_media(mkv);
  struct Case {
    std::string from, to, codec;
  };
  for (const Case& c : {Case{mp4.path, "start.mkv", "subrip"}, Case{mkv.path, "start.mp4", "mov_text"}}) {
    CAPTURE(c.to);
    auto r = clip_recording(c.from, 0, 5.0, (dir / c.to).string(), "Start");
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.failure().message()));
    CHECK(r->start == 0);
    CHECK(r->streams == 3);
    CHECK(r->skipped.empty());
    REQUIRE(r->converted.size() == 1);
    CHECK(r->converted[0].find(c.codec) != std::string::npos);
    ProbeResult p = probe_ok((dir / c.to).string());
    CHECK(p.duration == doctest::Approx(5.0).epsilon(0.03));
    REQUIRE(p.streams.size() == 3);
    CHECK(p.streams[2].codec == c.codec);
    CHECK(p.streams[2].language == "fra");
  }
}

TEST_CASE("clip errors: nothing is written when the clip cannot be made") {
  TempDir dir;
  auto spec = test::talk_spec(dir / "talk.mp4");
  test::make_media(spec);
  test::quiet_libav();

  SUBCASE("the output folder is missing") {
    const auto out = dir / "no-such-folder" / "clip.mp4";
    auto r = clip_recording(spec.path, 1, 2.0, out.string(), "x");
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().item == out.string());
    CHECK(r.failure().reason.find("no such folder") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "no-such-folder"));
  }
  SUBCASE("the start is past the end of the recording") {
    auto r = clip_recording(spec.path, 60, 70.0, (dir / "clip.mp4").string(), "x");
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().item == spec.path);
    CHECK(r.failure().reason.find("past the end") != std::string::npos);
  }
  SUBCASE("the end comes before the start") {
    auto r = clip_recording(spec.path, 5, 4.0, (dir / "clip.mp4").string(), "x");
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().reason.find("end") != std::string::npos);
  }
  SUBCASE("an output extension that is neither .mp4 nor .mkv") {
    auto r = clip_recording(spec.path, 1, 2.0, (dir / "clip.avi").string(), "x");
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().item == (dir / "clip.avi").string());
  }
  SUBCASE("the output is the recording itself") {
    auto r = clip_recording(spec.path, 1, 2.0, spec.path, "x");
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().reason.find("replace the recording") != std::string::npos);
    CHECK(probe_ok(spec.path).duration == doctest::Approx(12).epsilon(0.01));
  }
  SUBCASE("the input is not a recording") {
    test::write_file(dir / "notes.mp4", "not a video at all");
    auto r = clip_recording((dir / "notes.mp4").string(), 1, 2.0, (dir / "clip.mp4").string(), "x");
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().item == (dir / "notes.mp4").string());
    CHECK(std::filesystem::remove(dir / "notes.mp4"));
  }
  CHECK(folder_entries(dir.path()) == std::vector<std::string>{"talk.mp4"});
}

TEST_CASE("clip: an existing output is replaced only when the new clip is complete") {
  TempDir dir;
  auto spec = test::talk_spec(dir / "talk.mp4");
  test::make_media(spec);
  const auto out = dir / "clip.mp4";
  test::write_file(out, "previous clip");
  auto bad = clip_recording(spec.path, 60, std::nullopt, out.string(), "x");
  REQUIRE_FALSE(bad.ok());
  CHECK(test::read_file(out) == "previous clip");
  auto good = clip_recording(spec.path, 1, 3.0, out.string(), "Replaced");
  REQUIRE(good.ok());
  CHECK(probe_ok(out.string()).tags["title"] == "Replaced");
}

TEST_CASE("mediagen: slides change at the given times") {
  CHECK(mediagen::slide_at({3, 6.5, 9}, 0) == 0);
  CHECK(mediagen::slide_at({3, 6.5, 9}, 2.99) == 0);
  CHECK(mediagen::slide_at({3, 6.5, 9}, 3) == 1);
  CHECK(mediagen::slide_at({9, 3, 6.5}, 7) == 2);
  CHECK(mediagen::slide_at({3, 6.5, 9}, 100) == 3);
  CHECK(mediagen::frame_duration(25) == doctest::Approx(0.04));
}
