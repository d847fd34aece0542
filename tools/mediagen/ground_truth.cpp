#include "ground_truth.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace talkdex::mediagen {
namespace {

// splitmix64, so a seed plans the same recording on every machine.
struct Random {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(next() >> 11) / 9007199254740992.0; }
  std::size_t index(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

constexpr std::array<const char*, 24> kWords = {
    "results", "method", "training", "data", "sparse", "network", "model", "error", "loss", "gradient", "layer",
    "weights", "pruning", "baseline", "ablation", "benchmark", "accuracy", "future", "work", "related",
    "theory", "bound", "experiment", "summary"};

std::string words(Random& r, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i) s += ' ';
    s += kWords[r.index(kWords.size())];
  }
  return s;
}

// A content slide: a numbered heading and a few bullet lines.
std::string content_text(Random& r, int number) {
  std::string text = std::to_string(number) + " " + words(r, 2);
  const int lines = 2 + static_cast<int>(r.index(3));
  for (int i = 0; i < lines; ++i) {
    text += "\n- ";
    text += words(r, 3);
  }
  return text;
}

}  // namespace

MediaSpec lecture_spec(const LectureOptions& o) {
  MediaSpec spec;
  spec.path = o.path;
  spec.duration = o.duration;
  spec.width = o.width;
  spec.height = o.height;
  spec.fps = o.fps;
  spec.gop = o.gop;
  spec.noise = o.noise;
  spec.speaker = o.speaker;
  spec.audio = o.audio;
  Random r{o.seed * 0x2545F4914F6CDD1Dull + 7};
  const int text_every = static_cast<int>(o.text_every), fade_every = static_cast<int>(o.fade_every);
  int slide = 0;
  auto add_text = [&](int n) {
    spec.slide_texts.resize(static_cast<std::size_t>(n) + 1);
    if (text_every > 0 && n % text_every == 0) spec.slide_texts[static_cast<std::size_t>(n)] = content_text(r, n + 1);
  };
  add_text(slide);
  double t = r.uniform(o.min_slide, o.max_slide);
  // The last slide is shown at least min_slide seconds too, so every change is a full slide's worth.
  while (t + o.min_slide <= o.duration) {
    ++slide;
    spec.slide_changes.push_back(std::round(t * o.fps) / o.fps);  // on a frame
    spec.fades.push_back(fade_every > 0 && slide % fade_every == 0 ? o.fade_seconds : 0.0);
    add_text(slide);
    t += r.uniform(o.min_slide, o.max_slide);
  }
  return spec;
}

MediaSpec session_spec(const SessionOptions& o, const std::vector<SessionTalk>& talks) {
  MediaSpec spec;
  spec.path = o.path;
  spec.duration = o.duration;
  spec.width = o.width;
  spec.height = o.height;
  spec.fps = o.fps;
  spec.gop = o.gop;
  spec.noise = o.noise;
  spec.speaker = o.speaker;
  spec.audio = false;
  Random r{0x5E55105ull};
  spec.slide_texts.push_back("Welcome\nThe session starts soon");
  std::vector<SessionTalk> sorted = talks;
  std::sort(sorted.begin(), sorted.end(), [](const SessionTalk& a, const SessionTalk& b) { return a.start < b.start; });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double end = i + 1 < sorted.size() ? sorted[i + 1].start : o.duration;
    std::string title = sorted[i].title;
    std::string people;
    for (const auto& s : sorted[i].speakers) {
      if (!people.empty()) people += ", ";
      people += s;
    }
    spec.slide_changes.push_back(sorted[i].start);
    spec.slide_texts.push_back(title + "\n" + people);
    int number = 1;
    for (double t = sorted[i].start + o.content_slide; t + o.content_slide / 2 < end; t += o.content_slide) {
      spec.slide_changes.push_back(t);
      spec.slide_texts.push_back(content_text(r, ++number));
    }
  }
  return spec;
}

}  // namespace talkdex::mediagen
