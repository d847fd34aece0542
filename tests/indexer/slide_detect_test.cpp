// Slide-change detection on generated recordings whose changes are known: accuracy with noise, a moving
// speaker picture-in-picture, fades and long keyframe intervals; merging; thumbnails; OCR.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "ground_truth.h"
#include "media_fixtures.h"
#include "talkdex/ocr.h"
#include "talkdex/slide_detect.h"
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
