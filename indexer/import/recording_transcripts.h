// Transcripts that come with a recording: its text subtitle streams and the transcript files beside it
// (NAME.vtt, NAME.srt, NAME.LANG.vtt, NAME.LANG.srt next to NAME.EXT). Read by `import` and by the folder
// scan of `index` and `watch`, so a recording brings its words in however it arrives.
//
// Reading is apart from writing: the folder scan reads (decoding the subtitle streams reads the whole
// file) before its write transaction, and writes with the rest of its batch.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "talkdex/model.h"

namespace talkdex {

class Store;

struct RecordingTranscript {
  std::string language;                     // as tagged or named; "" when unknown
  std::vector<TranscriptPassage> passages;  // about 30 seconds each
};

struct RecordingTranscripts {
  std::vector<RecordingTranscript> transcripts;
  std::vector<std::string> warnings;  // a stream or file that could not be read, naming it and why
};

// The transcript files of folders, listed once a folder: a scan of a folder of N recordings finds each
// one's transcripts without listing the folder N times. Holds what it listed for as long as it lives.
class TranscriptFiles {
 public:
  // The transcript files beside the local recording `media` (absolute, normalised).
  std::vector<std::string> beside(const std::filesystem::path& media);

 private:
  std::map<std::string, std::multimap<std::string, std::string>> folders_;  // folder -> stem -> file
};

// Reads the subtitle streams of `path` (only when `has_subtitle_streams`: it reads the whole file) and, for
// a local file, the transcript files beside it (listed through `files` when given). Never fails: what
// cannot be read becomes a warning.
// Cues of files are fitted to `duration` when known (read_transcript_file).
RecordingTranscripts read_recording_transcripts(const std::string& path, bool has_subtitle_streams,
                                                TranscriptFiles* files = nullptr,
                                                std::optional<double> duration = std::nullopt);

// Stores each transcript as the recording's passages of its language (Store::replace_passages); call it
// inside the caller's transaction.
void write_recording_transcripts(Store& store, std::int64_t recording_id, const RecordingTranscripts& t);

}  // namespace talkdex
