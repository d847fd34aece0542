// Importing yt-dlp's info.json files: `talkdex import NAME.info.json`, and the folder scan's recordings
// that have one beside them (NAME.mp4 + NAME.info.json).
//
// A video's info.json is a source of its own (kind "ytdlp-info", by its content hash): it writes the
// event (playlist or channel) and the talk, and, when the recording NAME.* beside it is in the store,
// attaches that recording to the talk with the chapters as its items. A playlist's info.json writes
// its event. A file that is not a yt-dlp info.json is a Failure naming it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "talkdex/indexer/import/importer.h"
#include "talkdex/store.h"

namespace talkdex {

// An info.json read and parsed, ready to write (the folder scan reads before its write transaction).
struct YtdlpInfoFile {
  std::string path;  // absolute
  std::string hash;
  Schedule schedule;               // the event and the one talk (none for a playlist)
  std::vector<TocEntry> chapters;  // the recording's items
};

// Reads and parses PATH (a video's or a playlist's info.json).
Result<YtdlpInfoFile> read_ytdlp_info(const std::string& path, const std::string& content);

// Writes the info.json's event and talk (one store transaction, or part of the caller's batch) and
// returns the talk's id (nullopt for a playlist).
std::optional<std::int64_t> write_ytdlp_info(Store& store, const YtdlpInfoFile& info);

ImportOutcome import_ytdlp_info(Store& store, const std::string& item, const std::string& content);

}  // namespace talkdex
