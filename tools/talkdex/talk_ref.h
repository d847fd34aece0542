// Finding a talk from what the user typed: its number, or its stable key.
#pragma once

#include <optional>
#include <string>

#include "talkdex/store.h"

namespace talkdex::cli {

// The talk named by `ref`; throws talkdex::Error "talk REF: no such talk" when there is none.
TalkRow find_talk(Store& store, const std::string& ref);

}  // namespace talkdex::cli
