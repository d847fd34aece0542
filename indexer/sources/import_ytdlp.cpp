#include "sources/import_ytdlp.h"

#include <fmt/format.h>

#include "import/recording_lookup.h"
#include "talkdex/sha256.h"
#include "talkdex/scan_state.h"
#include "talkdex/text.h"
#include "talkdex/indexer/sources/ytdlp.h"

namespace talkdex {
namespace fs = std::filesystem;

Result<YtdlpInfoFile> read_ytdlp_info(const std::string& path, const std::string& content) {
  YtdlpInfoFile out;
  out.path = fs::absolute(path).lexically_normal().string();
  out.hash = sha256_hex(content);
  auto playlist = is_ytdlp_playlist(content);
  if (playlist && *playlist) {
    auto event = parse_ytdlp_playlist(content, path);
    if (!event) return event.failure();
    out.schedule.event = std::move(*event);
    return out;
  }
  auto schedule = ytdlp_schedule(content, path, fs::path(out.path).parent_path(), &out.chapters);
  if (!schedule) return schedule.failure();
  out.schedule = std::move(*schedule);
  return out;
}

std::optional<std::int64_t> write_ytdlp_info(Store& store, const YtdlpInfoFile& info) {
  SourceRecord source;
  source.uri = info.path;
  source.kind = "ytdlp-info";
  source.content_hash = info.hash;
  source.fetched_at = now_utc_iso();
  source.status = "ok";
  store.import_schedule(source, info.schedule);
  if (info.schedule.talks.empty()) return std::nullopt;
  auto talk = store.talk_by_key(info.schedule.talks.front().key);
  if (!talk) return std::nullopt;
  // NAME.info.json belongs to NAME.EXT: attach it, with the chapters, when it is in the store already.
  std::string name = fs::path(info.path).filename().string();
  std::string stem = name.substr(0, name.size() - std::string(".info.json").size());
  if (auto rec = recording_named(store, fs::path(info.path).parent_path(), stem)) {
    RecordingInfo r;
    r.uri = rec->uri;
    r.talk_key = talk->info.key;
    r.items = info.chapters;
    store.put_recording(r, {.event_id = talk->event_id, .talk_id = talk->id, .replace_sources = {kTocFile}});
  }
  return talk->id;
}

ImportOutcome import_ytdlp_info(Store& store, const std::string& item, const std::string& content) {
  ImportOutcome out;
  out.item = item;
  out.kind = InputKind::YtdlpInfo;
  auto info = read_ytdlp_info(item, content);
  if (!info) {
    out.status = info.failure();
    return out;
  }
  std::int64_t before = store.revision();
  WriteBatch batch(store);
  write_ytdlp_info(store, *info);
  batch.commit();
  out.changed = store.revision() != before;
  if (info->schedule.talks.empty())
    out.summary = fmt::format("playlist \"{}\"", info->schedule.event.title);
  else
    out.summary = fmt::format("\"{}\" in \"{}\", {} chapters", info->schedule.talks.front().title,
                              info->schedule.event.title, info->chapters.size());
  if (!out.changed) out.summary = "unchanged";
  return out;
}

}  // namespace talkdex
