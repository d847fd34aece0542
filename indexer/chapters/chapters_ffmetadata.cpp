// FFmpeg's ffmetadata chapters (doc/metadata.texi, libavformat/ffmetadec.c).
//
// Differences from FFmpeg's reader, all on the strict side or order-independent: a backslash before a
// character other than '=', ';', '#', '\' or a line end is an error (FFmpeg silently keeps the character),
// START/END/TIMEBASE must be whole numbers with nothing after them, and TIMEBASE/START/END may come in any
// order within a [CHAPTER] section (FFmpeg expects that order).
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "chapters/chapters_internal.h"
#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

// One key=value line of the file, escapes resolved.
struct Entry {
  size_t line = 0;         // where it starts, 1-based
  std::string key, value;
  bool has_equals = false;
};

// A whole number with an optional minus and nothing else; one past what a long long holds is not one
// (fuzz_ffmetadata found "START=9223372036854775808" overflowing the digit-by-digit sum this replaced).
bool parse_integer(std::string_view text, long long& out) {
  std::string t = trim(text);
  const char* end = t.data() + t.size();
  auto [stop, error] = std::from_chars(t.data(), end, out);
  return !t.empty() && error == std::errc() && stop == end;
}

struct Chapter {
  size_t line = 0;
  long long num = 1, den = 1000000000;
  std::optional<long long> start, end;
  std::string title;
};

std::string escape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\r') {  // CR and CRLF in a title are newlines
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      c = '\n';
    }
    if (c == '=' || c == ';' || c == '#' || c == '\\' || c == '\n') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

