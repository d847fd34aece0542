// A talk as JSON, the one shape that `talkdex show --json` prints and `talkdex serve` answers at
// /api/talks/ID: its fields, people, links, table of contents (with thumbnails as absolute paths under
// the archive folder) and recordings (with what probing found).
// Also: which recordings a talk has, for every command that works on a talk's recordings.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "talkdex/store.h"

namespace talkdex {

// The recordings of a talk: its own (imported with --talk) and the session recordings that have an item
// of it. Their URIs, in the store's order; none when the talk has no recording.
std::vector<std::string> recordings_of_talk(Store& store, const TalkRow& talk);

// The talk, its items and its recordings; `archive` makes item thumbnails absolute paths.
nlohmann::json talk_json(const TalkRow& talk, const std::vector<TocRow>& items,
                         const std::vector<RecordingRow>& recordings, const std::filesystem::path& archive);

}  // namespace talkdex
