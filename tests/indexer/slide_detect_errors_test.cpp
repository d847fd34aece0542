// Slide detection on bad input: no video, one frame, a damaged middle, 4K, a very long recording,
// cancellation; and the store's rule that items of other sources win over detected ones.
#include <doctest/doctest.h>
#include <sys/resource.h>

#include <fstream>
#include <random>

#include "media_fixtures.h"
#include "talkdex/indexer/slides/detected_toc.h"
#include "talkdex/indexer/slides/slide_detect.h"
#include "talkdex/store.h"
#include "test_support.h"

using namespace talkdex;

namespace {

mediagen::MediaSpec slides_spec(const std::filesystem::path& path, double duration, std::vector<double> changes) {
  mediagen::MediaSpec spec;
  spec.path = path.string();
  spec.duration = duration;
  spec.fps = 10;
  spec.audio = false;
  spec.slide_changes = std::move(changes);
  return spec;
}

std::vector<double> starts(const Detection& d) {
  std::vector<double> out;
  for (const auto& s : d.slides) out.push_back(std::round(s.start * 10) / 10);
  return out;
}

}  // namespace

TEST_CASE("slide detection refuses a recording without video, naming it") {
  test::TempDir dir;
  mediagen::MediaSpec spec = slides_spec(dir / "audio.mp4", 5, {});
  spec.video = false;
  spec.audio = true;
  test::make_media(spec);
  auto d = detect_slides(spec.path);
  REQUIRE(!d.ok());
  CHECK(d.failure().item == spec.path);
  CHECK(d.failure().reason.find("no video stream") != std::string::npos);

  auto missing = detect_slides((dir / "missing.mp4").string());
  REQUIRE(!missing.ok());
  CHECK(missing.failure().item == (dir / "missing.mp4").string());
}

TEST_CASE("slide detection of a one-frame recording gives one slide") {
  test::TempDir dir;
  mediagen::MediaSpec spec = slides_spec(dir / "one.mp4", 0.1, {});
  test::make_media(spec);
  DetectOptions options;
  options.ocr = false;
  auto d = detect_slides(spec.path, options);
  REQUIRE(d.ok());
  REQUIRE(d->slides.size() == 1);
  CHECK(d->slides[0].start == 0);
  CHECK(d->slides[0].end > 0);
  CHECK(d->stats.frames_decoded == 1);
}

