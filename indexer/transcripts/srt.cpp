// SubRip (.srt) files into cues.
//
// SubRip has no specification; this reads what players accept (pysrt's and FFmpeg's readers agree on
// it): blocks of an optional index line, a timing line "HH:MM:SS,mmm --> HH:MM:SS,mmm" (',' or '.' before
// the milliseconds, position coordinates after it), and text lines. A cue's text runs until the next
// block starts, a blank line followed by an index and timing line or by a timing line, so a blank line
// inside a subtitle's text does not split it.
#include "talkdex/indexer/transcripts/subtitles.h"

#include <fmt/format.h>

#include "transcripts/text_decode.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_blank(std::string_view line) {
  for (char c : line)
    if (!is_space(c)) return false;
  return true;
}

bool is_index(std::string_view line) {
  std::string t = trim(line);
  if (t.empty() || t.size() > 9) return false;
  for (char c : t)
    if (!is_digit(c)) return false;
  return true;
}

bool has_arrow(std::string_view line) { return line.find("-->") != std::string_view::npos; }

// HH:MM:SS,mmm (',' or '.'; 1 to 3 fraction digits read as a decimal fraction) in milliseconds.
std::optional<long long> read_time(std::string_view s, size_t& pos) {
  long long fields[3] = {0, 0, 0};
  for (int f = 0; f < 3; ++f) {
    size_t begin = pos;
    while (pos < s.size() && is_digit(s[pos]) && pos - begin < 9) fields[f] = fields[f] * 10 + (s[pos++] - '0');
    size_t n = pos - begin;
    if (n == 0 || (f > 0 && n > 2) || (f > 0 && fields[f] > 59)) return std::nullopt;
    if (f < 2) {
      if (pos >= s.size() || s[pos] != ':') return std::nullopt;
      ++pos;
    }
  }
  if (pos >= s.size() || (s[pos] != ',' && s[pos] != '.')) return std::nullopt;
  ++pos;
  long long frac = 0;
  size_t begin = pos;
  while (pos < s.size() && is_digit(s[pos]) && pos - begin < 3) frac = frac * 10 + (s[pos++] - '0');
  size_t n = pos - begin;
  if (n == 0) return std::nullopt;
  while (n++ < 3) frac *= 10;
  if (pos < s.size() && is_digit(s[pos])) return std::nullopt;  // more than three fraction digits
  return ((fields[0] * 60 + fields[1]) * 60 + fields[2]) * 1000 + frac;
}

bool parse_timing_line(std::string_view line, Cue& cue) {
  size_t pos = 0;
  while (pos < line.size() && is_space(line[pos])) ++pos;
  auto start = read_time(line, pos);
  if (!start) return false;
  while (pos < line.size() && is_space(line[pos])) ++pos;
  if (line.substr(pos, 3) != "-->") return false;
  pos += 3;
  while (pos < line.size() && is_space(line[pos])) ++pos;
  auto end = read_time(line, pos);
  if (!end) return false;
  if (pos < line.size() && !is_space(line[pos])) return false;
  cue.start = static_cast<double>(*start) / 1000.0;
  cue.end = static_cast<double>(*end) / 1000.0;
  // Coordinates some tools append ("X1:100 X2:600 Y1:50 Y2:100") are kept as settings.
  for (const std::string& token : split(collapse_space(line.substr(pos)), ' ')) {
    size_t colon = token.find(':');
    if (colon != std::string::npos && colon > 0 && colon + 1 < token.size())
      cue.settings.emplace(token.substr(0, colon), token.substr(colon + 1));
  }
  return true;
}

std::string rtrim(std::string_view s) {
  size_t e = s.size();
  while (e > 0 && is_space(s[e - 1])) --e;
  return std::string(s.substr(0, e));
}

}  // namespace

Result<std::vector<Cue>> parse_srt(std::string_view bytes, const std::string& source_name, bool strict,
                                   std::vector<std::string>* warnings) {
  DecodedText decoded = decode_text(bytes);
  std::vector<std::string_view> lines = split_lines(decoded.text);
  const size_t n = lines.size();
  auto warn = [&](size_t index, const std::string& what) {
    if (warnings) warnings->push_back(fmt::format("{}: line {}: {}", source_name, index + 1, what));
  };
  // A block starts at a timing line, or at an index line right before one.
  auto starts_block = [&](size_t j) {
    return has_arrow(lines[j]) || (is_index(lines[j]) && j + 1 < n && has_arrow(lines[j + 1]));
  };

  std::vector<Cue> cues;
  size_t i = 0;
  while (i < n) {
    if (is_blank(lines[i])) {
      ++i;
      continue;
    }
    Cue cue;
    if (is_index(lines[i]) && i + 1 < n && has_arrow(lines[i + 1])) cue.id = trim(lines[i++]);
    if (!has_arrow(lines[i])) {
      if (strict) return Failure{source_name, fmt::format("line {}: expected a subtitle number or timing line, found \"{}\"", i + 1, trim(lines[i])),
          ErrorCode::invalid_input};
      warn(i, fmt::format("text outside any subtitle skipped: \"{}\"", trim(lines[i])));
      while (i < n && !is_blank(lines[i])) ++i;
      continue;
    }
    if (!parse_timing_line(lines[i], cue)) {
      std::string reason = fmt::format("line {}: malformed timing line \"{}\" (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)", i + 1, trim(lines[i]));
      if (strict) return Failure{source_name, reason, ErrorCode::invalid_input};
      if (warnings) warnings->push_back(source_name + ": " + reason + "; subtitle skipped");
      ++i;
      while (i < n && !is_blank(lines[i]) && !starts_block(i)) ++i;
      continue;
    }
    std::size_t timing_line = i;
    ++i;
    std::vector<std::string> text;
    while (i < n) {
      if (is_blank(lines[i])) {
        size_t j = i;
        while (j < n && is_blank(lines[j])) ++j;
        if (j >= n || starts_block(j)) break;
        text.emplace_back();  // a blank line inside the text, followed by more text
        i = j;
        continue;
      }
      if (starts_block(i)) break;  // the next subtitle without a blank line before it
      text.push_back(rtrim(lines[i]));
      ++i;
    }
    for (size_t k = 0; k < text.size(); ++k) {
      if (k) cue.text += '\n';
      cue.text += text[k];
    }
    // One subtitle with its times swapped costs that subtitle, not the file (as WebVTT's parser does).
    if (cue.end < cue.start) {
      std::string reason = fmt::format("line {}: the subtitle ends before it starts (\"{}\")", timing_line + 1,
                                       trim(lines[timing_line]));
      if (strict) return Failure{source_name, reason};
      if (warnings) warnings->push_back(source_name + ": " + reason + "; subtitle skipped");
      continue;
    }
    cues.push_back(std::move(cue));
  }
  return cues;
}

}  // namespace talkdex
