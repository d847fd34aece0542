// WebVTT files into cues, and the plain text of cue markup.
//
// The parser is the line-based state machine of the WebVTT draft that Mozilla's vtt.js implements
// (header, then ID / cue timings / cue text / bad cue / NOTE states), because vtt.js's test data is our
// conformance suite. Where that draft and today's W3C text differ, the draft wins, notably:
//  - a timestamp is (\d+):(\d\d)(:\d\d)?.(\d\d\d); with two fields a first field over 59 is hours
//    ("120:10.000" is 120 h 10 min), otherwise minutes;
//  - after a cue whose timings fail, every line up to the next blank line is discarded, even one that
//    holds "-->".
#include "talkdex/indexer/transcripts/subtitles.h"

#include <cctype>
#include <fmt/format.h>

#include "transcripts/text_decode.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

bool is_vtt_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

void skip_space(std::string_view s, size_t& pos) {
  while (pos < s.size() && is_vtt_space(s[pos])) ++pos;
}

// Reads a run of digits as a number; false when there is none or it is absurdly long.
bool read_digits(std::string_view s, size_t& pos, long long& value, size_t& count) {
  size_t begin = pos;
  value = 0;
  while (pos < s.size() && is_digit(s[pos])) {
    if (pos - begin >= 12) return false;
    value = value * 10 + (s[pos] - '0');
    ++pos;
  }
  count = pos - begin;
  return count > 0;
}

// A WebVTT timestamp at s[pos] in milliseconds; on success pos moves past it (and, in cue timings as
// vtt.js does, past any following characters up to white space, a letter or '-').
std::optional<long long> read_timestamp(std::string_view s, size_t& pos, bool skip_trailing = true) {
  size_t p = pos;
  long long a = 0, b = 0, c = 0, frac = 0;
  size_t n = 0;
  if (!read_digits(s, p, a, n) || p >= s.size() || s[p] != ':') return std::nullopt;
  ++p;
  if (!read_digits(s, p, b, n) || n != 2) return std::nullopt;
  bool three_fields = false;
  if (p < s.size() && s[p] == ':') {
    ++p;
    if (!read_digits(s, p, c, n) || n != 2) return std::nullopt;
    three_fields = true;
  }
  if (p >= s.size() || s[p] != '.') return std::nullopt;
  ++p;
  size_t frac_begin = p;
  if (p + 3 > s.size() || !is_digit(s[p]) || !is_digit(s[p + 1]) || !is_digit(s[p + 2])) return std::nullopt;
  frac = (s[p] - '0') * 100 + (s[p + 1] - '0') * 10 + (s[p + 2] - '0');
  p = frac_begin + 3;
  long long ms = three_fields ? ((a * 60 + b) * 60 + c) * 1000 + frac
                 : a > 59     ? (a * 60 + b) * 60 * 1000 + frac
                              : (a * 60 + b) * 1000 + frac;
  while (skip_trailing && p < s.size() && !is_vtt_space(s[p]) && !is_ascii_alpha(s[p]) && s[p] != '-') ++p;
  pos = p;
  return ms;
}

// "start --> end settings" into the cue; false when the timings do not parse.
bool parse_timings(std::string_view line, Cue& cue) {
  size_t pos = 0;
  skip_space(line, pos);
  auto start = read_timestamp(line, pos);
  if (!start) return false;
  skip_space(line, pos);
  if (line.substr(pos, 3) != "-->") return false;
  pos += 3;
  skip_space(line, pos);
  auto end = read_timestamp(line, pos);
  if (!end) return false;
  cue.start = static_cast<double>(*start) / 1000.0;
  cue.end = static_cast<double>(*end) / 1000.0;
  // Settings: white-space separated name:value pairs; a pair with no value or a second ':' is ignored.
  std::string_view rest = line.substr(pos);
  size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && is_vtt_space(rest[i])) ++i;
    size_t j = i;
    while (j < rest.size() && !is_vtt_space(rest[j])) ++j;
    std::string_view token = rest.substr(i, j - i);
    size_t colon = token.find(':');
    if (colon != std::string_view::npos && colon > 0 && colon + 1 < token.size() &&
        token.find(':', colon + 1) == std::string_view::npos) {
      cue.settings.emplace(std::string(token.substr(0, colon)), std::string(token.substr(colon + 1)));
    }
    i = j;
  }
  return true;
}

bool block_keyword(std::string_view line, std::string_view word) {
  return line.substr(0, word.size()) == word && (line.size() == word.size() || line[word.size()] == ' ' ||
                                                 line[word.size()] == '\t');
}

bool has_arrow(std::string_view line) { return line.find("-->") != std::string_view::npos; }

// The input as the WebVTT parser sees it: BOM removed, invalid UTF-8 and NUL replaced by U+FFFD.
std::string preprocess(std::string_view content) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  std::string text = is_valid_utf8(content) ? std::string(content) : sanitize_utf8(content);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\0') out += "\xEF\xBF\xBD";
    else out += c;
  }
  return out;
}

}  // namespace

