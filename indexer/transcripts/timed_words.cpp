// Captions with word timings (YouTube's automatic captions, karaoke-style WebVTT): each spoken word
// once, at its own time.
//
// YouTube's automatic captions roll up: a cue shows the line before it again above the new line, whose
// words carry their times ("so<00:00:05.120><c> today</c><00:00:05.440><c> we</c>"), and a 10 ms cue
// between two of them shows the finished line alone. Read as plain cues, every line would count two or
// three times; here only the new line of each cue is taken, and each of its words gets the time it is
// spoken: the words before the first timestamp at the cue's start, every other word at its timestamp.
#include "transcripts/timed_words.h"

#include <algorithm>

#include "talkdex/text.h"

namespace talkdex {
namespace {

// "<00:00:05.120>" or "<05.120>"-style WebVTT timestamp at `at` (pointing at '<'); its seconds and length.
std::optional<std::pair<double, std::size_t>> timestamp_at(std::string_view s, std::size_t at) {
  std::size_t close = s.find('>', at);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view inner = s.substr(at + 1, close - at - 1);
  if (inner.empty() || !std::isdigit(static_cast<unsigned char>(inner[0])) || inner.find(':') == std::string_view::npos)
    return std::nullopt;
  auto seconds = parse_hms(inner);
  if (!seconds) return std::nullopt;
  return std::make_pair(*seconds, close - at + 1);
}

bool has_timestamp(std::string_view line) {
  for (std::size_t at = line.find('<'); at != std::string_view::npos; at = line.find('<', at + 1))
    if (timestamp_at(line, at)) return true;
  return false;
}

// The words of one line with their times: `start` until the first timestamp.
void add_words(std::string_view line, double start, std::vector<TimedWord>& out) {
  double t = start;
  std::string chunk;
  auto flush = [&] {
    for (const auto& w : split(collapse_space(strip_cue_markup(chunk)), ' '))
      if (!w.empty()) out.push_back({t, w});
    chunk.clear();
  };
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] == '<') {
      if (auto ts = timestamp_at(line, i)) {
        flush();
        t = std::max(ts->first, start);
        i += ts->second;
        continue;
      }
    }
    chunk += line[i++];
  }
  flush();
}

}  // namespace

std::vector<TimedWord> timed_words(const std::vector<Cue>& cues) {
  std::vector<TimedWord> out;
  bool timed = std::any_of(cues.begin(), cues.end(), [](const Cue& c) { return has_timestamp(c.text); });
  if (!timed) return out;
  std::string last;  // the last line taken, as plain text
  for (const Cue& cue : cues) {
    // The new line is the last one with words; the lines above it were shown before.
    std::vector<std::string> lines = split(cue.text, '\n');
    auto it = std::find_if(lines.rbegin(), lines.rend(),
                           [](const std::string& l) { return !collapse_space(strip_cue_markup(l)).empty(); });
    if (it == lines.rend()) continue;
    std::string plain = collapse_space(strip_cue_markup(*it));
    if (plain == last) continue;  // the finished line shown again
    last = plain;
    add_words(*it, cue.start, out);
  }
  return out;
}

std::vector<Passage> group_timed_words(const std::vector<TimedWord>& words, double target_seconds) {
  std::vector<Passage> out;
  Passage current;
  bool open = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const TimedWord& w = words[i];
    if (open && w.start - current.end > target_seconds) {  // a long silence
      out.push_back(current);
      open = false;
    }
    if (!open) {
      current = Passage{};
      current.start = current.end = w.start;
      open = true;
    }
    if (!current.text.empty()) current.text += ' ';
    current.text += w.word;
    current.end = i + 1 < words.size() ? std::max(w.start, words[i + 1].start) : w.start;
    current.word_starts.push_back(w.start);
    if (current.end - current.start >= target_seconds) {
      out.push_back(current);
      open = false;
    }
  }
  if (open) out.push_back(current);
  return out;
}

}  // namespace talkdex
