// Importing a transcript (WebVTT or SubRip) into the passages of a recording already in the store.
#pragma once

#include <string>

#include "talkdex/importer.h"

namespace talkdex {

// The recording is the one of --talk (its own recording, else the recording its items are in), or the
// recording beside the file with the same name (NAME.vtt, NAME.srt or NAME.LANG.vtt next to NAME.mp4).
// Cue times are times in that recording. The cues are grouped into passages of about 30 seconds, which
// replace the recording's earlier passages of the same language (NAME.LANG.vtt, else the WebVTT
// "Language:" header, else none) in one transaction. A file that cannot be read, or holds no cue with
// words, comes back as a Failure naming it and changes nothing.
ImportOutcome import_transcript_file(Store& store, const ImportOptions& options, const std::string& item,
                                     const std::string& content);

}  // namespace talkdex
