// Chapters from a video description, the way YouTube reads "timestamps" in one, and the writer of such
// lines.
//
// A line is a chapter when a timestamp (M:SS, MM:SS, H:MM:SS) stands at its start or its end, alone
// or in brackets ("00:00 Intro", "[12:34] Title", "Title 12:34", "1. Title (12:34)"); the rest of the
// line, without separators such as " - ", is the title. In the HTML YouTube once served, timestamps are
// links (<a onclick="...seekTo(...)">4:26</a>), and such a link counts wherever it stands in the line
// ("Suite-Pee 4:26 (Incomplete)"), as youtube-dl read them.
#include <cmath>

#include <fmt/format.h>

#include "chapters/chapters_internal.h"
#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/indexer/transcripts/subtitles.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

constexpr char kMark = '\x01';  // brackets a timestamp that was a link in the HTML

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A timestamp token at s[pos]: digits ':' two digits [':' two digits]; its length and seconds.
std::optional<std::pair<size_t, double>> read_token(std::string_view s, size_t pos) {
  size_t p = pos;
  long long fields[3] = {0, 0, 0};
  int count = 0;
  while (count < 3) {
    size_t begin = p;
    while (p < s.size() && is_digit(s[p]) && p - begin < 3) fields[count] = fields[count] * 10 + (s[p++] - '0');
    size_t n = p - begin;
    if (n == 0 || (count > 0 && n != 2) || (p < s.size() && is_digit(s[p]))) return std::nullopt;
    ++count;
    if (p + 1 < s.size() && s[p] == ':' && is_digit(s[p + 1]) && count < 3) {
      ++p;
      continue;
    }
    break;
  }
  if (count < 2) return std::nullopt;
  if (p < s.size() && (is_alnum(s[p]) || s[p] == ':')) return std::nullopt;  // "12:34pm", "1:2:3:4"
  double seconds = 0;
  if (count == 3) {
    if (fields[1] > 59 || fields[2] > 59) return std::nullopt;
    seconds = static_cast<double>((fields[0] * 60 + fields[1]) * 60 + fields[2]);
  } else {
    if (fields[1] > 59) return std::nullopt;
    seconds = static_cast<double>(fields[0] * 60 + fields[1]);
  }
  return std::make_pair(p - pos, seconds);
}

bool is_separator_char(std::string_view s, size_t i, size_t& len) {
  static constexpr std::string_view kMulti[] = {"\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA2", "\xC2\xB7", "\xE2\x96\xB6"};  // – — • · ▶
  char c = s[i];
  if (c == '-' || c == ':' || c == '|' || c == '~' || c == '*' || c == '>') {
    len = 1;
    return true;
  }
  for (std::string_view m : kMulti) {
    if (s.substr(i, m.size()) == m) {
      len = m.size();
      return true;
    }
  }
  return false;
}

// Removes separator runs (" - ", "| ", "• ") at the start and end of a title; a run counts only when
// white space or the edge bounds it, so "-5 degrees" and "B.Y.O.B." stay as they are.
std::string strip_separators(std::string text) {
  for (bool changed = true; changed;) {
    changed = false;
    text = trim(text);
    size_t i = 0, len = 0;
    while (i < text.size() && is_separator_char(text, i, len)) i += len;
    if (i > 0 && (i == text.size() || text[i] == ' ' || text[i] == '\t')) {
      text.erase(0, i);
      changed = true;
      continue;
    }
    size_t end = text.size();
    size_t j = end;
    while (j > 0) {  // scan back over a separator run
      size_t k = j - 1;
      while (k > 0 && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) --k;  // start of a UTF-8 char
      if (!is_separator_char(text, k, len) || k + len != j) break;
      j = k;
    }
    if (j < end && (j == 0 || text[j - 1] == ' ' || text[j - 1] == '\t')) {
      text.erase(j);
      changed = true;
    }
  }
  return text;
}

bool only_openers(std::string_view s) {  // what may stand before a line-start timestamp
  std::string t = trim(s);
  size_t len = 0;
  for (size_t i = 0; i < t.size();) {
    if (t[i] == '[' || t[i] == '(' || t[i] == ' ' || t[i] == '\t') ++i;
    else if (is_separator_char(t, i, len)) i += len;
    else return false;
  }
  return true;
}

bool only_closers(std::string_view s) {  // what may stand after a line-end timestamp
  for (char c : trim(s))
    if (c != ']' && c != ')' && c != ' ' && c != '\t' && c != '.' && c != ',') return false;
  return true;
}

