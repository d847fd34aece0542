#include "schedule/schedule_common.h"

#include <fmt/format.h>

#include <cctype>
#include <map>

#include "schedule/page_lines.h"
#include "talkdex/limits.h"
#include "talkdex/text.h"

namespace talkdex::schedule_detail {
namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "+02:00", "+0200", "+02", "Z" -> the canonical "+02:00" / "Z"; nullopt when malformed.
std::optional<std::string> parse_offset(std::string_view s) {
  if (s.empty()) return std::string();
  if (s == "Z" || s == "z") return std::string("Z");
  if (s[0] != '+' && s[0] != '-') return std::nullopt;
  std::string digits;
  for (char c : s.substr(1)) {
    if (c == ':') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    digits += c;
  }
  if (digits.size() == 2) digits += "00";
  if (digits.size() != 4 || to_int(digits.substr(0, 2)) > 23 || to_int(digits.substr(2)) > 59) return std::nullopt;
  return fmt::format("{}{}:{}", s[0], digits.substr(0, 2), digits.substr(2));
}

}  // namespace

std::optional<size_t> first_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    char32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
    i += len;
  }
  return std::nullopt;
}

std::optional<int> time_of_day_seconds(std::string_view s) {
  auto parts = split(trim(s), ':');
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  for (const auto& p : parts) {
    if (!all_digits(p) || p.size() > 2) return std::nullopt;
  }
  int h = to_int(parts[0]), m = to_int(parts[1]), sec = parts.size() == 3 ? to_int(parts[2]) : 0;
  if (h > 23 || m > 59 || sec > 59) return std::nullopt;
  return h * 3600 + m * 60 + sec;
}

std::optional<Stamp> parse_stamp(std::string_view text) {
  std::string s = trim(text);
  if (s.size() < 16 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
  std::string_view date = std::string_view(s).substr(0, 10);
  std::string_view rest = std::string_view(s).substr(11);
  // The time runs to the offset (or the end); a fraction of a second is dropped.
  size_t end = rest.find_first_of("+-Zz");
  std::string_view time = rest.substr(0, end);
  std::string_view offset = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  if (size_t dot = time.find('.'); dot != std::string_view::npos) {
    if (!all_digits(time.substr(dot + 1))) return std::nullopt;
    time = time.substr(0, dot);
  }
  auto off = parse_offset(offset);
  if (!off) return std::nullopt;
  return stamp_from(date, time, *off);
}

std::optional<Stamp> stamp_from(std::string_view date, std::string_view time_of_day, const std::string& offset) {
  date = date.substr(0, 10);
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !all_digits(date.substr(0, 4)) ||
      !all_digits(date.substr(5, 2)) || !all_digits(date.substr(8, 2))) {
    return std::nullopt;
  }
  auto secs = time_of_day_seconds(time_of_day);
  if (!secs) return std::nullopt;
  std::string local = fmt::format("{}T{:02}:{:02}:{:02}", date, *secs / 3600, *secs / 60 % 60, *secs % 60);
  // Round trip through the epoch to refuse days such as 2019-02-31.
  auto epoch = iso_to_epoch(local);
  if (!epoch || epoch_to_iso(*epoch) != local) return std::nullopt;
  return Stamp{local, offset};
}

std::optional<Stamp> start_in_day(std::string_view date, std::string_view time_of_day,
                                  const std::optional<Stamp>& day_start) {
  std::string day = std::string(date.substr(0, 10));
  if (day.empty() && day_start) day = day_start->local.substr(0, 10);
  auto s = stamp_from(day, time_of_day, day_start ? day_start->offset : std::string());
  if (s && day_start && day_start->local.substr(0, 10) == day) {
    auto t = time_of_day_seconds(time_of_day);
    auto d = time_of_day_seconds(day_start->local.substr(11));
    if (t && d && *t < *d) *s = add_seconds(*s, 86400);
  }
  return s;
}

Stamp add_seconds(const Stamp& s, long long seconds) {
  auto epoch = iso_to_epoch(s.local);  // the local part has no offset: wall-clock arithmetic
  if (!epoch) return s;
  return Stamp{epoch_to_iso(*epoch + seconds), s.offset};
}

