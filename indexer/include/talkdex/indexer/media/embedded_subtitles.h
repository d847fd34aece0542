// Transcripts carried inside a recording: its text subtitle streams (mov_text in MP4, SubRip, ASS or
// WebVTT in Matroska), read with libav into cues.
//
// Reads the whole file (subtitle packets are spread through it) but decodes only the text streams; the
// recording is opened with the same safety rules as probing (media.h). Markup (ASS override blocks,
// tags) is stripped; "\N" line breaks become newlines.
// Errors: a file that cannot be opened or read comes back as a Failure naming it. A recording without
// text subtitle streams gives an empty list.
#pragma once

#include <string>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/indexer/transcripts/subtitles.h"

namespace talkdex {

struct EmbeddedTranscript {
  int stream_index = 0;
  std::string language;  // ISO 639-2 as tagged, empty when untagged
  std::string codec;     // mov_text, subrip, ass, webvtt
  std::vector<Cue> cues;
};

Result<std::vector<EmbeddedTranscript>> read_embedded_subtitles(const std::string& path_or_url,
                                                                double timeout_seconds = 60);

}  // namespace talkdex
