// Finding the recording that a chapter list or a transcript file belongs to: the talk's own recording
// (`--talk`), or the recording with the same name beside the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "talkdex/error.h"
#include "talkdex/store.h"

namespace talkdex {

// The talk's own recording, else the recording its first item is in; a Failure naming `item` when it has
// none yet.
Result<RecordingRow> recording_of_talk(Store& store, std::int64_t talk_id, const std::string& item);

// The local recording FOLDER/STEM.EXT in the store, if any (one uri-index range, not a scan).
std::optional<RecordingRow> recording_named(Store& store, const std::filesystem::path& folder, const std::string& stem);

}  // namespace talkdex
