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

namespace {

struct Score {
  int found = 0;          // true changes with a detected boundary within the tolerance
  int missed = 0;
  int false_changes = 0;  // detected boundaries with no true change near
};

// One-to-one matching of detected boundaries (every slide start but the first) to true changes.
Score score(const std::vector<double>& truth, const Detection& d, double tolerance = 1.0) {
  std::vector<double> detected;
  for (std::size_t i = 1; i < d.slides.size(); ++i) detected.push_back(d.slides[i].start);
  std::vector<bool> used(detected.size(), false);
  Score s;
  for (double t : truth) {
    int best = -1;
    for (std::size_t i = 0; i < detected.size(); ++i)
      if (!used[i] && std::abs(detected[i] - t) <= tolerance &&
          (best < 0 || std::abs(detected[i] - t) < std::abs(detected[static_cast<std::size_t>(best)] - t)))
        best = static_cast<int>(i);
    if (best >= 0) {
      used[static_cast<std::size_t>(best)] = true;
      ++s.found;
    } else {
      ++s.missed;
      MESSAGE("missed the change at " << t);
    }
  }
  for (std::size_t i = 0; i < detected.size(); ++i)
    if (!used[i]) {
      ++s.false_changes;
      MESSAGE("false change at " << detected[i]);
    }
  return s;
}

Detection detect(const std::string& path, DetectOptions options = {}) {
  options.ocr = false;
  auto d = detect_slides(path, options);
  INFO(path << ": " << (d ? "" : d.failure().message()));
  REQUIRE(d.ok());
  return std::move(*d);
}

}  // namespace

TEST_CASE("slide detection finds every change of a lecture with noise, a moving speaker and fades, within 1 s") {
  test::TempDir dir;
  mediagen::LectureOptions o;
  o.path = (dir / "lecture.mp4").string();
  o.duration = 240;
  auto spec = mediagen::lecture_spec(o);
  REQUIRE(spec.slide_changes.size() >= 12);
  test::make_media(spec);
  Detection d = detect(spec.path);
  Score s = score(spec.slide_changes, d);
  CHECK(s.missed == 0);
  CHECK(s.false_changes == 0);
  CHECK(d.slides.front().start == 0);
  CHECK(d.slides.back().end == doctest::Approx(240).epsilon(0.01));
  // Keyframes first: far fewer frames decoded than the recording has.
  CHECK(d.stats.frames_decoded < 240 * 10 / 3);
}

TEST_CASE("slide detection with keyframes 5 s apart, text-only slides and a 1 s fade still places each change within 1 s") {
  test::TempDir dir;
  mediagen::LectureOptions o;
  o.path = (dir / "lecture.mkv").string();
  o.duration = 180;
  o.gop = 50;           // x264's usual keyframe spacing is longer than a second
  o.text_every = 1;     // consecutive slides differ only in their text
  o.fade_every = 2;
  o.fade_seconds = 1.0;
  o.seed = 7;
  auto spec = mediagen::lecture_spec(o);
  test::make_media(spec);
  Detection d = detect(spec.path);
  Score s = score(spec.slide_changes, d);
  CHECK(s.missed == 0);
  CHECK(s.false_changes == 0);
  CHECK(d.stats.refined_intervals > 0);
}

TEST_CASE("slide detection merges segments shorter than the minimum into the one before") {
  test::TempDir dir;
  mediagen::MediaSpec spec;
  spec.path = (dir / "flip.mp4").string();
  spec.duration = 30;
  spec.fps = 10;
  spec.audio = false;
  spec.slide_changes = {10, 11, 12, 20};  // two slides flipped through in a second each
  test::make_media(spec);
  DetectOptions options;
  options.min_segment = 4;
  Detection d = detect(spec.path, options);
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
  d = detect(spec.path, options);
  CHECK(d.slides.size() == 5);
}

TEST_CASE("slide detection writes one JPEG thumbnail per slide and reads the slides' text") {
  test::TempDir dir;
  mediagen::MediaSpec spec;
  spec.path = (dir / "talk.mp4").string();
  spec.duration = 24;
  spec.width = 640;
  spec.height = 360;
  spec.fps = 5;
  spec.audio = false;
  spec.noise = 0.03;
  spec.speaker = true;
  spec.slide_changes = {8, 16};
  spec.slide_texts = {"Deconstructing Lottery Tickets\nHattie Zhou, Janice Lan", "", "Supermasks\n- pruning at init\n- zeros and signs"};
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
