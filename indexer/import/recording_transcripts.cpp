#include "import/recording_transcripts.h"

#include <filesystem>
#include <system_error>

#include "import/import_transcript.h"
#include "talkdex/indexer/media/embedded_subtitles.h"
#include "talkdex/indexer/import/importer.h"
#include "talkdex/store.h"
#include "talkdex/indexer/transcripts/subtitles.h"
#include "talkdex/text.h"

namespace talkdex {
namespace fs = std::filesystem;

std::vector<std::string> TranscriptFiles::beside(const fs::path& media) {
  std::string folder = media.parent_path().string();
  auto it = folders_.find(folder);
  if (it == folders_.end()) {
    std::multimap<std::string, std::string> by_stem;
    std::error_code ec;
    fs::directory_iterator dir(media.parent_path(), ec), end;
    for (; !ec && dir != end; dir.increment(ec)) {
      std::string file = dir->path().string();
      std::error_code type_ec;
      // Not only regular files: a FIFO or a device under a transcript's name is skipped by
      // read_input_file with a warning naming it, not passed over in silence.
      if (!dir->is_directory(type_ec) && is_transcript_name(file)) by_stem.emplace(transcript_stem(file), file);
    }
    it = folders_.emplace(folder, std::move(by_stem)).first;
  }
  std::vector<std::string> out;
  auto [from, to] = it->second.equal_range(media.stem().string());
  for (auto f = from; f != to; ++f) out.push_back(f->second);
  return out;
}

RecordingTranscripts read_recording_transcripts(const std::string& path, bool has_subtitle_streams,
                                                TranscriptFiles* files, std::optional<double> duration) {
  RecordingTranscripts out;
  if (has_subtitle_streams) {
    auto streams = read_embedded_subtitles(path);
    if (!streams) {
      out.warnings.push_back("subtitles: " + streams.failure().reason);
    } else {
      for (const auto& t : *streams) {
        RecordingTranscript r;
        r.language = t.language;
        for (auto& p : group_passages(t.cues, 30)) r.passages.push_back({p.start, p.end, std::move(p.text), std::move(p.word_starts), std::move(p.cues)});
        if (!r.passages.empty()) out.transcripts.push_back(std::move(r));
      }
    }
  }
  if (is_url(path)) return out;
  TranscriptFiles own;
  std::error_code ec;
  fs::path media = fs::absolute(path, ec).lexically_normal();
  for (const auto& file : (files ? *files : own).beside(media)) {
    auto content = read_input_file(file);
    if (!content) {
      out.warnings.push_back(content.failure().message());
      continue;
    }
    auto read = read_transcript_file(file, *content, duration);
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