// The HTML of a description as text lines; link texts that are timestamps are bracketed by kMark.
std::string html_to_text(std::string_view html) {
  std::string out;
  size_t i = 0;
  while (i < html.size()) {
    if (html[i] != '<') {
      out += html[i++];
      continue;
    }
    size_t close = html.find('>', i);
    if (close == std::string_view::npos) {
      out += html.substr(i);
      break;
    }
    std::string tag = to_lower_ascii(html.substr(i + 1, close - i - 1));
    if (tag.rfind("a ", 0) == 0 || tag == "a") {
      size_t end_a = html.find("</a>", close);
      if (end_a != std::string_view::npos) {
        std::string inner = trim(html.substr(close + 1, end_a - close - 1));
        auto token = read_token(inner, 0);
        if (token && token->first == inner.size()) out += std::string(1, kMark) + inner + kMark;
        else out += html_to_text(inner);
        i = end_a + 4;
        continue;
      }
    } else if (tag.rfind("br", 0) == 0 || tag == "p" || tag == "/p" || tag == "/div" || tag == "li") {
      out += '\n';
    }
    i = close + 1;
  }
  return out;
}

struct Found {
  double start = 0;
  std::string title;
  size_t line = 0;
};

std::optional<Found> chapter_from_line(std::string_view line, bool html) {
  // The first timestamp that counts: a marked link anywhere, else one at the start or end of the line.
  for (size_t pos = 0; pos < line.size(); ++pos) {
    bool marked = line[pos] == kMark;
    size_t at = marked ? pos + 1 : pos;
    if (at >= line.size() || !is_digit(line[at])) continue;
    if (!marked && pos > 0 && (is_alnum(line[pos - 1]) || line[pos - 1] == ':' || line[pos - 1] == '.' ||
                               line[pos - 1] == '/' || line[pos - 1] == kMark))
      continue;
    auto token = read_token(line, at);
    if (!token) continue;
    size_t end = at + token->first;
    if (marked) {
      if (end >= line.size() || line[end] != kMark) continue;
      ++end;
    }
    std::string_view before = line.substr(0, pos), after = line.substr(end);
    if (!marked && !only_openers(before) && !only_closers(after)) continue;
    // Brackets around the timestamp go with it: "(12:34)", "[12:34]".
    std::string b = trim(before), a = trim(after);
    if (!b.empty() && !a.empty() && ((b.back() == '(' && a.front() == ')') || (b.back() == '[' && a.front() == ']'))) {
      b.pop_back();
      a.erase(0, 1);
    }
    if (!b.empty() && b.back() == ':') b.pop_back();  // "Intro: 0:00"
    b = strip_separators(b);
    a = strip_separators(a);
    std::string title = strip_separators(collapse_space(b + " " + a));
    if (html) title = strip_cue_markup(title);  // character references of the HTML
    std::string clean;
    for (char c : title)
      if (c != kMark) clean += c;
    return Found{token->second, collapse_space(clean), 0};
  }
  return std::nullopt;
}

}  // namespace

Result<ChapterList> parse_youtube_description(std::string_view content, const std::string& source_name,
                                              std::optional<double> duration) {
  std::string lowered = to_lower_ascii(content);
  bool html = lowered.find("<br") != std::string::npos || lowered.find("</a>") != std::string::npos;
  std::string text = html ? html_to_text(content) : std::string(content);
  std::vector<std::string> warnings;
  std::vector<Found> found;
  size_t number = 0;
  for (const std::string& raw : split(text, '\n')) {
    ++number;
    std::string line = raw;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (auto f = chapter_from_line(line, html)) {
      f->line = number;
      found.push_back(std::move(*f));
    }
  }
  if (found.size() < 2) {
    warnings.push_back(fmt::format("{}: {} no chapters: a chapter list needs at least two timestamped lines", source_name,
                                   found.empty() ? "no timestamped line;" : fmt::format("only line {} has a timestamp;", found[0].line)));
    return ChapterList{{}, std::move(warnings)};
  }
  if (found.front().start != 0)
    warnings.push_back(fmt::format("{}: line {}: the first chapter starts at {}, not 0:00", source_name, found.front().line,
                                   format_hms(found.front().start)));
  std::vector<TocEntry> items;
  for (Found& f : found) {
    TocEntry item;
    item.start = f.start;
    item.title = std::move(f.title);
    item.source = kTocFile;
    item.confidence = 1.0;
    items.push_back(std::move(item));
  }
  return finish_chapters(std::move(items), duration, source_name, std::move(warnings));
}

std::string write_youtube(const std::vector<TocEntry>& items) {
  std::string out;
  for (const TocEntry& item : items) {
    long long s = std::llround(std::max(0.0, item.start));
    std::string at = s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                               : fmt::format("{}:{:02}", s / 60, s % 60);
    out += at + " " + collapse_space(item.title) + "\n";
  }
  return out;
}

}  // namespace talkdex