TEST_CASE("slide detection skips a damaged stretch, says where, and still finds the changes around it") {
  test::TempDir dir;
  mediagen::MediaSpec spec = slides_spec(dir / "damaged.mkv", 60, {10, 50});
  spec.noise = 0.05;  // bigger packets, so the damage hits frames rather than headers only
  test::make_media(spec);
  // Random bytes over 10% of the file, in the middle.
  std::fstream f(spec.path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(0, std::ios::end);
  const auto size = static_cast<std::streamoff>(f.tellg());
  std::mt19937 rng(7);
  f.seekp(size * 45 / 100);
  for (std::streamoff i = 0; i < size / 10; ++i) f.put(static_cast<char>(rng()));
  f.close();

  DetectOptions options;
  options.ocr = false;
  auto d = detect_slides(spec.path, options);
  REQUIRE(d.ok());
  auto s = starts(*d);
  INFO("slides start at " << doctest::toString(s.size()));
  CHECK(std::find(s.begin(), s.end(), 10.0) != s.end());
  CHECK(std::find(s.begin(), s.end(), 50.0) != s.end());
  CHECK(d->duration == doctest::Approx(60).epsilon(0.02));
  CHECK(d->stats.undecodable_packets > 0);
  REQUIRE(!d->warnings.empty());
  CHECK(d->warnings[0].find("damaged") != std::string::npos);
}

TEST_CASE("slide detection of a few seconds of 4K and of a 10-hour recording at 1 fps, in bounded memory") {
  test::TempDir dir;
  mediagen::MediaSpec uhd = slides_spec(dir / "uhd.mp4", 6, {3});
  uhd.width = 3840;
  uhd.height = 2160;
  uhd.fps = 5;
  test::make_media(uhd);
  DetectOptions options;
  options.ocr = false;
  options.min_segment = 2;
  options.thumbnail_dir = dir / "thumbs";
  auto d = detect_slides(uhd.path, options);
  REQUIRE(d.ok());
  CHECK(starts(*d) == std::vector<double>{0, 3});
  CHECK(d->width == 3840);

  // Ten hours at 64x36, one frame a second, a keyframe a minute, a slide every 20 minutes.
  mediagen::MediaSpec day = slides_spec(dir / "day.mkv", 36000, {});
  day.width = 64;
  day.height = 36;
  day.fps = 1;
  day.gop = 60;
  for (double t = 1200; t < 36000; t += 1200) day.slide_changes.push_back(t);
  test::make_media(day);
  options.thumbnail_dir.clear();
  options.min_segment = 4;
  auto long_run = detect_slides(day.path, options);
  REQUIRE(long_run.ok());
  CHECK(long_run->slides.size() == day.slide_changes.size() + 1);
  CHECK(long_run->duration == doctest::Approx(36000).epsilon(0.001));
  CHECK(long_run->stats.peak_buffered_bytes < (1 << 20));  // two keyframe intervals, not the recording

  // Keyframes too far apart to buffer: every frame is decoded instead, with the same answer.
  options.max_buffered_bytes = 1024;
  auto dense = detect_slides(day.path, options);
  REQUIRE(dense.ok());
  CHECK(dense->stats.decoded_every_frame);
  CHECK(starts(*dense) == starts(*long_run));
}

TEST_CASE("slide detection stops when cancelled, with Failure interrupted") {
  test::TempDir dir;
  mediagen::MediaSpec spec = slides_spec(dir / "talk.mp4", 30, {10, 20});
  test::make_media(spec);
  DetectOptions options;
  options.ocr = false;
  int polls = 0;
  options.cancelled = [&polls] { return ++polls > 50; };
  auto d = detect_slides(spec.path, options);
  REQUIRE(!d.ok());
  CHECK(d.failure().reason == "interrupted");
}

TEST_CASE("detected items: other sources win at the same place and take the slide's text and thumbnail") {
  test::TempDir dir;
  Store store(dir / "talkdex.sqlite");
  mediagen::MediaSpec spec = slides_spec(dir / "talk.mp4", 40, {10, 20.5, 30});
  test::make_media(spec);
  RecordingInfo info;
  info.uri = spec.path;
  TocEntry chapter;
  chapter.key = "chapter-1";
  chapter.start = 19;  // the file's chapter, 1.5 s before the slide change at 20.5
  chapter.title = "Results";
  chapter.source = kTocFile;
  info.items = {chapter};
  store.put_recording(info, {.container = "mov", .probe_json = "{}"});

  TocDetectOptions options;
  options.detect.ocr = false;
  options.archive_folder = dir / "archive";
  auto outcome = detect_recording_toc(store, spec.path, options);
  REQUIRE(outcome.ok());
  CHECK(outcome->yielded == 1);
  CHECK(outcome->detected == 3);  // 0, 10 and 30; the change at 20.5 is the chapter's place
  auto items = store.toc_items_for_recording(outcome->recording_id);
  REQUIRE(items.size() == 4);
  CHECK(items[0].entry.key == "detected:0");
  CHECK(items[1].entry.key == "detected:10000");
  CHECK(items[1].entry.title == "Slide 2");
  CHECK(items[1].entry.source == kTocDetected);
  CHECK(items[2].entry.key == "chapter-1");
  CHECK(items[2].entry.title == "Results");  // the file's item keeps its title and place
  CHECK(items[2].entry.start == 19);
  CHECK(!items[2].entry.thumbnail.empty());  // and shows the slide's picture
  for (const auto& i : items) {
    REQUIRE(!i.entry.thumbnail.empty());
    CHECK(std::filesystem::exists(options.archive_folder / i.entry.thumbnail));
  }
  // The same detection again changes nothing.
  const auto rev = store.revision();
  auto again = detect_recording_toc(store, spec.path, options);
  REQUIRE(again.ok());
  CHECK(!again->changed);
  CHECK(store.revision() == rev);
  // A chapter file imported later at a detected item's place wins over it too.
  chapter.key = "chapter-2";
  chapter.start = 11;
  chapter.title = "Method";
  info.items = {chapter};
  store.put_recording(info, {.replace_sources = {kTocFile}});
  items = store.toc_items_for_recording(outcome->recording_id);
  bool detected_at_10 = false;
  for (const auto& i : items) detected_at_10 = detected_at_10 || i.entry.key == "detected:10000";
  CHECK(!detected_at_10);
}

TEST_CASE("an interrupted detection leaves the store and the thumbnails as they were") {
  test::TempDir dir;
  Store store(dir / "talkdex.sqlite");
  mediagen::MediaSpec spec = slides_spec(dir / "talk.mp4", 30, {10, 20});
  test::make_media(spec);
  TocDetectOptions options;
  options.detect.ocr = false;
  options.archive_folder = dir / "archive";
  options.detect.cancelled = [] { return true; };
  auto outcome = detect_recording_toc(store, spec.path, options);
  REQUIRE(!outcome.ok());
  CHECK(outcome.failure().reason == "interrupted");
  CHECK(store.revision() == 0);
  CHECK(store.recordings().empty());
  std::error_code ec;
  CHECK((!std::filesystem::exists(options.archive_folder / "thumbs") ||
         std::filesystem::is_empty(options.archive_folder / "thumbs", ec)));
}
