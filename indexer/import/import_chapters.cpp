#include "import/import_chapters.h"

#include <fmt/format.h>

#include <filesystem>

#include "import/recording_lookup.h"
#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/store.h"
#include "talkdex/text.h"

namespace talkdex {
namespace fs = std::filesystem;
namespace {

Result<ChapterList> parse(InputKind kind, const std::string& content, const std::string& item,
                          std::optional<double> duration) {
  switch (kind) {
    case InputKind::ChaptersVtt: return parse_chapters_vtt(content, item);
    case InputKind::FfMetadata: return parse_ffmetadata(content, item);
    case InputKind::YoutubeDescription: return parse_youtube_description(content, item, duration);
    case InputKind::ChaptersJson: return parse_chapters_json(content, item);
    default: return Failure{item, "not a chapter list", ErrorCode::invalid_input};
  }
}

// "talk.chapters.vtt" -> "talk"; "talk.ffmetadata" -> "talk".
std::string stem_of(const fs::path& p) {
  std::string name = p.filename().string();
  for (const char* suffix : {".chapters.vtt", ".chapters.json", ".chapters.txt", ".ffmetadata", ".vtt", ".json", ".txt"}) {
    std::string s = suffix;
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0)
      return name.substr(0, name.size() - s.size());
  }
  return p.stem().string();
}

Result<RecordingRow> target_recording(Store& store, const ImportOptions& options, const std::string& item) {
  if (options.talk_id) return recording_of_talk(store, *options.talk_id, item);
  fs::path file = fs::absolute(item).lexically_normal();
  if (auto r = recording_named(store, file.parent_path(), stem_of(file))) return *r;
  return Failure{item, "no recording to attach these chapters to: name the talk with --talk, or import the "
                       "recording NAME.* beside NAME.chapters.vtt first", ErrorCode::not_found};
}

}  // namespace

ImportOutcome import_chapter_file(Store& store, const ImportOptions& options, const std::string& item,
                                  const std::string& content, InputKind kind) {
  ImportOutcome out;
  out.item = item;
  out.kind = kind;
  auto recording = target_recording(store, options, item);
  if (!recording) {
    out.status = recording.failure();
    return out;
  }
  auto chapters = parse(kind, content, item, recording->duration);
  if (!chapters) {
    out.status = chapters.failure();
    return out;
  }
  out.warnings = chapters->warnings;
  if (recording->duration) {
    // Against the recording's length: items past its end are dropped, ends past it cut (with warnings).
    auto fitted = repair_chapters(std::move(chapters->items), recording->duration);
    chapters->items = std::move(fitted.items);
    out.warnings.insert(out.warnings.end(), fitted.warnings.begin(), fitted.warnings.end());
  }
  std::string talk_key;
  auto talk_id = options.talk_id ? options.talk_id : recording->talk_id;
  if (talk_id) {
    if (auto t = store.talk(*talk_id)) talk_key = t->info.key;
  }
  RecordingInfo info;
  info.uri = recording->uri;
  info.items = chapters->items;
  for (auto& e : info.items) e.talk_key = talk_key;
  auto before = store.revision();
  store.put_recording(info,
      {.event_id = recording->event_id, .talk_id = recording->talk_id, .replace_sources = {kTocFile}});
  out.changed = store.revision() != before;
  out.summary = out.changed ? fmt::format("{} for {}", counted(static_cast<long long>(info.items.size()), "chapter", "chapters"), recording->uri) : "unchanged";
  return out;
}

}  // namespace talkdex
