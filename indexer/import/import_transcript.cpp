#include "import/import_transcript.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "import/input_file.h"
#include "import/recording_lookup.h"
#include "talkdex/limits.h"
#include "talkdex/store.h"
#include "talkdex/indexer/transcripts/subtitles.h"
#include "talkdex/text.h"

namespace talkdex {
namespace fs = std::filesystem;
namespace {

bool is_language_tag(std::string_view s) {
  if (s.size() < 2 || s.size() > 8) return false;
  for (char c : s)
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return std::isalpha(static_cast<unsigned char>(s[0])) && std::isalpha(static_cast<unsigned char>(s[1]));
}

// "talk.en.vtt" -> {"talk", "en"}; "talk.srt" -> {"talk", ""}.
std::pair<std::string, std::string> stem_and_language(const fs::path& file) {
  std::string stem = file.stem().string();
  auto dot = stem.rfind('.');
  if (dot != std::string::npos && dot > 0 && is_language_tag(std::string_view(stem).substr(dot + 1)))
    return {stem.substr(0, dot), to_lower_ascii(stem.substr(dot + 1))};
  return {stem, ""};
}

// The "Language: xx" line of a WebVTT header, if any.
std::string webvtt_language(std::string_view content) {
  std::size_t end = content.find("\n\n");
  std::string_view header = content.substr(0, end == std::string_view::npos ? content.size() : end);
  for (const auto& line : split(header, '\n')) {
    std::string l = trim(line);
    if (starts_with_icase(l, "language:")) return to_lower_ascii(trim(l.substr(9)));
  }
  return "";
}

Result<RecordingRow> target_recording(Store& store, const ImportOptions& options, const std::string& item) {
  if (options.talk_id) return recording_of_talk(store, *options.talk_id, item);
  if (auto r = recording_beside(store, item)) return *r;
  return Failure{item, "no recording to attach this transcript to: name the talk with --talk, or import the "
                       "recording NAME.* beside NAME.vtt first", ErrorCode::not_found};
}

}  // namespace

std::optional<RecordingRow> recording_beside(Store& store, const std::string& path) {
  if (!is_transcript_name(path)) return std::nullopt;
  fs::path file = fs::absolute(path).lexically_normal();
  return recording_named(store, file.parent_path(), stem_and_language(file).first);
}

namespace {

// Cues in the order of their start, within the recording: a cue past its end (a time typed as 99999:00:00)
// would make a passage span the whole recording and its link jump past the end.
void fit_cues(std::vector<Cue>& cues, std::optional<double> duration, std::vector<std::string>& warnings) {
  if (!std::is_sorted(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) { return a.start < b.start; })) {
    std::stable_sort(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) { return a.start < b.start; });
    warnings.push_back("cues out of order: sorted by their start");
  }
  if (!duration || *duration <= 0) return;
  std::size_t past = 0;
  while (!cues.empty() && cues.back().start >= *duration) {
    cues.pop_back();
    ++past;
  }
  if (past)
    warnings.push_back(fmt::format("{} {} at or after the end of the recording ({}) skipped", past,
                                   past == 1 ? "cue" : "cues", format_hms(*duration)));
  for (auto& c : cues) c.end = std::min(c.end, *duration);
}

}  // namespace

Result<TranscriptFile> read_transcript_file(const std::string& item, const std::string& content,
                                            std::optional<double> duration) {
  if (Status s = check_line_lengths(content, item); !s) return s.failure();
  TranscriptFile out;
  out.language = stem_and_language(fs::path(item)).second;
  std::string_view body = content;
  if (body.rfind("\xEF\xBB\xBF", 0) == 0) body.remove_prefix(3);
  bool webvtt = body.rfind("WEBVTT", 0) == 0;
  auto cues = webvtt ? parse_webvtt(content, item, &out.warnings) : parse_srt(content, item, false, &out.warnings);
  if (!cues) return cues.failure();
  if (cues->size() > limits::kMaxCuesPerInput) return Failure{item, limits::limit_reason("cues", limits::kMaxCuesPerInput), ErrorCode::not_found};
  std::vector<std::string> fitted;
  fit_cues(*cues, duration, fitted);
  for (auto& w : fitted) out.warnings.push_back(item + ": " + w);
  if (out.language.empty() && webvtt) out.language = webvtt_language(body);
  out.cues = cues->size();
  for (auto& p : group_passages(*cues, 30)) out.passages.push_back({p.start, p.end, std::move(p.text), std::move(p.word_starts), std::move(p.cues)});
  if (out.passages.empty()) return Failure{item, "no cue with words in it", ErrorCode::invalid_input};
  return out;
}

bool is_transcript_name(const std::string& path) {
  std::string name = to_lower_ascii(fs::path(path).filename().string());
  if (name.ends_with(".chapters.vtt")) return false;
  return name.ends_with(".vtt") || name.ends_with(".srt");
}

std::string transcript_stem(const std::string& path) { return stem_and_language(fs::path(path)).first; }

bool is_transcript_of(const std::string& file, const std::string& media) {
  fs::path f(file), m(media);
  if (f.parent_path() != m.parent_path() || f == m || !is_transcript_name(file)) return false;
  return stem_and_language(f).first == m.stem().string();
}

ImportOutcome import_transcript_file(Store& store, const ImportOptions& options, const std::string& item,
                                     const std::string& content) {
  ImportOutcome out;
  out.item = item;
  out.kind = InputKind::Subtitles;
  auto recording = target_recording(store, options, item);
  if (!recording) {
    out.status = recording.failure();
    return out;
  }
  auto file = read_transcript_file(item, content, recording->duration);
  if (!file) {
    out.status = file.failure();
    return out;
  }
  out.warnings = file->warnings;
  PassagesSummary s = store.replace_passages(recording->id, file->language, file->passages);
  out.changed = s.changed();
  out.summary = out.changed ? fmt::format("{} of transcript for {} ({}; {} written, {} removed)",
                                          counted(static_cast<long long>(file->passages.size()), "passage", "passages"),
                                          recording->uri, counted(static_cast<long long>(file->cues), "cue", "cues"), s.written, s.removed)
                            : "unchanged";
  return out;
}

}  // namespace talkdex
