// The pieces of an ICML-style workshop page, one line at a time: schedule lines ("09:00 AM Nati Srebro:
// Title (Talk) Nati Srebro") and person names (workshop_line.cpp); clock times and the date line are in
// workshop_date.h. Pure functions on text, internal to talkdex_indexer; workshop_page.cpp puts them together.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schedule/workshop_date.h"
#include "talkdex/model.h"

namespace talkdex::workshop {

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
