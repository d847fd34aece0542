// Finding the recordings a command works on from what the user typed: a media file or URL, or a talk.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "talkdex/store.h"
#include "talkdex/talk_json.h"  // recordings_of_talk

namespace talkdex::cli {

// True when `ref` names a recording rather than a talk: an http(s) URL or an existing file.
bool names_recording(const std::string& ref);

// The recording `--recording NUMBER` names: the talk's recordings numbered from 1 as `show` lists them.
// Throws talkdex::Error naming the talk and how many recordings it has when there is no such one.
std::string recording_numbered(Store& store, const TalkRow& talk, int number);

// The talk's first recording a player can open (a file or a media URL, not a player page); none when
// the talk has only pages or no recording.
std::optional<std::string> playable_recording(Store& store, const TalkRow& talk);

}  // namespace talkdex::cli