std::optional<long long> parse_duration(std::string_view text) {
  auto parts = split(trim(text), ':');
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  for (const auto& p : parts) {
    if (!all_digits(p) || p.size() > 6) return std::nullopt;
  }
  long long minutes = to_int(parts.back());
  long long hours = to_int(parts[parts.size() - 2]);
  long long days = parts.size() == 3 ? to_int(parts[0]) : 0;
  if (minutes > 59 || (parts.size() == 3 && hours > 23)) return std::nullopt;
  return ((days * 24 + hours) * 60 + minutes) * 60;
}

std::string event_key(std::string_view acronym, std::string_view title) {
  std::string a = trim(acronym);
  if (!a.empty()) return "frab:" + a;
  std::string slug;
  for (char c : to_lower_ascii(fold_accents(collapse_space(title)))) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      slug += c;
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? std::string() : "frab:" + slug;
}

std::string talk_kind(std::string_view type) {
  std::string kind = to_lower_ascii(collapse_space(type));
  return kind == "lecture" ? "talk" : kind;
}

std::string schedule_text(std::string_view text) {
  bool markup = false;
  for (std::size_t i = 0; i + 1 < text.size() && !markup; ++i)
    markup = text[i] == '<' && (std::isalpha(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '/');
  std::vector<std::string> lines;
  page::PageText html;
  if (markup) html = page::html_page_lines(text, "");
  if (markup && !html.refused) {
    // Each block (<p>, <li>, a line ended by <br>) is a paragraph of its own.
    for (auto& line : html.lines) {
      lines.push_back(std::move(line.text));
      lines.emplace_back();
    }
  } else {
    // Not markup, or markup past the HTML limits (talkdex/limits.h): kept as the text it is.
    for (const auto& line : split(std::string(text), '\n')) lines.push_back(collapse_space(line));
  }
  std::string out;
  bool gap = false;
  for (const auto& line : lines) {
    if (line.empty()) {
      gap = !out.empty();
      continue;
    }
    if (!out.empty()) out += gap ? "\n\n" : " ";
    out += line;
    gap = false;
  }
  return out;
}

std::string abstract_and_description(std::string_view abstract, std::string_view description) {
  std::string a = schedule_text(abstract), d = schedule_text(description);
  if (a.empty()) return d;
  if (d.empty() || d == a) return a;
  return a + "\n\n" + d;
}

void cut_long_titles(Schedule& schedule) {
  if (cut_to_bytes(schedule.event.title, limits::kMaxTitleBytes))
    schedule.warnings.push_back(fmt::format("the conference's title is longer than {} bytes (the limit): cut there",
                                            limits::kMaxTitleBytes));
  for (auto& t : schedule.talks)
    if (cut_to_bytes(t.title, limits::kMaxTitleBytes))
      schedule.warnings.push_back(fmt::format("the title of event {} is longer than {} bytes (the limit): cut there",
                                              t.key, limits::kMaxTitleBytes));
}

void finish_schedule(Schedule& schedule) {
  cut_long_titles(schedule);
  std::map<std::string, int> seen;
  for (auto& t : schedule.talks) {
    int n = ++seen[t.key];
    if (n == 1) continue;
    std::string renamed = fmt::format("{}#{}", t.key, n);
    schedule.warnings.push_back(fmt::format("two events share the id {} (\"{}\"): the second is kept as {}", t.key,
                                            t.title, renamed));
    t.key = renamed;
  }
  // Without a time from the conference, the event spans its talks (compared on the absolute time).
  std::optional<long long> first, last;
  std::string first_start, last_end;
  for (const auto& t : schedule.talks) {
    if (auto s = iso_to_epoch(t.start); s && (!first || *s < *first)) first = s, first_start = t.start;
    if (auto e = iso_to_epoch(t.end); e && (!last || *e > *last)) last = e, last_end = t.end;
  }
  if (schedule.event.start.empty()) schedule.event.start = first_start;
  if (schedule.event.end.empty()) schedule.event.end = last_end;
  if (schedule.event.date.empty() && schedule.event.start.size() >= 10) {
    schedule.event.date = schedule.event.start.substr(0, 10);
  }
}

void add_link(std::vector<Link>& links, std::string url, std::string title) {
  url = trim(url);
  if (url.empty()) return;
  for (const auto& l : links) {
    if (l.url == url && l.title == title) return;
  }
  links.push_back(Link{url, std::move(title), std::nullopt});
}

}  // namespace talkdex::schedule_detail
