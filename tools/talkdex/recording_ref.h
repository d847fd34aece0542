// Finding the recordings a command works on from what the user typed: a media file or URL, or a talk.
#pragma once

#include <string>
#include <vector>

#include "talkdex/store.h"

namespace talkdex::cli {

// True when `ref` names a recording rather than a talk: an http(s) URL or an existing file.
bool names_recording(const std::string& ref);

// The recordings of a talk: its own (imported with --talk) and the session recordings that have an item
// of it. Their URIs, in the store's order; none when the talk has no recording.
std::vector<std::string> recordings_of_talk(Store& store, const TalkRow& talk);

}  // namespace talkdex::cli
