#include "import/import_recording.h"
#include "sources/import_ytdlp.h"
#include "import/recording_transcripts.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/indexer/media/media.h"
#include "talkdex/recording_kind.h"
#include "talkdex/indexer/schedule/schedule_offsets.h"
#include "talkdex/store.h"
#include "talkdex/text.h"
#include "talkdex/indexer/sources/ytdlp.h"

namespace talkdex {
namespace fs = std::filesystem;
namespace {

struct Owner {
  std::optional<std::int64_t> event_id;
  std::optional<std::int64_t> talk_id;
  std::string talk_key;
  std::string date;  // YYYY-MM-DD of the talk or event, for --starts HH:MM
};

Result<Owner> owner_of(Store& store, const ImportOptions& options, const std::string& item, const std::string& uri) {
  Owner o;
  if (!options.talk_id && !options.event_id) {
    // Imported again without saying where it belongs: it stays where it was attached.
    if (auto known = store.recording_by_uri(uri)) {
      o.event_id = known->event_id;
      o.talk_id = known->talk_id;
      if (known->talk_id) {
        if (auto talk = store.talk(*known->talk_id)) {
          o.talk_key = talk->info.key;
          o.date = talk->info.start.substr(0, 10);
        }
      }
      if (o.date.empty() && known->event_id) {
        if (auto event = store.event(*known->event_id)) o.date = event->info.date;
      }
    }
    return o;
  }
  if (options.talk_id) {
    auto talk = store.talk(*options.talk_id);
    if (!talk) return Failure{item, fmt::format("talk {}: no such talk", *options.talk_id), ErrorCode::not_found};
    o.talk_id = talk->id;
    o.talk_key = talk->info.key;
    o.event_id = talk->event_id;
    o.date = talk->info.start.substr(0, 10);
  }
  if (options.event_id) {
    auto event = store.event(*options.event_id);
    if (!event) return Failure{item, fmt::format("event {}: no such event", *options.event_id), ErrorCode::not_found};
    o.event_id = event->id;
    if (o.date.empty()) o.date = event->info.date;
  }
  return o;
}

// "09:15" on the owner's day, or a full ISO time as given.
Result<std::string> wallclock(const std::string& starts, const Owner& owner, const std::string& item) {
  if (iso_to_epoch(starts)) return starts;
  // A time of day is HH:MM or HH:MM:SS (parse_hms would read "09:30" as minutes and seconds).
  auto t = parse_hms(starts.size() <= 5 ? starts + ":00" : starts);
  if (!t || starts.find(':') == std::string::npos || *t >= 86400)
    return Failure{item, "--starts " + starts + ": not a time of day (HH:MM) or an ISO 8601 time",
        ErrorCode::invalid_input};
  if (owner.date.size() != 10) return Failure{item, "--starts needs --event or --talk, to know the day",
      ErrorCode::invalid_input};
  std::string hms = format_hms(*t);
  return owner.date + "T" + (hms.size() < 8 ? "0" : "") + hms;
}

Schedule schedule_of_event(Store& store, std::int64_t event_id) {
  Schedule s;
  if (auto e = store.event(event_id)) s.event = e->info;
  for (auto& t : store.talks())
    if (t.event_id == event_id) s.talks.push_back(std::move(t.info));
  return s;
}

// Chapter files beside a local recording: NAME.chapters.vtt, NAME.ffmetadata, NAME.chapters.json, and
// NAME.description (a YouTube description, as youtube-dl and yt-dlp save it).
std::vector<TocEntry> sidecar_chapters(const fs::path& media, std::optional<double> duration,
                                       std::vector<std::string>& warnings, bool& found) {
  std::vector<TocEntry> out;
  fs::path base = media.parent_path() / media.stem();
  struct Candidate {
    const char* suffix;
    std::function<Result<ChapterList>(std::string_view, const std::string&)> parse;
  };
  const Candidate candidates[] = {
      {".chapters.vtt", parse_chapters_vtt},
      {".ffmetadata", parse_ffmetadata},
      {".chapters.json", parse_chapters_json},
      {".description", [&](std::string_view text, const std::string& name) {
         return parse_youtube_description(text, name, duration);
       }}};
  for (const auto& c : candidates) {
    fs::path p = base.string() + c.suffix;
    if (!fs::exists(p)) continue;
    auto content = read_input_file(p.string());
    if (!content) {
      warnings.push_back(content.failure().message());
      continue;
    }
    auto list = c.parse(*content, p.string());
    if (!list) {
      warnings.push_back(list.failure().message());
      continue;
    }
    // A saved YouTube description is mostly prose; one without timestamps is just that, no chapter list
    // (and does not replace chapters imported from elsewhere).
    if (list->items.empty() && std::string_view(c.suffix) == ".description") continue;
    auto repaired = repair_chapters(list->items, duration);
    for (auto& w : list->warnings) warnings.push_back(w);
    for (auto& w : repaired.warnings) warnings.push_back(w);
    out.insert(out.end(), repaired.items.begin(), repaired.items.end());
    found = true;
  }
  return out;
}

}  // namespace

ImportOutcome import_recording(Store& store, const ImportOptions& options, const std::string& item,
                               const std::string& uri) {
  ImportOutcome out;
  out.item = item;
  out.kind = InputKind::Media;
  auto owner = owner_of(store, options, item, uri);
  if (!owner) {
    out.status = owner.failure();
    return out;
  }
  RecordingInfo info;
  info.uri = uri;
  info.talk_key = owner->talk_key;
  if (options.starts) {
    auto w = wallclock(*options.starts, *owner, item);
    if (!w) {
      out.status = w.failure();
      return out;
    }
    info.wallclock_start = *w;
  }
  if (is_player_page(uri)) {
    // A page that plays the video is a link: kept (so the schedule's moments open it at the right
    // second), never probed. Its only items are the schedule's.
    if (info.wallclock_start && owner->event_id) derive_schedule_items(info, schedule_of_event(store, *owner->event_id));
    auto before = store.revision();
    std::int64_t page_id = store.put_recording(info,
        {.event_id = owner->event_id, .talk_id = owner->talk_id, .container = "page", .probe_json = "{}",
         .replace_sources = {kTocSchedule}});
    if (options.talk_id || options.event_id) store.set_recording_attached(page_id);
    out.changed = store.revision() != before;
    out.summary = out.changed ? fmt::format("player page, kept as a link, {}", counted(static_cast<long long>(info.items.size()), "item", "items")) : "unchanged";
    return out;
  }
  auto probe = probe_recording(uri);
  if (!probe) {
    out.status = Failure{item, probe.failure().reason, probe.failure().code};
    return out;
  }
  if (probe->duration > 0) info.duration = probe->duration;

  std::vector<std::string> replaced = {kTocEmbedded};
  auto embedded = repair_chapters(probe->chapters, info.duration);
  for (auto& e : embedded.items) {
    e.source = kTocEmbedded;
    e.talk_key = owner->talk_key;
  }
  info.items = embedded.items;
  out.warnings = embedded.warnings;
  if (!is_url(uri)) {
    bool found = false;
    auto files = sidecar_chapters(uri, info.duration, out.warnings, found);
    for (auto& e : files) e.talk_key = owner->talk_key;
    info.items.insert(info.items.end(), files.begin(), files.end());
    if (found) replaced.push_back(kTocFile);
  }
  if (info.wallclock_start && owner->event_id) {
    derive_schedule_items(info, schedule_of_event(store, *owner->event_id));
    replaced.push_back(kTocSchedule);
    if (info.duration) {
      // Talks after the recording ended are not in it.
      std::erase_if(info.items, [&](const TocEntry& e) { return e.source == kTocSchedule && e.start >= *info.duration; });
      for (auto& e : info.items)
        if (e.end && *e.end > *info.duration) e.end = info.duration;
    }
  }
  auto before = store.revision();
  std::int64_t recording_id =
      store.put_recording(info,
          {.event_id = owner->event_id, .talk_id = owner->talk_id, .container = probe->container,
           .probe_json = probe->to_json(), .replace_sources = replaced});
  // Attached by the user: a followed folder's scan keeps it even when the folder is no longer followed.
  if (options.talk_id || options.event_id) store.set_recording_attached(recording_id);
  // Its transcripts: the text subtitle streams inside it (read whole, so only when the probe saw one) and
  // the transcript files beside it, a language at a time.
  bool has_subtitles = std::any_of(probe->streams.begin(), probe->streams.end(),
                                   [](const StreamInfo& st) { return st.type == "subtitle"; });
  RecordingTranscripts transcripts = read_recording_transcripts(uri, has_subtitles, nullptr,
                                                                 probe->duration > 0 ? std::optional(probe->duration) : std::nullopt);
  for (auto& w : transcripts.warnings) out.warnings.push_back(std::move(w));
  write_recording_transcripts(store, recording_id, transcripts);
  // yt-dlp's NAME.info.json beside it names the talk and gives the chapters (unless --talk said).
  if (auto info_file = is_url(uri) || options.talk_id ? std::nullopt : ytdlp_info_beside(uri)) {
    auto content = read_input_file(info_file->string());
    auto info_json = content ? read_ytdlp_info(info_file->string(), *content) : Result<YtdlpInfoFile>(content.failure());
    if (info_json) write_ytdlp_info(store, *info_json);
    else out.warnings.push_back(info_json.failure().message());
  }
  out.changed = store.revision() != before;
  out.summary = out.changed ? fmt::format("{} recording, {}, {}", container_name(probe->container, uri),
                                          format_hms(probe->duration),
                                          counted(static_cast<long long>(info.items.size()), "chapter", "chapters"))
                            : "unchanged";
  return out;
}

}  // namespace talkdex
