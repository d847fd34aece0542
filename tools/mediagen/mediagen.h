// The test media generator: real MP4 and Matroska recordings made with libav's encoders.
//
// generate_media() writes a file whose content is known exactly: "slide" video (a plain background with
// large blocks or lines of text that change at the given times, optionally cross-faded, with camera
// noise and a moving speaker picture-in-picture), a sine tone, embedded chapters, a text subtitle stream
// and container tags. Tests and benchmarks make their media with it at run time, so no binary media is
// kept in git. Video is H.264 (libx264) when libavcodec has it, MPEG-4 part 2 otherwise; audio is AAC
// (Opus in Ogg, which is made audio only); subtitles are mov_text in MP4 and SubRip in Matroska.
//
// Errors: a spec that cannot be made (bad size, unknown extension, unwritable path) or a libav failure
// comes back as a Failure naming the output path; a partly written file is removed.
// Thread safety: no shared state; generate from several threads at once if you like.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "talkdex/error.h"

namespace talkdex::mediagen {

struct ChapterSpec {
  double start = 0;  // seconds
  double end = 0;    // seconds, > start
  std::string title;
};

struct CueSpec {
  double start = 0;  // seconds
  double end = 0;    // seconds, > start
  std::string text;
};

// Every member has a default, so that a spec names only what it sets: MediaSpec{.path = p, .fps = 5}.
struct MediaSpec {
  std::string path{};                // the extension decides the container: .mp4, .mkv or .ogg (audio only)
  double duration = 10;              // seconds
  int width = 320, height = 240;     // even numbers
  double fps = 10;
  int gop = 0;                       // frames from one keyframe to the next; 0 = one second's worth
  std::vector<ChapterSpec> chapters{};
  std::vector<CueSpec> cues{};       // a subtitle stream is written when there are cues
  std::string subtitle_language = "eng";
  std::vector<double> slide_changes{};  // times at which the next slide appears (slide 0 shows from 0)
  std::vector<std::string> slide_texts{}; // text of slide i, first line the title ("" or none: blocks)
  std::vector<std::string> change_kinds{};  // ground truth only: "cut", "fade", "few-characters", "bullet"
  std::vector<double> fades{};       // fades[i]: seconds over which the change at slide_changes[i]
                                     // cross-fades into the next slide, from its time on; 0 or none: a cut
  bool speaker = false;              // a moving speaker picture-in-picture in the bottom-right corner
  bool video = true;
  bool audio = true;
  int sample_rate = 16000;
  double noise = 0;                  // 0..1: random luma noise, new on every frame as a camera's is (like
                                     // ffmpeg's noise=allf=t), up to +-noise*48 levels; 0.1 is about alls=10
  bool faststart = true;             // MP4: the moov header before the media data
  std::map<std::string, std::string> tags{};  // container tags: title, artist, date, comment, ...
  std::string video_encoder{};       // libav encoder name; empty = default_video_encoder()
};

// Writes the file. Overwrites an existing file at spec.path.
Status generate_media(const MediaSpec& spec);

// A small, quick video (160x120) of `duration` seconds at `fps`, a keyframe every `gop` frames: what the
// tests make when the picture does not matter, only that a real recording is there.
inline MediaSpec small_video(std::string path, double duration, double fps = 5, int gop = 0) {
  MediaSpec spec;
  spec.path = std::move(path);
  spec.duration = duration;
  spec.width = 160;
  spec.height = 120;
  spec.fps = fps;
  spec.gop = gop;
  return spec;
}

// "libx264" when this libavcodec has it, else "mpeg4".
std::string default_video_encoder();

// Which slide is on screen at time t (0 before the first change).
int slide_at(const std::vector<double>& slide_changes, double t);

// The frame time base used for `fps` (1/fps as a rational), exposed so tests can reason in frames.
double frame_duration(double fps);

}  // namespace talkdex::mediagen
