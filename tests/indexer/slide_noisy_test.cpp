// Slide detection on recordings like real lectures: temporal camera noise on every frame, a moving speaker
// inset, keyframes 5-10 s apart, and slide pairs that differ by a few characters or by one more bullet.
// Also the parts on their own: the generator's near-identical pairs and ground truth, and what packet sizes
// say about a keyframe interval.
#include <doctest/doctest.h>

#include <cmath>

#include "ground_truth.h"
#include "media_fixtures.h"
#include "slide_detect_gop.h"
#include "talkdex/indexer/slides/slide_detect.h"
#include "test_support.h"

using namespace talkdex;

TEST_CASE("the generator plans near-identical slide pairs: a few characters, or one more bullet") {
  mediagen::LectureOptions o{.duration = 200, .near_every = 1};  // every change
  auto spec = mediagen::lecture_spec(o);
  REQUIRE(spec.slide_changes.size() >= 6);
  REQUIRE(spec.change_kinds.size() == spec.slide_changes.size());
  for (std::size_t i = 0; i < spec.slide_changes.size(); ++i) {
    const std::string& before = spec.slide_texts[i];
    const std::string& after = spec.slide_texts[i + 1];
    INFO(before << " -> " << after);
    CHECK(spec.fades[i] == 0);
    if (spec.change_kinds[i] == "bullet") {
      REQUIRE(after.size() > before.size());
      CHECK(after.compare(0, before.size(), before) == 0);
      CHECK(after.substr(before.size(), 3) == "\n- ");
    } else {
      REQUIRE(spec.change_kinds[i] == "few-characters");
      // The title's number one up: the rest of the slide is the same.
      const auto rest = [](const std::string& s) { return s.substr(s.find(' ')); };
      CHECK(rest(after) == rest(before));
      CHECK(std::stoi(after) == std::stoi(before) + 1);
    }
  }
  const std::string json = mediagen::ground_truth_json(spec);
  CHECK(json.find("\"kind\": \"bullet\"") != std::string::npos);
  CHECK(json.find("\"kind\": \"few-characters\"") != std::string::npos);
  CHECK(json.find("\\n- ") != std::string::npos);  // slide texts, their line breaks escaped
}

TEST_CASE("slide detection finds slides that differ by a few characters or one bullet, in noise, keyframes 10 s apart") {
  test::TempDir dir;
  mediagen::LectureOptions o{.path = (dir / "near.mp4").string(), .duration = 100, .width = 640, .height = 360,
                             .gop = 100,  // a keyframe every 10 s
                             .min_slide = 8, .max_slide = 16, .near_every = 1,  // every change a near-identical one
                             .noise = 0.1,  // +-5 luma levels, new on every frame
                             .seed = 11};
  auto spec = mediagen::lecture_spec(o);
  REQUIRE(spec.slide_changes.size() >= 5);
  test::make_media(spec);
  Detection d = test::detect_changes(spec.path);
  test::check_changes_found(spec, d);
}

TEST_CASE("slide detection on noisy video places cuts from packet sizes and decodes few frames") {
  test::TempDir dir;
  mediagen::LectureOptions o{.path = (dir / "noisy.mp4").string(), .duration = 150, .width = 640, .height = 360,
                             .gop = 50,  // a keyframe every 5 s
                             .fade_every = 3, .near_every = 4, .noise = 0.1, .seed = 12};
  auto spec = mediagen::lecture_spec(o);
  REQUIRE(spec.slide_changes.size() >= 8);
  test::make_media(spec);
  Detection d = test::detect_changes(spec.path);
  test::check_changes_found(spec, d);
  // Cuts between differing keyframes are placed without decoding the frames between them; the rest
  // (fades, near-identical slides) are decoded only until the picture settles.
  CHECK(d.stats.cuts_from_packet_sizes > 0);
  CHECK(d.stats.refinements_cut_short > 0);
  CHECK(d.stats.frames_decoded < 1500 / 2);
}

TEST_CASE("packet sizes between two keyframes: quiet, one cut, or unclear") {
  using slides::GopReadingKind;
  using slides::PacketSize;
  const double frame = 0.04;
  std::vector<PacketSize> packets;
  for (int i = 1; i < 250; ++i) packets.push_back({i * frame, 9000 + (i * 37) % 2000});  // noise: 9-11 kB
  auto r = slides::read_gop(packets, 10.0, 0.5, frame);
  CHECK(r.kind == GopReadingKind::kQuiet);

  auto cut = packets;
  cut[100].bytes = 80000;  // the frame at 4.04 s carries a new slide
  r = slides::read_gop(cut, 10.0, 0.5, frame);
  CHECK(r.kind == GopReadingKind::kOneCut);
  CHECK(r.cut == doctest::Approx(4.04));

  cut[101].bytes = 60000;  // and the next one is still large: one cut all the same
  r = slides::read_gop(cut, 10.0, 0.5, frame);
  CHECK(r.kind == GopReadingKind::kOneCut);
  CHECK(r.cut == doctest::Approx(4.04));

  auto step = packets;  // a cut to a slide whose noise costs more: every packet after it is larger
  for (std::size_t i = 150; i < step.size(); ++i) step[i].bytes = 30000 + static_cast<int>(i % 7) * 100;
  r = slides::read_gop(step, 10.0, 0.5, frame);
  CHECK(r.kind == GopReadingKind::kOneCut);
  CHECK(r.cut == doctest::Approx(6.04));

  auto two = cut;
  two[200].bytes = 80000;  // a second change later: the frames must be decoded
  r = slides::read_gop(two, 10.0, 0.5, frame);
  CHECK(r.kind == GopReadingKind::kUnclear);
  CHECK(r.last_spike == doctest::Approx(8.04));

  auto late = packets;
  late[245].bytes = 80000;  // too close to the next keyframe to know it held
  r = slides::read_gop(late, 10.0, 0.5, frame);
  CHECK(r.kind == GopReadingKind::kUnclear);

  std::vector<PacketSize> few = {{0.04, 100}, {0.08, 90000}};
  CHECK(slides::read_gop(few, 10.0, 0.5, frame).kind == GopReadingKind::kUnclear);
  CHECK(slides::read_gop({}, 10.0, 0.5, frame).kind == GopReadingKind::kQuiet);
}
