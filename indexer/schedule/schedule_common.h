// What the schedule.xml and schedule.json readers share: the UTF-8 check, ISO 8601 stamps with their UTC
// offset, frab durations, the event key, the talk kind, and the last pass that makes keys unique.
// Internal to talkdex_indexer (not a public header).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "talkdex/model.h"

namespace talkdex::schedule_detail {

// The byte offset of the first byte that does not start a valid UTF-8 sequence (overlong forms,
// surrogates and code points past U+10FFFF are invalid); nullopt when all of `s` is UTF-8.
std::optional<size_t> first_invalid_utf8(std::string_view s);

// A local time as the schedule wrote it, split from its UTC offset.
struct Stamp {
  std::string local;   // "YYYY-MM-DDTHH:MM:SS"
  std::string offset;  // "+02:00", "-05:00", "Z", or "" when the source gives none
  std::string iso() const { return local + offset; }
};

// "2019-08-21T11:00:00+02:00", "2019-08-21T11:00+0200", "2019-08-21 11:00:00.000Z", "2019-08-21T11:00";
// nullopt when it is not a valid date and time.
std::optional<Stamp> parse_stamp(std::string_view s);
// A date "YYYY-MM-DD" (or the date part of a stamp) and a time of day "HH:MM[:SS]".
std::optional<Stamp> stamp_from(std::string_view date, std::string_view time_of_day, const std::string& offset);
// A start given as a day's date and a time of day "HH:MM": it takes the offset of the day's start, and the
// next calendar date when the time is before the day's start (frab days run past midnight, so a 01:00 talk
// of the day of 2019-08-21 starting 09:00 is on 2019-08-22).
std::optional<Stamp> start_in_day(std::string_view date, std::string_view time_of_day,
                                  const std::optional<Stamp>& day_start);
// The same wall clock moved by `seconds`, keeping the offset.
Stamp add_seconds(const Stamp& s, long long seconds);
// Seconds from the start of the day for "HH:MM[:SS]"; nullopt when malformed.
std::optional<int> time_of_day_seconds(std::string_view s);
// frab/pretalx durations: "HH:MM" (hours may pass 24), "D:HH:MM" (pretalx, for a day or more); seconds.
std::optional<long long> parse_duration(std::string_view s);

// Appends a link unless it is empty (after trimming) or already there with the same title.
void add_link(std::vector<Link>& links, std::string url, std::string title);

// "frab:" + the acronym, or "frab:" + a slug of the title; empty when both are empty.
std::string event_key(std::string_view acronym, std::string_view title);
// The type in lower case, frab's "lecture" -> "talk".
std::string talk_kind(std::string_view type);
// Schedule text as people read it: HTML markup (frab abstracts and descriptions hold it) read with gumbo
// to its words, entities decoded, links to their anchor text; white space collapsed within paragraphs,
// paragraphs apart by one blank line.
std::string schedule_text(std::string_view text);
// The abstract, then a blank line and the description when both exist (and differ), as schedule_text.
std::string abstract_and_description(std::string_view abstract, std::string_view description);

// Titles (the event's, each talk's) longer than limits::kMaxTitleBytes are cut there at a character's
// boundary, each with a warning in schedule.warnings. Every reader of a schedule calls it.
void cut_long_titles(Schedule& schedule);

// The last pass of both readers: long titles cut (cut_long_titles), duplicate talk keys become key#2,
// key#3 (with a warning), and the event's date, start and end are filled from the talks when the
// conference did not give them.
void finish_schedule(Schedule& schedule);

}  // namespace talkdex::schedule_detail
