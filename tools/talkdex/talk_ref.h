// Finding a talk from what the user typed: its number, or its stable key.
#pragma once

#include <optional>
#include <string>

#include "talkdex/store.h"

namespace talkdex::cli {

// The talk named by `ref`; throws talkdex::Error "talk REF: no such talk" when there is none.
TalkRow find_talk(Store& store, const std::string& ref);

// The talk's table-of-contents item numbered `number` (from 1, as `show` lists them); throws
// talkdex::Error naming the talk and how many items it has when there is no such item.
TocRow find_item(Store& store, const TalkRow& talk, int number);

}  // namespace talkdex::cli
