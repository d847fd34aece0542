// Which talk a recording found in a followed folder belongs to. Every recording belongs to a talk, so
// that show, play and clip work on it: a scheduled talk when the file names it (its key as the file
// name, or the frab id in a name such as "38c3-878-eng-Title_hd.mp4") or its title tag is a talk's
// title; otherwise a talk of its own (own_talk_key), titled from its tags or its file name, in an event
// of the followed folder.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "talkdex/store.h"

namespace talkdex {

// The scheduled talk the recording at `path` (with these container tags) records, when exactly one fits.
std::optional<TalkRow> scheduled_talk_for(Store& store, const std::string& path,
                                          const std::map<std::string, std::string>& tags);

// "38c3-878-eng-Title_hd" -> {"38c3", "878"}: the acronym and frab id at the start of a file name.
std::optional<std::pair<std::string, std::string>> frab_id_in_name(const std::string& stem);

// Writes the recording's own talk (and its folder's event) and returns it: the title tag, else the file
// name with underscores as spaces; the artist tag as its speaker. `folder` is the followed folder.
TalkRow write_own_talk(Store& store, const std::string& path, const std::string& folder,
                       const std::map<std::string, std::string>& tags);

}  // namespace talkdex
