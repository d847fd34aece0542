// Slide-change detection on generated recordings whose changes are known: accuracy with noise, a moving
// speaker picture-in-picture, fades and long keyframe intervals; merging; thumbnails; OCR.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "ground_truth.h"
#include "media_fixtures.h"
#include "talkdex/indexer/slides/ocr.h"
#include "talkdex/indexer/slides/slide_detect.h"
#include "test_support.h"

using namespace talkdex;

TEST_CASE("slide detection finds every change of a lecture with noise, a moving speaker and fades, within 1 s") {
  test::TempDir dir;
  mediagen::LectureOptions o{.path = (dir / "lecture.mp4").string(), .duration = 240};
  auto spec = mediagen::lecture_spec(o);
  REQUIRE(spec.slide_changes.size() >= 12);
  test::make_media(spec);
  Detection d = test::detect_changes(spec.path);
  test::check_changes_found(spec, d);
  CHECK(d.slides.front().start == 0);
  CHECK(d.slides.back().end == doctest::Approx(240).epsilon(0.01));
  // Keyframes first: far fewer frames decoded than the recording has.
  CHECK(d.stats.frames_decoded < 240 * 10 / 3);
}

TEST_CASE("slide detection with keyframes 5 s apart, text-only slides and a 1 s fade still places each change within 1 s") {
  test::TempDir dir;
  mediagen::LectureOptions o{.path = (dir / "lecture.mkv").string(), .duration = 180,
                             .gop = 50,  // x264's usual keyframe spacing is longer than a second
                             .fade_every = 2, .fade_seconds = 1.0,
                             .text_every = 1,  // consecutive slides differ only in their text
                             .seed = 7};
  auto spec = mediagen::lecture_spec(o);
  test::make_media(spec);
  Detection d = test::detect_changes(spec.path);
  test::check_changes_found(spec, d);
  CHECK(d.stats.refined_intervals > 0);
}

TEST_CASE("slide detection merges segments shorter than the minimum into the one before") {
  test::TempDir dir;
  mediagen::MediaSpec spec{.path = (dir / "flip.mp4").string(), .duration = 30, .fps = 10,
                           .slide_changes = {10, 11, 12, 20},  // two slides flipped through in a second each
                           .audio = false};
  test::make_media(spec);
  DetectOptions options;
  options.min_segment = 4;
  Detection d = test::detect_changes(spec.path, options);
  std::vector<double> starts;
  for (const auto& s : d.slides) starts.push_back(std::round(s.start * 10) / 10);
  CHECK(starts == std::vector<double>{0, 12, 20});
  REQUIRE(d.slides.size() == 3);
  CHECK(d.slides[0].end == doctest::Approx(12));  // the short ones became the end of the first
  for (const auto& s : d.slides) {
    CHECK(s.confidence > 0);
    CHECK(s.confidence <= 1);
  }

  options.min_segment = 0.5;  // now each flipped slide is a slide of its own
  d = test::detect_changes(spec.path, options);
  CHECK(d.slides.size() == 5);
}

TEST_CASE("slide detection writes one JPEG thumbnail per slide and reads the slides' text") {
  test::TempDir dir;
  mediagen::MediaSpec spec{.path = (dir / "talk.mp4").string(), .duration = 24, .width = 640, .height = 360, .fps = 5,
                           .slide_changes = {8, 16},
                           .slide_texts = {"Deconstructing Lottery Tickets\nHattie Zhou, Janice Lan", "",
                                           "Supermasks\n- pruning at init\n- zeros and signs"},
                           .speaker = true, .audio = false, .noise = 0.03};
  test::make_media(spec);
  DetectOptions options;
  options.thumbnail_dir = dir / "thumbs";
  auto d = detect_slides(spec.path, options);
  REQUIRE(d.ok());
  REQUIRE(d->slides.size() == 3);
  for (const auto& s : d->slides) {
    REQUIRE(!s.thumbnail.empty());
    std::string jpeg = test::read_file(dir / "thumbs" / s.thumbnail);
    REQUIRE(jpeg.size() > 100);
    CHECK(static_cast<unsigned char>(jpeg[0]) == 0xFF);  // a JPEG's start-of-image marker
    CHECK(static_cast<unsigned char>(jpeg[1]) == 0xD8);
    CHECK(jpeg.size() < 64 * 1024);  // small
  }
  if (!ocr_available()) {
    MESSAGE("skipped the OCR checks: " << ocr_description());
    CHECK(!d->ocr_used);
    return;
  }
  CHECK(d->ocr_used);
  auto upper = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
  };
  // The generator's pixel font is not every letter's best likeness (OCR may read its Z as a 2), so the
  // checks are on words it reads reliably.
  INFO("slide 1 read as: " << d->slides[0].text);
  CHECK(upper(d->slides[0].text).find("DECONSTRUCTING LOTTERY") != std::string::npos);
  CHECK(upper(d->slides[0].text).find("JANICE LAN") != std::string::npos);
  INFO("slide 3 read as: " << d->slides[2].text);
  CHECK(upper(d->slides[2].text).find("PRUNING AT INIT") != std::string::npos);
  CHECK(upper(d->slides[2].text).find("SIGNS") != std::string::npos);
  // The slide of shapes has no words; whatever OCR made of its blocks is short.
  INFO("slide 2 read as: " << d->slides[1].text);
  CHECK(d->slides[1].text.size() < 20);
}
