// talkdex-mkmedia: makes a test recording with known slides, chapters, subtitles and tags.
//
//   talkdex-mkmedia talk.mp4 --duration 60 --slides 10,25,40 --chapter 0-30:Intro
//       --chapter 30-60:Results --cue "2-4:Hello everyone" --tag title="A talk" --size 320x240 --fps 10
//       --slide-text "Title|Ada Lovelace" --slide-text "" --fade 0.5 --speaker --noise 0.05
//   talkdex-mkmedia lecture.mp4 --lecture --duration 600 --size 1280x720 --gop 100 --near-every 4
//       --noise 0.1 --truth lecture.json     (a planned lecture and its ground truth; see ground_truth.h)
#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <fstream>

#include "ground_truth.h"
#include "libav.h"
#include "mediagen.h"
#include "talkdex/text.h"

namespace {

// "START-END:TEXT" with START and END as seconds or H:MM:SS.
bool parse_span(const std::string& arg, double* start, double* end, std::string* text) {
  const auto colon = arg.find(':', arg.find('-'));
  const auto dash = arg.find('-');
  if (dash == std::string::npos || colon == std::string::npos) return false;
  auto s = talkdex::parse_hms(arg.substr(0, dash));
  auto e = talkdex::parse_hms(arg.substr(dash + 1, colon - dash - 1));
  if (!s || !e || *e <= *s) return false;
  *start = *s;
  *end = *e;
  *text = arg.substr(colon + 1);
  return true;
}

// Each of `args` (START-END:TEXT) as a chapter or cue whose text goes to `text`; on a bad one, false after
// the error line, which names `option` and says what it takes (`form`).
template <typename Span>
bool parse_spans(const std::vector<std::string>& args, std::string Span::*text, const char* option, const char* form,
                 std::vector<Span>& out) {
  for (const std::string& arg : args) {
    Span span;
    if (!parse_span(arg, &span.start, &span.end, &(span.*text))) {
      std::fprintf(stderr, "talkdex-mkmedia: error: %s takes %s, not %s\n", option, form, arg.c_str());
      return false;
    }
    out.push_back(span);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    talkdex::mediagen::MediaSpec spec;
    std::string size = "320x240";
    std::vector<std::string> chapters, cues, tags;
    std::string slides;
    bool no_audio = false, no_video = false, no_faststart = false;
    std::vector<std::string> slide_texts;
    double fade = 0;
    bool lecture = false;
    talkdex::mediagen::LectureOptions lo;
    std::string truth;

    CLI::App app{"Make a test recording (MP4, Matroska or Ogg) with known slides, chapters, subtitles and tags."};
    app.add_option("output", spec.path, "the file to write: NAME.mp4, NAME.mkv or NAME.ogg (audio only)")->required();
    app.add_option("--duration", spec.duration, "seconds")->capture_default_str();
    app.add_option("--size", size, "WIDTHxHEIGHT")->capture_default_str();
    app.add_option("--fps", spec.fps, "frames per second")->capture_default_str();
    app.add_option("--gop", spec.gop, "frames between keyframes (0: one second)")->capture_default_str();
    app.add_option("--slides", slides, "comma-separated times at which the slide changes");
    app.add_option("--chapter", chapters, "START-END:TITLE (repeat)");
    app.add_option("--cue", cues, "START-END:TEXT subtitle cue (repeat)");
    app.add_option("--subtitle-language", spec.subtitle_language)->capture_default_str();
    app.add_option("--tag", tags, "KEY=VALUE container tag (repeat)");
    app.add_option("--noise", spec.noise, "0..1 noise on every frame")->capture_default_str();
    app.add_option("--slide-text", slide_texts, "the text of the next slide, lines separated by '|' (repeat; '' for a slide of blocks)");
    app.add_option("--fade", fade, "seconds every slide change cross-fades (0: cuts)")->capture_default_str();
    app.add_flag("--speaker", spec.speaker, "a moving speaker picture-in-picture");
    app.add_option("--sample-rate", spec.sample_rate)->capture_default_str();
    app.add_option("--video-encoder", spec.video_encoder, "libav encoder name (default: libx264 if present, else mpeg4)");
    app.add_flag("--no-audio", no_audio, "leave out the audio stream");
    app.add_flag("--no-video", no_video, "leave out the video stream (required for .ogg)");
    app.add_flag("--no-faststart", no_faststart, "MP4: put the moov header after the media data");
    app.add_flag("--lecture", lecture,
                 "a planned lecture recording: text and shape slides, fades, near-identical pairs, noise and a "
                 "moving speaker (--duration, --size, --fps, --gop, --noise and the options below apply)");
    app.add_option("--seed", lo.seed, "--lecture: which lecture")->capture_default_str();
    app.add_option("--min-slide", lo.min_slide, "--lecture: shortest slide, seconds")->capture_default_str();
    app.add_option("--max-slide", lo.max_slide, "--lecture: longest slide, seconds")->capture_default_str();
    app.add_option("--near-every", lo.near_every, "--lecture: every Nth change only a few characters or a bullet (0: none)")
        ->capture_default_str();
    app.add_option("--fade-every", lo.fade_every, "--lecture: every Nth change cross-fades (0: none)")->capture_default_str();
    app.add_option("--truth", truth, "write the ground truth (changes, their kinds, slide texts) as JSON to this file");
    CLI11_PARSE(app, argc, argv);

    av_log_set_level(AV_LOG_ERROR);
    spec.audio = !no_audio;
    spec.video = !no_video;
    spec.faststart = !no_faststart;
    if (std::sscanf(size.c_str(), "%dx%d", &spec.width, &spec.height) != 2) {
      std::fprintf(stderr, "talkdex-mkmedia: error: --size takes WIDTHxHEIGHT, not %s\n", size.c_str());
      return 2;
    }
    for (const std::string& t : talkdex::split(slides, ',')) {
      if (talkdex::trim(t).empty()) continue;
      auto v = talkdex::parse_hms(talkdex::trim(t));
      if (!v) {
        std::fprintf(stderr, "talkdex-mkmedia: error: --slides: not a time: %s\n", t.c_str());
        return 2;
      }
      spec.slide_changes.push_back(*v);
    }
    for (std::string text : slide_texts) {
      for (char& c : text)
        if (c == '|') c = '\n';
      spec.slide_texts.push_back(text);
    }
    spec.fades.assign(spec.slide_changes.size(), fade);
    using talkdex::mediagen::ChapterSpec;
    using talkdex::mediagen::CueSpec;
    if (!parse_spans(chapters, &ChapterSpec::title, "--chapter", "START-END:TITLE", spec.chapters)) return 2;
    if (!parse_spans(cues, &CueSpec::text, "--cue", "START-END:TEXT", spec.cues)) return 2;
    for (const std::string& t : tags) {
      auto eq = t.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::fprintf(stderr, "talkdex-mkmedia: error: --tag takes KEY=VALUE, not %s\n", t.c_str());
        return 2;
      }
      spec.tags[t.substr(0, eq)] = t.substr(eq + 1);
    }

    if (lecture) {
      talkdex::mediagen::copy_frames(spec, lo);
      if (app.count("--noise")) lo.noise = spec.noise;
      lo.audio = !no_audio;
      auto planned = talkdex::mediagen::lecture_spec(lo);
      planned.faststart = spec.faststart;
      planned.video_encoder = spec.video_encoder;
      planned.tags = spec.tags;
      spec = planned;
    }
    talkdex::Status status = talkdex::mediagen::generate_media(spec);
    if (!status) {
      std::fprintf(stderr, "talkdex-mkmedia: error: %s\n", status.failure().message().c_str());
      return 1;
    }
    if (!truth.empty()) {
      std::ofstream out(truth, std::ios::trunc);
      out << talkdex::mediagen::ground_truth_json(spec);
      out.close();
      if (!out) {
        std::fprintf(stderr, "talkdex-mkmedia: error: %s: cannot write the ground truth\n", truth.c_str());
        return 1;
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "talkdex-mkmedia: error: %s\n", e.what());
    return 1;
  }
}
