// Finding the recordings a command works on from what the user typed: a media file or URL, or a talk.
#pragma once

#include <string>
#include <vector>

#include "talkdex/store.h"
#include "talkdex/talk_json.h"  // recordings_of_talk

namespace talkdex::cli {

// True when `ref` names a recording rather than a talk: an http(s) URL or an existing file.
bool names_recording(const std::string& ref);

}  // namespace talkdex::cli
