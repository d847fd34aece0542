// Clock times, the date line and years of an ICML-style workshop page (workshop_date.cpp). Pure functions
// on text, internal to talkdex_indexer; the workshop page reader and schedule lines (workshop_line.h) use
// them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace talkdex::workshop {

// Minutes after midnight of a clock time at s[pos]: "08:45 AM", "8:45am", "12:00 p.m.", "14:30".
// On success `pos` is moved past it. A time must be followed by the end or a space.
std::optional<int> parse_clock(std::string_view s, std::size_t& pos);

// "Sat Jun 15th 08:30 AM -- 06:00 PM @ Hall B"; the weekday, year, end time and room are optional.
struct DateLine {
  std::optional<int> weekday;  // 0 = Sunday
  int month = 0;               // 1..12
  int day = 0;
  std::optional<int> year;
  int start_minutes = 0;
  std::optional<int> end_minutes;
  std::string room;
};
std::optional<DateLine> parse_date_line(std::string_view text);

// 0 = Sunday, for a date of the proleptic Gregorian calendar.
int weekday_of(int year, int month, int day);
bool valid_date(int year, int month, int day);
// The latest year not after `not_after` in which month/day falls on `weekday`; none when it never does
// (Feb 30) within 400 years.
std::optional<int> year_for_weekday(int month, int day, int weekday, int not_after);
// The first 4-digit year 19xx or 20xx standing as a word in the text.
std::optional<int> year_in(std::string_view text);
// "2019-06-15T08:30:00".
std::string iso_local(int year, int month, int day, int minutes);
std::string_view weekday_name(int weekday);
std::string_view month_name(int month);

}  // namespace talkdex::workshop
