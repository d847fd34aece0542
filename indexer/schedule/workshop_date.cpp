// Clock times, the date line and years of a workshop page.
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "talkdex/text.h"
#include "schedule/workshop_date.h"

namespace talkdex::workshop {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 12> kMonths = {"january", "february", "march",     "april",
                                                      "may",     "june",     "july",      "august",
                                                      "september", "october", "november", "december"};

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

void skip_spaces(std::string_view s, size_t& pos) {
  while (pos < s.size() && s[pos] == ' ') ++pos;
}

std::string_view word_at(std::string_view s, size_t pos) {
  size_t end = pos;
  while (end < s.size() && is_alpha(s[end])) ++end;
  return s.substr(pos, end - pos);
}

// Index of the name that `word` abbreviates (at least 3 letters: "Sat", "Sept", "June"), or -1.
template <size_t N>
int abbreviation_of(std::string_view word, const std::array<std::string_view, N>& names) {
  if (word.size() < 3) return -1;
  std::string lower = to_lower_ascii(word);
  for (size_t i = 0; i < N; ++i)
    if (names[i].substr(0, lower.size()) == lower) return static_cast<int>(i);
  return -1;
}

// Skips "--", "-", "–", "—" or "to" between two times; false when none is there.
bool skip_range_separator(std::string_view s, size_t& pos) {
  for (std::string_view sep : {"--", "\xE2\x80\x93", "\xE2\x80\x94", "-", "to "}) {
    if (s.substr(pos, sep.size()) == sep) {
      pos += sep.size();
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<int> parse_clock(std::string_view s, size_t& pos) {
  size_t i = pos;
  int hours = 0, digits = 0;
  while (i < s.size() && is_digit(s[i]) && digits < 2) hours = hours * 10 + (s[i++] - '0'), ++digits;
  if (digits == 0 || i >= s.size() || s[i] != ':') return std::nullopt;
  ++i;
  if (i + 2 > s.size() || !is_digit(s[i]) || !is_digit(s[i + 1])) return std::nullopt;
  int minutes = (s[i] - '0') * 10 + (s[i + 1] - '0');
  i += 2;
  if (minutes > 59 || (i < s.size() && is_digit(s[i]))) return std::nullopt;
  // An optional AM/PM, with or without a space and dots.
  size_t j = i;
  skip_spaces(s, j);
  std::optional<bool> pm;
  if (j < s.size() && (s[j] == 'a' || s[j] == 'A' || s[j] == 'p' || s[j] == 'P')) {
    size_t k = j + 1;
    if (k < s.size() && s[k] == '.') ++k;
    if (k < s.size() && (s[k] == 'm' || s[k] == 'M')) {
      ++k;
      if (k < s.size() && s[k] == '.') ++k;
      if (k == s.size() || s[k] == ' ' || s[k] == ',') {
        pm = (s[j] == 'p' || s[j] == 'P');
        i = k;
      }
    }
  }
  if (pm) {
    if (hours < 1 || hours > 12) return std::nullopt;
    hours = hours % 12 + (*pm ? 12 : 0);
  } else if (hours > 23) {
    return std::nullopt;
  }
  if (i < s.size() && s[i] != ' ' && s[i] != ',') return std::nullopt;
  pos = i;
  return hours * 60 + minutes;
}

std::optional<DateLine> parse_date_line(std::string_view text) {
  std::string s = collapse_space(text);
  DateLine out;
  size_t pos = 0;
  std::string_view word = word_at(s, pos);
  if (int wd = abbreviation_of(word, kWeekdays); wd >= 0 && word.size() <= kWeekdays[wd].size()) {
    out.weekday = wd;
    pos += word.size();
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) ++pos;
    skip_spaces(s, pos);
    word = word_at(s, pos);
  }
  int month = abbreviation_of(word, kMonths);
  if (month < 0) return std::nullopt;
  out.month = month + 1;
  pos += word.size();
  if (pos < s.size() && s[pos] == '.') ++pos;
  skip_spaces(s, pos);
  int digits = 0;
  while (pos < s.size() && is_digit(s[pos]) && digits < 2) out.day = out.day * 10 + (s[pos++] - '0'), ++digits;
  if (digits == 0 || (pos < s.size() && is_digit(s[pos]))) return std::nullopt;
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (to_lower_ascii(std::string_view(s).substr(pos, 2)) == suffix) {
      pos += 2;
      break;
    }
  }
  if (pos < s.size() && s[pos] == ',') ++pos;
  if (!valid_date(2000, out.month, out.day)) return std::nullopt;  // 2000 is a leap year: Feb 29 passes
  skip_spaces(s, pos);
  // A year, when the line gives one: four digits not followed by ':'.
  if (pos + 4 <= s.size() && is_digit(s[pos]) && is_digit(s[pos + 1]) && is_digit(s[pos + 2]) &&
      is_digit(s[pos + 3]) && (pos + 4 == s.size() || s[pos + 4] == ' ' || s[pos + 4] == ',')) {
    out.year = std::stoi(s.substr(pos, 4));
    pos += 4;
    if (pos < s.size() && s[pos] == ',') ++pos;
    skip_spaces(s, pos);
  }
  auto start = parse_clock(s, pos);
  if (!start) return std::nullopt;
  out.start_minutes = *start;
  skip_spaces(s, pos);
  size_t before_separator = pos;
  if (skip_range_separator(s, pos)) {
    skip_spaces(s, pos);
    auto end = parse_clock(s, pos);
    if (!end) return std::nullopt;
    out.end_minutes = *end;
    skip_spaces(s, pos);
  } else {
    pos = before_separator;
  }
  if (pos < s.size() && s[pos] == '@') {
    out.room = trim(std::string_view(s).substr(pos + 1));
    pos = s.size();
  }
  if (pos != s.size()) return std::nullopt;
  return out;
}

bool valid_date(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

int weekday_of(int year, int month, int day) {
  auto epoch = iso_to_epoch(fmt::format("{:04}-{:02}-{:02}", year, month, day));
  long long days = epoch ? *epoch / 86400 : 0;
  if (epoch && *epoch < 0 && *epoch % 86400 != 0) --days;
  // 1970-01-01 was a Thursday (4).
  return static_cast<int>(((days % 7) + 7 + 4) % 7);
}

std::optional<int> year_for_weekday(int month, int day, int weekday, int not_after) {
  // The Gregorian calendar repeats every 400 years, so looking further back finds nothing new.
  for (int year = not_after; year > not_after - 400; --year)
    if (valid_date(year, month, day) && weekday_of(year, month, day) == weekday) return year;
  return std::nullopt;
}

std::optional<int> year_in(std::string_view text) {
  for (size_t i = 0; i + 4 <= text.size(); ++i) {
    if (i > 0 && (is_digit(text[i - 1]) || is_alpha(text[i - 1]))) continue;
    std::string_view four = text.substr(i, 4);
    if (!(four.substr(0, 2) == "19" || four.substr(0, 2) == "20") || !is_digit(four[2]) || !is_digit(four[3]))
      continue;
    if (i + 4 < text.size() && (is_digit(text[i + 4]) || is_alpha(text[i + 4]))) continue;
    return std::stoi(std::string(four));
  }
  return std::nullopt;
}

std::string iso_local(int year, int month, int day, int minutes) {
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:00", year, month, day, minutes / 60, minutes % 60);
}

std::string_view weekday_name(int weekday) {
  static constexpr std::array<std::string_view, 7> kNames = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                             "Thursday", "Friday", "Saturday"};
  return weekday >= 0 && weekday < 7 ? kNames[weekday] : std::string_view("?");
}

std::string_view month_name(int month) {
  static constexpr std::array<std::string_view, 12> kNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return month >= 1 && month <= 12 ? kNames[month - 1] : std::string_view("?");
}

}  // namespace talkdex::workshop