Result<std::vector<Cue>> parse_webvtt(std::string_view content, const std::string& source_name,
                                      std::vector<std::string>* warnings) {
  std::string text = preprocess(content);
  std::vector<std::string_view> lines = split_lines(text);
  if (lines.empty()) return Failure{source_name, "line 1: empty file, expected the WEBVTT signature",
      ErrorCode::invalid_input};
  std::string_view first = lines[0];
  if (!(first == "WEBVTT" || (first.size() > 6 && first.substr(0, 6) == "WEBVTT" && (first[6] == ' ' || first[6] == '\t')))) {
    return Failure{source_name, "line 1: not a WebVTT file (the first line must be WEBVTT)", ErrorCode::invalid_input};
  }
  auto warn = [&](size_t line_index, const std::string& what) {
    if (warnings) warnings->push_back(fmt::format("{}: line {}: {}", source_name, line_index + 1, what));
  };

  enum class State { Header, Id, Cue, CueText, BadCue, Skip };
  State state = State::Header;
  std::vector<Cue> cues;
  Cue cue;
  // The end of the input acts as a blank line, which closes the last cue.
  lines.push_back(std::string_view());
  for (size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    bool reprocess = true;
    while (reprocess) {
      reprocess = false;
      switch (state) {
        case State::Header:  // metadata lines after the signature, up to the first blank line
          if (line.empty()) state = State::Id;
          break;
        case State::Skip:  // NOTE, STYLE and REGION blocks
        case State::BadCue:
          if (line.empty()) state = State::Id;
          break;
        case State::Id:
          if (line.empty()) break;
          if (block_keyword(line, "NOTE")) {
            state = State::Skip;
            break;
          }
          if ((block_keyword(line, "STYLE") || block_keyword(line, "REGION")) && !has_arrow(line)) {
            if (!cues.empty()) warn(i, fmt::format("{} block after the first cue ignored", line.substr(0, 5) == "STYLE" ? "STYLE" : "REGION"));
            state = State::Skip;
            break;
          }
          cue = Cue{};
          state = State::Cue;
          if (!has_arrow(line)) {
            cue.id = std::string(line);
            break;
          }
          reprocess = true;  // the line holds the timings
          break;
        case State::Cue:
          if (line.empty()) {  // an identifier alone is not a cue; the next block may be one
            warn(i - 1, fmt::format("cue identifier \"{}\" without timings ignored", cue.id));
            state = State::Id;
          } else if (!parse_timings(line, cue)) {
            // An "identifier" that starts like a timestamp was the timing line, written without "-->".
            size_t p = 0;
            bool id_was_timings = read_timestamp(cue.id, p).has_value();
            warn(id_was_timings ? i - 1 : i,
                 fmt::format("cue skipped: malformed cue timings \"{}\"", id_was_timings ? cue.id : std::string(line)));
            state = State::BadCue;
          } else {
            state = State::CueText;
          }
          break;
        case State::CueText:
          if (line.empty() || has_arrow(line)) {
            cues.push_back(std::move(cue));
            cue = Cue{};
            state = State::Id;
            reprocess = !line.empty();  // a line with "-->" ends this cue and starts the next one
            break;
          }
          if (!cue.text.empty()) cue.text += '\n';
          cue.text += line;
          break;
      }
    }
  }
  return cues;
}

std::string strip_cue_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '<' && i + 1 < text.size() &&
        (is_ascii_alpha(text[i + 1]) || text[i + 1] == '/' || is_digit(text[i + 1]))) {
      size_t close = text.find('>', i);
      size_t eol = text.find('\n', i);
      bool tag = close != std::string_view::npos && (eol == std::string_view::npos || close < eol);
      if (tag && is_digit(text[i + 1])) {  // only a timestamp tag, not "2<3,5>1"
        size_t p = i + 1;
        tag = read_timestamp(text, p, false).has_value() && p == close;
      }
      if (tag) {
        i = close + 1;
        continue;
      }
    }
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '\\') {  // ASS override block in SubRip: {\an8}
      size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
    }
    if (c == '&') {
      size_t semi = text.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        std::string_view name = text.substr(i + 1, semi - i - 1);
        std::string decoded;
        bool known = true;
        if (name == "amp") decoded = "&";
        else if (name == "lt") decoded = "<";
        else if (name == "gt") decoded = ">";
        else if (name == "quot") decoded = "\"";
        else if (name == "apos") decoded = "'";
        else if (name == "nbsp") decoded = " ";
        else if (name == "lrm" || name == "rlm") decoded = "";
        else if (name.size() >= 2 && name[0] == '#') {
          bool hex = name[1] == 'x' || name[1] == 'X';
          std::string digits(name.substr(hex ? 2 : 1));
          char* endp = nullptr;
          unsigned long cp = digits.empty() ? 0 : std::strtoul(digits.c_str(), &endp, hex ? 16 : 10);
          known = !digits.empty() && endp && *endp == '\0' && cp > 0;
          if (known) append_utf8(decoded, static_cast<char32_t>(cp));
        } else {
          known = false;
        }
        if (known) {
          out += decoded;
          i = semi + 1;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace talkdex
