// Importing a transcript (WebVTT or SubRip) into the passages of a recording already in the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "talkdex/indexer/import/importer.h"
#include "talkdex/store.h"

namespace talkdex {

// A transcript file read into passages of about 30 seconds: the language from NAME.LANG.vtt, else the
// WebVTT "Language:" header, else none.
struct TranscriptFile {
  std::string language;
  std::size_t cues = 0;
  std::vector<TranscriptPassage> passages;
  std::vector<std::string> warnings;
};
// Parses WebVTT (by its signature) or SubRip; a Failure names `item`, also when no cue has words or there
// are more than kMaxCuesPerInput cues. Cues are sorted by their start and, when the recording's duration
// is known, fitted to it (cues starting at or past its end dropped, ends cut there), each repair a warning.
Result<TranscriptFile> read_transcript_file(const std::string& item, const std::string& content,
                                            std::optional<double> duration = std::nullopt);

// Whether `path` is named as a transcript: .vtt or .srt, but not NAME.chapters.vtt (a chapter list).
bool is_transcript_name(const std::string& path);

// The recording in the store that the transcript file `path` belongs to by its name, if any.
std::optional<RecordingRow> recording_beside(Store& store, const std::string& path);

// The recording name a transcript file belongs to: "talk.en.vtt" -> "talk", "talk.srt" -> "talk".
std::string transcript_stem(const std::string& path);

// Whether `file` is a transcript of the recording `media`: NAME.vtt, NAME.srt, NAME.LANG.vtt or
// NAME.LANG.srt beside NAME.EXT (NAME.chapters.vtt is a chapter list, not a transcript).
bool is_transcript_of(const std::string& file, const std::string& media);

// The recording is the one of --talk (its own recording, else the recording its items are in), or the
// recording beside the file with the same name (NAME.vtt, NAME.srt or NAME.LANG.vtt next to NAME.mp4).
// Cue times are times in that recording. The cues are grouped into passages of about 30 seconds, which
// replace the recording's earlier passages of the same language (NAME.LANG.vtt, else the WebVTT
// "Language:" header, else none) in one transaction. A file that cannot be read, or holds no cue with
// words, comes back as a Failure naming it and changes nothing.
ImportOutcome import_transcript_file(Store& store, const ImportOptions& options, const std::string& item,
                                     const std::string& content);

}  // namespace talkdex