Result<ChapterList> parse_ffmetadata(std::string_view content, const std::string& source_name) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  size_t header_end = content.find_first_of("\r\n");
  std::string header = trim(content.substr(0, header_end));
  if (header.rfind(";FFMETADATA", 0) != 0)
    return Failure{source_name, "line 1: not an ffmetadata file (the first line must be ;FFMETADATA1)",
        ErrorCode::invalid_input};

  std::vector<std::string> warnings;
  std::vector<Chapter> chapters;
  enum class Section { Global, Chapter, Other } section = Section::Global;
  size_t line = 2;
  size_t i = header_end == std::string_view::npos ? content.size() : header_end;
  auto at_line_end = [&](size_t& p) {  // consumes one line terminator at p, if any
    if (p < content.size() && content[p] == '\r') ++p;
    if (p < content.size() && content[p] == '\n') ++p;
  };
  at_line_end(i);

  while (i < content.size()) {
    char c = content[i];
    if (c == '\r' || c == '\n') {  // an empty line
      at_line_end(i);
      ++line;
      continue;
    }
    if (c == ';' || c == '#' || c == '[') {  // a comment or a section header runs to the end of the line
      size_t e = content.find_first_of("\r\n", i);
      if (e == std::string_view::npos) e = content.size();
      std::string text = trim(content.substr(i, e - i));
      if (c == '[') {
        if (text == "[CHAPTER]") {
          section = Section::Chapter;
          chapters.emplace_back();
          chapters.back().line = line;
        } else {
          if (text != "[STREAM]") warnings.push_back(fmt::format("{}: line {}: unknown section {} ignored", source_name, line, text));
          section = Section::Other;
        }
      }
      i = e;
      at_line_end(i);
      ++line;
      continue;
    }
    Entry entry;
    entry.line = line;
    std::string* target = &entry.key;
    while (i < content.size() && content[i] != '\r' && content[i] != '\n') {
      char ch = content[i++];
      if (ch == '\\') {
        if (i >= content.size())
          return Failure{source_name, fmt::format("line {}: a backslash ends the file (nothing to escape)", line),
              ErrorCode::invalid_input};
        char next = content[i++];
        if (next == '\r' || next == '\n') {  // an escaped line end is a newline in the value
          if (next == '\r' && i < content.size() && content[i] == '\n') ++i;
          *target += '\n';
          ++line;
        } else if (next == '=' || next == ';' || next == '#' || next == '\\') {
          *target += next;
        } else {
          return Failure{source_name, fmt::format("line {}: bad escape \"\\{}\" (only =, ;, #, \\ and newline are escaped)", line, next),
              ErrorCode::invalid_input};
        }
      } else if (ch == '=' && !entry.has_equals) {
        entry.has_equals = true;
        target = &entry.value;
      } else {
        *target += ch;
      }
    }
    at_line_end(i);
    ++line;

    if (section != Section::Chapter) continue;  // the file's own metadata and stream tags
    if (!entry.has_equals) {
      warnings.push_back(fmt::format("{}: line {}: \"{}\" is not key=value; ignored", source_name, entry.line, entry.key));
      continue;
    }
    Chapter& chapter = chapters.back();
    std::string key = to_lower_ascii(entry.key);
    if (key == "timebase") {
      size_t slash = entry.value.find('/');
      long long num = 0, den = 0;
      if (slash == std::string::npos || !parse_integer(entry.value.substr(0, slash), num) ||
          !parse_integer(entry.value.substr(slash + 1), den) || num <= 0 || den <= 0)
        return Failure{source_name, fmt::format("line {}: bad TIMEBASE \"{}\" (expected num/den, e.g. 1/1000)", entry.line, entry.value),
            ErrorCode::invalid_input};
      chapter.num = num;
      chapter.den = den;
    } else if (key == "start" || key == "end") {
      long long v = 0;
      if (!parse_integer(entry.value, v))
        return Failure{source_name, fmt::format("line {}: {} is not a whole number: \"{}\"", entry.line, entry.key, entry.value),
            ErrorCode::invalid_input};
      (key == "start" ? chapter.start : chapter.end) = v;
    } else if (key == "title") {
      chapter.title = entry.value;
    }
  }

  std::vector<TocEntry> items;
  std::optional<double> previous_end;
  for (const Chapter& chapter : chapters) {
    auto seconds = [&](long long v) {
      return static_cast<double>(static_cast<long double>(v) * chapter.num / chapter.den);
    };
    TocEntry item;
    item.title = chapter.title;
    item.source = kTocFile;
    item.confidence = 1.0;
    if (chapter.end) item.end = seconds(*chapter.end);
    if (chapter.start) {
      item.start = seconds(*chapter.start);
    } else if (&chapter == &chapters.front()) {
      item.start = 0;
      warnings.push_back(fmt::format("{}: line {}: chapter \"{}\" has no START; it starts at 0", source_name, chapter.line, chapter.title));
    } else if (previous_end) {
      item.start = *previous_end;
      warnings.push_back(fmt::format("{}: line {}: chapter \"{}\" has no START; it starts where the previous one ends ({})",
                                     source_name, chapter.line, chapter.title, format_vtt_time(*previous_end)));
    } else {
      warnings.push_back(fmt::format("{}: line {}: chapter \"{}\" has no START and the previous chapter no END; dropped",
                                     source_name, chapter.line, chapter.title));
      previous_end = item.end;
      continue;
    }
    previous_end = item.end;
    items.push_back(std::move(item));
  }
  return finish_chapters(std::move(items), std::nullopt, source_name, std::move(warnings));
}

std::string write_ffmetadata(const std::vector<TocEntry>& items, std::optional<double> duration) {
  std::string out = ";FFMETADATA1\n";
  for (size_t i = 0; i < items.size(); ++i) {
    out += "\n[CHAPTER]\nTIMEBASE=1/1000\n";
    out += fmt::format("START={}\n", std::llround(items[i].start * 1000.0));
    if (auto end = end_for_writing(items, i, duration)) out += fmt::format("END={}\n", std::llround(*end * 1000.0));
    out += "title=" + escape(items[i].title) + "\n";
  }
  return out;
}

}  // namespace talkdex
