// The pieces of an ICML-style workshop page, one line at a time: clock times, the date line, schedule
// lines ("09:00 AM Nati Srebro: Title (Talk) Nati Srebro") and person names. Pure functions on text,
// internal to talkdex_indexer; workshop_page.cpp puts them together.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "talkdex/model.h"

namespace talkdex::workshop {

// Minutes after midnight of a clock time at s[pos]: "08:45 AM", "8:45am", "12:00 p.m.", "14:30".
// On success `pos` is moved past it. A time must be followed by the end or a space.
std::optional<int> parse_clock(std::string_view s, size_t& pos);

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

// Lower-case ASCII words joined by '-': "Identifying and Understanding" -> "identifying-and-understanding".
std::string slug(std::string_view text);

// True for "Nati Srebro", "Ludwig van Beethoven", "Jean-Luc Picard": two to four capitalised words,
// lower-case name particles allowed inside, no lower-case or title stop words, no digits.
bool looks_like_person_name(std::string_view text);

// The talk kind a parenthesised label names, normalised: "Invited Talk" -> "invited talk",
// "Panel Discussion" -> "panel", "Spotlights" -> "spotlight"; empty when the label is not a kind.
std::string normalize_kind(std::string_view label);
// The kind of a line that gives none: "Opening Remarks" -> "opening remarks",
// "Lunch and Posters" -> "break", otherwise "talk".
std::string kind_from_title(std::string_view title);

// Removes the labels of link buttons ("Video »", "Slides »") from a line: the links travel separately, and
// a label without a link is no link.
std::string remove_link_labels(std::string_view text);

struct ScheduleLine {
  int minutes = 0;                 // time of day the item starts
  std::string title;
  std::string kind;
  std::vector<PersonRef> people;   // speakers, or panelists and moderators
  std::vector<std::string> notes;  // parts of the line that were not understood
};
// None when the line does not begin with a clock time.
std::optional<ScheduleLine> parse_schedule_line(std::string_view text);

}  // namespace talkdex::workshop
