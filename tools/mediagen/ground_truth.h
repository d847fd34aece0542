// Recordings with a known table of contents, for the slide-detection tests and bench_detect.
//
// lecture_spec() plans a talk recording: slides of text and of shapes on plain backgrounds, each shown
// for a random time within [min_slide, max_slide] (the same every run for the same seed), some changes
// cross-faded, camera noise and a moving speaker picture-in-picture. Its slide_changes are the ground
// truth: the times a new slide starts to appear; change_kinds says what each change is. With near_every,
// every Nth change only nearly changes the picture, as real decks do: the slide number in the title goes
// up by one ("4 results model" -> "5 results model": a character or two) or one more bullet appears.
// session_spec() plans a session recording: a holding slide, then for each talk a title slide (the title
// and the speakers) at the talk's real start, followed by content slides until the next talk.
// Pure planning: nothing is written until generate_media(spec).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "mediagen.h"

namespace talkdex::mediagen {

struct LectureOptions {
  std::string path{};
  double duration = 120;              // seconds
  int width = 320, height = 180;
  double fps = 10;
  int gop = 0;                        // 0: one keyframe a second
  double min_slide = 6, max_slide = 24;  // seconds each slide is shown
  double fade_every = 3;              // every Nth change cross-fades (0: none)
  double fade_seconds = 0.6;
  double text_every = 2;              // every Nth slide is a text slide (0: none), the others shapes
  double near_every = 0;             // every Nth change is near-identical (0: none); alternately a
                                      // few characters and a bullet appearing
  double noise = 0.05;                // temporal camera noise, see MediaSpec::noise
  bool speaker = true;
  bool audio = false;
  std::uint64_t seed = 1;
};

MediaSpec lecture_spec(const LectureOptions& options);

// Copies what every plan says about its file and frames (path, duration, size, frame rate, keyframe spacing)
// from one to another: MediaSpec, LectureOptions and SessionOptions all have these fields.
template <typename From, typename To>
void copy_frames(const From& from, To& to) {
  to.path = from.path;
  to.duration = from.duration;
  to.width = from.width;
  to.height = from.height;
  to.fps = from.fps;
  to.gop = from.gop;
}

// Reported slide changes scored against the planned ones (a spec's slide_changes): each planned change, in
// order, takes the nearest reported time within `tolerance` seconds that no change before it took.
struct ChangeMatch {
  std::vector<bool> found;     // found[k]: planned change k has a reported time near it
  std::vector<bool> matched;   // matched[i]: reported time i is near a planned change; if not, a false change
  int found_count() const;
  int false_count() const;
};
ChangeMatch match_changes(const std::vector<double>& planned, const std::vector<double>& reported,
                          double tolerance = 1.0);

// The ground truth of a spec as JSON: {"duration", "width", "height", "fps", "gop", "changes": [{"at",
// "kind", "fade"}], "slides": [{"start", "text"}]}, for talkdex-mkmedia --truth and people checking a
// detector by hand.
std::string ground_truth_json(const MediaSpec& spec);

struct SessionTalk {
  std::string title;
  std::vector<std::string> speakers;
  double start = 0;  // seconds into the recording at which its title slide appears
};

struct SessionOptions {
  std::string path{};
  double duration = 1200;
  int width = 640, height = 360;      // large enough for the title slides to be read by OCR
  double fps = 1;
  int gop = 4;
  double content_slide = 45;          // seconds each content slide is shown
  double noise = 0.03;
  bool speaker = true;
};

// Title slides at each talk's start; content slides every `content_slide` seconds in between.
MediaSpec session_spec(const SessionOptions& options, const std::vector<SessionTalk>& talks);

}  // namespace talkdex::mediagen
