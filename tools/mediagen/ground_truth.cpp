#include "ground_truth.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

#include "splitmix.h"

namespace talkdex::mediagen {
namespace {

// So that a seed plans the same recording on every machine.
using Random = SplitMix64;

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

// The slide after `text` that only nearly differs: its title's leading number one up (a character or
// two), or one more bullet line.
std::string near_identical(Random& r, const std::string& text, bool bullet) {
  if (bullet) return text + "\n- " + words(r, 3);
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) return "2 " + text;
  return std::to_string(std::stoi(text.substr(0, digits)) + 1) + text.substr(digits);
}

void json_string(std::string& out, const std::string& s) {
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += static_cast<char>(c);
    else if (c == '\n') out += "\\n";
    else if (c < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", c);
      out += esc;
    } else out += static_cast<char>(c);
  }
  out += '"';
}

}  // namespace

MediaSpec lecture_spec(const LectureOptions& o) {
  MediaSpec spec;
  copy_frames(o, spec);
  spec.noise = o.noise;
  spec.speaker = o.speaker;
  spec.audio = o.audio;
  Random r{o.seed * 0x2545F4914F6CDD1Dull + 7};
  const int text_every = static_cast<int>(o.text_every), fade_every = static_cast<int>(o.fade_every);
  const int near_every = static_cast<int>(o.near_every);
  int slide = 0, near = 0;
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
    const std::string& before = spec.slide_texts[static_cast<std::size_t>(slide - 1)];
    if (near_every > 0 && slide % near_every == 0) {
      // A text slide, then the same slide again with a small change: cut, never faded (a deck's build).
      std::string& base = spec.slide_texts[static_cast<std::size_t>(slide - 1)];
      if (before.empty()) base = content_text(r, slide);
      const bool bullet = near++ % 2 == 1;
      const bool base_is_near = slide >= 2 && spec.change_kinds[static_cast<std::size_t>(slide - 2)] != "cut" &&
                                spec.change_kinds[static_cast<std::size_t>(slide - 2)] != "fade";
      if (bullet && !base_is_near) {
        // The slide the bullet is added to keeps its title and first bullet only, so that the new bullet
        // fits on the slide even at small sizes.
        const auto first = base.find('\n');
        const auto second = first == std::string::npos ? first : base.find('\n', first + 1);
        if (second != std::string::npos) base.resize(second);
      }
      spec.slide_texts.push_back(near_identical(r, base, bullet));
      spec.fades.push_back(0);
      spec.change_kinds.push_back(bullet ? "bullet" : "few-characters");
    } else {
      const bool fade = fade_every > 0 && slide % fade_every == 0;
      spec.fades.push_back(fade ? o.fade_seconds : 0.0);
      spec.change_kinds.push_back(fade ? "fade" : "cut");
      add_text(slide);
    }
    t += r.uniform(o.min_slide, o.max_slide);
  }
  return spec;
}

MediaSpec session_spec(const SessionOptions& o, const std::vector<SessionTalk>& talks) {
  MediaSpec spec;
  copy_frames(o, spec);
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

std::string ground_truth_json(const MediaSpec& spec) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "{\"duration\": %.3f, \"width\": %d, \"height\": %d, \"fps\": %g, \"gop\": %d,\n",
                spec.duration, spec.width, spec.height, spec.fps, spec.gop);
  std::string out = buf;
  out += " \"changes\": [";
  for (std::size_t i = 0; i < spec.slide_changes.size(); ++i) {
    const std::string kind = i < spec.change_kinds.size()                               ? spec.change_kinds[i]
                             : i < spec.fades.size() && spec.fades[i] > 0 ? "fade"
                                                                            : "cut";
    std::snprintf(buf, sizeof buf, "%s\n  {\"at\": %.3f, \"kind\": ", i ? "," : "", spec.slide_changes[i]);
    out += buf;
    json_string(out, kind);
    std::snprintf(buf, sizeof buf, ", \"fade\": %.3f}", i < spec.fades.size() ? spec.fades[i] : 0.0);
    out += buf;
  }
  out += "],\n \"slides\": [";
  const std::size_t slides = spec.slide_changes.size() + 1;
  for (std::size_t i = 0; i < slides; ++i) {
    std::snprintf(buf, sizeof buf, "%s\n  {\"start\": %.3f, \"text\": ", i ? "," : "", i ? spec.slide_changes[i - 1] : 0.0);
    out += buf;
    json_string(out, i < spec.slide_texts.size() ? spec.slide_texts[i] : "");
    out += '}';
  }
  out += "]}\n";
  return out;
}

ChangeMatch match_changes(const std::vector<double>& planned, const std::vector<double>& reported,
                          double tolerance) {
  ChangeMatch m;
  m.found.assign(planned.size(), false);
  m.matched.assign(reported.size(), false);
  for (std::size_t k = 0; k < planned.size(); ++k) {
    const double t = planned[k];
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < reported.size(); ++i)
      if (!m.matched[i] && std::abs(reported[i] - t) <= tolerance &&
          (!best || std::abs(reported[i] - t) < std::abs(reported[*best] - t)))
        best = i;
    if (best) {
      m.matched[*best] = true;
      m.found[k] = true;
    }
  }
  return m;
}

int ChangeMatch::found_count() const { return static_cast<int>(std::count(found.begin(), found.end(), true)); }
int ChangeMatch::false_count() const { return static_cast<int>(std::count(matched.begin(), matched.end(), false)); }

}  // namespace talkdex::mediagen
