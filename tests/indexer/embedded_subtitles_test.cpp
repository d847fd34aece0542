#include <doctest/doctest.h>

#include "mediagen.h"
#include "talkdex/indexer/media/embedded_subtitles.h"
#include "test_support.h"

using namespace talkdex;

TEST_CASE("text subtitle streams inside MP4 and Matroska recordings read back as cues") {
  test::TempDir dir;
  for (const char* name : {"talk.mp4", "talk.mkv"}) {
    CAPTURE(name);
    mediagen::MediaSpec spec{.path = (dir / name).string(), .duration = 12, .width = 64, .height = 48, .fps = 5,
                             .cues = {{1, 3, "Welcome to the talk"},
                                      {4.5, 7, "Lottery tickets, two lines"},
                                      {9, 11.5, "Thank you"}},
                             .subtitle_language = "eng"};
    REQUIRE(mediagen::generate_media(spec).ok());
    auto r = read_embedded_subtitles(spec.path);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.failure().message()));
    REQUIRE(r->size() == 1);
    const auto& t = r->front();
    CHECK(t.language == "eng");
    REQUIRE(t.cues.size() == 3);
    CHECK(t.cues[0].text == "Welcome to the talk");
    CHECK(t.cues[1].start == doctest::Approx(4.5).epsilon(0.01));
    CHECK(t.cues[1].end == doctest::Approx(7).epsilon(0.01));
    CHECK(t.cues[2].text == "Thank you");
  }
}

TEST_CASE("a recording without subtitles has no transcript; a broken one is a failure") {
  test::TempDir dir;
  mediagen::MediaSpec spec{.path = (dir / "plain.mp4").string(), .duration = 2, .width = 64, .height = 48};
  REQUIRE(mediagen::generate_media(spec).ok());
  auto r = read_embedded_subtitles(spec.path);
  REQUIRE(r.ok());
  CHECK(r->empty());
  test::write_file(dir / "bad.mp4", "not a video");
  auto bad = read_embedded_subtitles((dir / "bad.mp4").string());
  CHECK_FALSE(bad.ok());
  CHECK(bad.failure().item.find("bad.mp4") != std::string::npos);
}
