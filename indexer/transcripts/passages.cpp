// Cues grouped into passages, the unit of transcript search.
//
// A cue is too short to rank well (a few words) and a whole transcript too long to point at a second,
// so the index gets passages of about half a minute: long enough for the words of one thought, short
// enough that jumping to the passage's start lands near what was searched.
#include <algorithm>
#include <deque>

#include "talkdex/indexer/transcripts/subtitles.h"
#include "talkdex/text.h"
#include "transcripts/timed_words.h"

namespace talkdex {
namespace {

bool ends_sentence(std::string_view text) {
  while (!text.empty() && (text.back() == '"' || text.back() == '\'' || text.back() == ')' || text.back() == ' '))
    text.remove_suffix(1);
  if (text.empty()) return false;
  char c = text.back();
  return c == '.' || c == '?' || c == '!' || (text.size() >= 3 && text.substr(text.size() - 3) == "\xE2\x80\xA6");
}

// SubRip files written by ASS tools keep its "\N" (line break) and "\h" (hard space) escapes.
std::string ass_escapes_to_text(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == 'N' || text[i + 1] == 'n' || text[i + 1] == 'h')) {
      out += text[i + 1] == 'h' ? ' ' : '\n';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::vector<Passage> group_passages(const std::vector<Cue>& cues, double target_seconds) {
  if (!(target_seconds > 0)) target_seconds = 30;
  if (auto words = timed_words(cues); !words.empty()) return group_timed_words(words, target_seconds);
  // Roll-up captions (YouTube's automatic ones among them) show each line in two or three cues in a
  // row; a line equal to one of the last few kept is a repeat, not new speech.
  constexpr size_t kRecentLines = 3;
  std::deque<std::string> recent;
  std::vector<Passage> out;
  Passage current;
  bool open = false;
  auto close = [&] {
    if (open && !current.text.empty()) out.push_back(current);
    open = false;
    current = Passage{};
  };

  for (const Cue& cue : cues) {
    std::vector<std::string> fresh;
    for (const std::string& raw : split(ass_escapes_to_text(strip_cue_markup(cue.text)), '\n')) {
      std::string line = collapse_space(raw);
      if (line.empty()) continue;
      if (std::find(recent.begin(), recent.end(), line) != recent.end()) continue;
      if (std::find(fresh.begin(), fresh.end(), line) != fresh.end()) continue;
      fresh.push_back(line);
    }
    if (fresh.empty()) {
      if (open) current.end = std::max(current.end, cue.end);
      continue;
    }
    if (open && cue.start - current.end > target_seconds) close();  // a long silence starts a new passage
    if (!open) {
      current.start = cue.start;
      current.end = cue.end;
      open = true;
    }
    for (const std::string& line : fresh) {
      if (!current.text.empty()) current.text += ' ';
      if (&line == &fresh.front()) current.cues.push_back({current.text.size(), cue.start});
      current.text += line;
      recent.push_back(line);
      if (recent.size() > kRecentLines) recent.pop_front();
    }
    current.end = std::max(current.end, cue.end);
    double span = current.end - current.start;
    if (span >= target_seconds || (span >= target_seconds / 2 && ends_sentence(current.text))) close();
  }
  close();
  return out;
}

}  // namespace talkdex
