#include "recording_transcripts.h"

#include <filesystem>
#include <system_error>

#include "import_transcript.h"
#include "talkdex/embedded_subtitles.h"
#include "talkdex/importer.h"
#include "talkdex/store.h"
#include "talkdex/subtitles.h"
#include "talkdex/text.h"

namespace talkdex {
namespace fs = std::filesystem;

RecordingTranscripts read_recording_transcripts(const std::string& path, bool has_subtitle_streams) {
  RecordingTranscripts out;
  if (has_subtitle_streams) {
    auto streams = read_embedded_subtitles(path);
    if (!streams) {
      out.warnings.push_back("subtitles: " + streams.failure().reason);
    } else {
      for (const auto& t : *streams) {
        RecordingTranscript r;
        r.language = t.language;
        for (auto& p : group_passages(t.cues, 30)) r.passages.push_back({p.start, p.end, std::move(p.text)});
        if (!r.passages.empty()) out.transcripts.push_back(std::move(r));
      }
    }
  }
  if (is_url(path)) return out;
  std::error_code ec;
  fs::path media = fs::absolute(path, ec).lexically_normal();
  for (const auto& entry : fs::directory_iterator(media.parent_path(), ec)) {
    std::string file = entry.path().string();
    if (!entry.is_regular_file(ec) || !is_transcript_of(file, media.string())) continue;
    auto content = read_input_file(file);
    if (!content) {
      out.warnings.push_back(content.failure().message());
      continue;
    }
    auto read = read_transcript_file(file, *content);
    if (!read) {
      out.warnings.push_back(read.failure().message());
      continue;
    }
    out.transcripts.push_back({read->language, std::move(read->passages)});
  }
  return out;
}

void write_recording_transcripts(Store& store, std::int64_t recording_id, const RecordingTranscripts& t) {
  for (const auto& r : t.transcripts) store.replace_passages(recording_id, r.language, r.passages);
}

}  // namespace talkdex
