// The ICML-style workshop page: the seed input of talkdex.
//
// Reads the page as text (as copied from a browser, stray HTML left in) or as HTML, into a Schedule:
// the event (title, day, time span, room, abstract, organizers with affiliations), every schedule line
// (time, title, kind in parentheses, speakers, panelists and moderator, video links with tocitem numbers),
// and the recordings the video links point into, with schedule-derived table-of-contents items.
// Lines it does not understand become warnings in Schedule::warnings; nothing is dropped silently.
// Errors: a page with no schedule lines comes back as a Failure naming the source.
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
