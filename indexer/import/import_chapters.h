// Importing a chapter file (WebVTT chapters, ffmetadata, YouTube description, JSON) into the table of
// contents of a recording already in the store.
#pragma once

#include <string>

#include "talkdex/indexer/import/importer.h"

namespace talkdex {

// The recording is the one of --talk (its own recording, else the recording its items are in), or the
// recording beside the file with the same name (NAME.chapters.vtt next to NAME.mp4). Writes the items in
// one transaction, replacing the recording's earlier items from files.
ImportOutcome import_chapter_file(Store& store, const ImportOptions& options, const std::string& item,
                                  const std::string& content, InputKind kind);

}  // namespace talkdex
