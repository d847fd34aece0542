// The one call the folder scan makes to learn what a recording holds. It stands between the scan and
// the media module, so the scan does not care how probing is done.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/model.h"

namespace talkdex {

struct ProbedRecording {
  std::string container;           // libav's demuxer name
  std::optional<double> duration;  // seconds, none when unknown
  std::vector<TocEntry> chapters;  // embedded chapters (source kTocEmbedded), talk_key empty
  std::string json;                // what probing found, for the store's probe_json
  bool has_subtitle_streams = false;  // its transcripts are then read from the whole file
  std::map<std::string, std::string> tags = {};  // container tags, keys in lower case (title, artist, ...)
};

// Reads the headers of a local recording; a Failure names the path and libav's reason.
Result<ProbedRecording> probe_local_recording(const std::string& path);

}  // namespace talkdex
