// Shared by the media tests: the known content of generated recordings, quiet libav logging, and a
// watch that tells whether a file was opened.
#pragma once

#include <doctest/doctest.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "libav.h"
#include "http_file_server.h"
#include "ground_truth.h"
#include "mediagen.h"
#include "talkdex/indexer/slides/slide_detect.h"

namespace talkdex::test {

// libav logs to stderr by default; the tests check the Failure values instead.
inline void quiet_libav() { av_log_set_level(AV_LOG_FATAL); }

// A 12-second talk: three chapters, two cues, four slides, tags. GOP of 10 frames = one keyframe a second.
inline mediagen::MediaSpec talk_spec(const std::filesystem::path& path) {
  mediagen::MediaSpec spec;
  spec.path = path.string();
  spec.duration = 12;
  spec.width = 160;
  spec.height = 120;
  spec.fps = 10;
  spec.gop = 10;
  spec.chapters = {{0, 4, "Intro"}, {4, 9.5, "Método — results"}, {9.5, 12, "Questions"}};
  spec.cues = {{1, 2.5, "Hello everyone"}, {4.2, 6, "Here are the results"}};
  spec.subtitle_language = "fra";
  spec.slide_changes = {3, 6.5, 9};
  spec.tags = {{"title", "Generated talk"}, {"artist", "Ada Lovelace"}, {"date", "2019-06-15"},
               {"comment", "made by the test suite"}};
  return spec;
}

inline void make_media(const mediagen::MediaSpec& spec) {
  quiet_libav();
  Status s = mediagen::generate_media(spec);
  INFO(spec.path << ": " << (s ? "" : s.failure().message()));
  REQUIRE(s.ok());
}

// detect_slides without OCR, for the tests of where slides change; a failure fails the test.
inline Detection detect_changes(const std::string& path, DetectOptions options = {}) {
  options.ocr = false;
  auto d = detect_slides(path, options);
  INFO(path << ": " << (d ? "" : d.failure().message()));
  REQUIRE(d.ok());
  return std::move(*d);
}

// The detected slide changes (every slide's start but the first's) matched to the planned ones within 1 s;
// each false change is reported as a test message.
inline mediagen::ChangeMatch match_detected(const std::vector<double>& planned, const Detection& d) {
  std::vector<double> detected;
  for (std::size_t i = 1; i < d.slides.size(); ++i) detected.push_back(d.slides[i].start);
  auto m = mediagen::match_changes(planned, detected);
  for (std::size_t i = 0; i < detected.size(); ++i)
    if (!m.matched[i]) MESSAGE("false change at " << detected[i]);
  return m;
}

// Every planned change of `spec` detected, none made up.
inline void check_changes_found(const mediagen::MediaSpec& spec, const Detection& d) {
  const auto m = match_detected(spec.slide_changes, d);
  for (std::size_t k = 0; k < spec.slide_changes.size(); ++k) {
    INFO("the " << (k < spec.change_kinds.size() ? spec.change_kinds[k] : "") << " change at "
                << spec.slide_changes[k]);
    CHECK(m.found[k]);
  }
  CHECK(m.false_count() == 0);
}

// Reports whether a file is opened or read while it is watched (inotify), so a test can show that
// libav never touched a file a crafted playlist points at.
class OpenWatch {
 public:
  explicit OpenWatch(const std::filesystem::path& p) {
    fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    REQUIRE(fd_ >= 0);
    REQUIRE(inotify_add_watch(fd_, p.c_str(), IN_OPEN | IN_ACCESS) >= 0);
  }
  ~OpenWatch() { ::close(fd_); }
  OpenWatch(const OpenWatch&) = delete;
  OpenWatch& operator=(const OpenWatch&) = delete;
  // True when the file was opened or read since the last call.
  bool touched() {
    alignas(inotify_event) char buf[4096];
    bool any = false;
    while (::read(fd_, buf, sizeof buf) > 0) any = true;
    return any;
  }

 private:
  int fd_ = -1;
};

}  // namespace talkdex::test
