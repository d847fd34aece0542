// The ICML-style workshop page: the seed input of talkdex.
//
// Reads the page as text (as copied from a browser, stray HTML left in) or as HTML, into a Schedule:
// the event (title, day, time span, room, abstract, organizers with affiliations), every schedule line
// (time, title, kind in parentheses, speakers, panelists and moderator, video links with tocitem numbers),
// and the recordings the video links point into, with schedule-derived table-of-contents items.
// Lines it does not understand become warnings in Schedule::warnings; nothing is dropped silently.
//
// The day: the page says "Sat Jun 15th" without a year. The year is options.year, else a 19xx/20xx year
// on the page's title or date lines (or its HTML <title>), else the latest year not after this one in
// which that date falls on that weekday, with a warning that says so and that --year sets it.
// Keys are stable across imports of the same page: the event's is "<kind>:<slug of title>:<YYYY-MM-DD>",
// a talk's is "<event key>/<HHMM>-<slug of title>".
// Recordings: each video URL (without its position parameters, see schedule_offsets.h) is one recording
// of the whole event; a talk linking to its "?tocitem=1" gives its wall-clock start, and then its
// table of contents is derived from the schedule (derive_schedule_items).
// Errors: a page with no schedule lines comes back as a Failure naming the source. Never throws on bad
// input; invalid UTF-8 is replaced.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "talkdex/error.h"
#include "talkdex/model.h"

namespace talkdex {

struct WorkshopPageOptions {
  std::optional<int> year;  // the page gives "Sat Jun 15th" without a year; --year overrides the guess
  std::string url;          // where the page came from, stored as the event's url
};

Result<Schedule> parse_workshop_page(std::string_view content, const std::string& source_name,
                                     const WorkshopPageOptions& options = {});

}  // namespace talkdex
