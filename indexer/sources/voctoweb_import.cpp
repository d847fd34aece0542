#include "sources/voctoweb_import.h"

#include <fmt/format.h>

#include <map>

#include "import/import_transcript.h"
#include "schedule/schedule_common.h"
#include "talkdex/indexer/fetch/fetch.h"
#include "talkdex/scan_state.h"
#include "talkdex/text.h"
#include "talkdex/indexer/sources/voctoweb.h"

namespace talkdex {
namespace {

constexpr const char* kConferenceKind = "voctoweb";
constexpr const char* kEventKind = "voctoweb-event";
constexpr const char* kSubtitlesKind = "voctoweb-subtitles";

// A request that is conditional when the URL was read well before.
FetchRequest conditional(Store& store, const std::string& url) {
  FetchRequest r{url, "", "", ""};
  if (auto s = store.source(url); s && s->status != "failed") {
    r.etag = s->etag;
    r.last_modified = s->last_modified;
    r.previous_hash = s->content_hash;
  }
  return r;
}

// The row of a source fetched just now: its validators, for the next fetch to ask with.
SourceRecord fetched_source(const std::string& uri, const char* kind, const std::string& content_hash,
                            const std::string& etag, const std::string& last_modified, std::int64_t parent_id = 0) {
  return {.uri = uri, .kind = kind, .content_hash = content_hash, .etag = etag, .last_modified = last_modified,
          .fetched_at = now_utc_iso(), .status = "ok", .error = "", .parent_id = parent_id};
}

SourceRecord source_of(const FetchResult& r, const char* kind, std::int64_t parent_id) {
  return fetched_source(r.url, kind, r.content_hash, r.etag, r.last_modified, parent_id);
}

bool is_html(const std::string& content_type) {
  return starts_with_icase(trim(content_type), "text/html") || starts_with_icase(trim(content_type), "application/xhtml");
}

// voctoweb's ISO 639-2 codes as the two letters transcript files are named with (NAME.en.vtt).
std::string transcript_language(const std::string& code) {
  static const std::map<std::string, std::string> two = {
      {"eng", "en"}, {"deu", "de"}, {"ger", "de"}, {"fra", "fr"}, {"fre", "fr"}, {"spa", "es"}, {"ita", "it"},
      {"por", "pt"}, {"rus", "ru"}, {"pol", "pl"}, {"nld", "nl"}, {"dut", "nl"}, {"jpn", "ja"}, {"zho", "zh"}};
  std::string first = to_lower_ascii(code.substr(0, code.find('-')));
  auto it = two.find(first);
  return it == two.end() ? first : it->second;
}

// The video a subtitle file belongs to: the one in its language, else the original's.
const VoctowebRecording* video_for(const VoctowebMedia& media, const std::string& language) {
  for (const auto& v : media.videos)
    if (v.language == language) return &v;
  for (const auto& v : media.videos)
    if (v.language.substr(0, v.language.find('-')) == language.substr(0, language.find('-'))) return &v;
  return media.videos.empty() ? nullptr : &media.videos.front();
}

struct ChangedEvent {
  FetchResult fetched;
  VoctowebEvent event;
  VoctowebMedia media;
};

// The event's part of the archive: its talk (unless it joins one another source wrote), its videos as
// recordings of the talk and its audio files as links.
Schedule event_schedule(Store& store, const EventInfo& conference, const ChangedEvent& e, std::int64_t own_source,
                        bool& joined) {
  Schedule s;
  s.event = conference;
  TalkInfo talk = e.event.talk;
  for (const auto& a : e.media.audio) {
    std::string format = a.folder.empty() ? a.mime_type : a.folder;
    talk.links.push_back(Link{a.url, fmt::format("Audio ({}, {})", a.language.empty() ? "?" : a.language, format), {}});
  }
  auto owner = store.talk_source_id(talk.key);
  joined = owner && (*owner == 0 || *owner != own_source);
  if (!joined) s.talks.push_back(std::move(talk));
  schedule_detail::cut_long_titles(s);
  for (const auto& v : e.media.videos) {
    RecordingInfo r;
    r.uri = v.url;
    r.talk_key = e.event.talk.key;
    r.duration = v.length;
    s.recordings.push_back(std::move(r));
  }
  return s;
}

}  // namespace

ImportOutcome import_voctoweb(Store& store, const ImportOptions& options, const FetchedDocument& conference) {
  ImportOutcome out;
  out.item = conference.item;
  out.kind = InputKind::Voctoweb;

  // 1. The conference: its events' URLs from the body, or, on a 304, from the events read last time.
  std::optional<VoctowebConference> conf;
  // The conference JSON read into `conf`; false, with the outcome's failure set, when it cannot be.
  auto read_conference = [&](const std::string& body) {
    auto parsed = parse_voctoweb_conference(body, conference.item);
    if (!parsed) {
      out.status = parsed.failure();
      return false;
    }
    conf = std::move(*parsed);
    return true;
  };
  std::vector<std::string> event_urls;
  if (!conference.not_modified || !conference.previous) {
    if (is_html(conference.content_type) && conference.content.find('{') != 0) {
      out.status = Failure::invalid_input(conference.item, "the server sent " + conference.content_type +
                                                               " (a login or captcha page?) where the voctoweb "
                                                               "conference JSON was expected");
      return out;
    }
    if (!read_conference(conference.content)) return out;
    event_urls = conf->event_urls;
  } else {
    for (const auto& child : store.child_sources(conference.previous->id))
      if (child.kind == kEventKind) event_urls.push_back(child.uri);
  }

  // 2. Every event document at once, each conditional on its last good read.
  std::vector<FetchRequest> requests;
  for (const auto& url : event_urls) requests.push_back(conditional(store, url));
  std::vector<FetchResult> results = fetch_all(requests, options.fetch);
  std::vector<ChangedEvent> changed;
  std::vector<SourceRecord> failed_parts;
  int unchanged = 0;
  for (FetchResult& r : results) {
    Status part = r.fetch_status;
    if (part.ok() && r.not_modified) {
      ++unchanged;
      continue;
    }
    std::optional<VoctowebEvent> event;
    if (part.ok() && is_html(r.content_type))
      part = Failure{r.url, "the server sent " + r.content_type + " (a login or captcha page?) where a voctoweb event (JSON) was expected",
          ErrorCode::invalid_input};
    if (part.ok()) {
      auto parsed = parse_voctoweb_event(r.body, r.url);
      if (parsed) event = std::move(*parsed);
      else part = parsed.failure();
    }
    if (!part.ok()) {
      out.part_failures.push_back(part.failure());
      SourceRecord s = source_of(r, kEventKind, 0);
      s.content_hash = s.etag = s.last_modified = "";
      s.status = "failed";
      s.error = part.failure().message();
      failed_parts.push_back(std::move(s));
      continue;
    }
    ChangedEvent c{std::move(r), std::move(*event), {}};
    c.media = choose_recordings(c.event.recordings);
    // One line for each thing wrong: no recordings, a recording of an unknown type, or audio only.
    if (c.event.recordings.empty())
      out.warnings.push_back(fmt::format("event {} ({}): no recordings", c.event.talk.key, c.fetched.url));
    for (const auto& w : c.media.warnings) out.warnings.push_back(fmt::format("event {}: {}", c.event.talk.key, w));
    if (!c.event.recordings.empty() && c.media.videos.empty() && c.media.warnings.empty())
      out.warnings.push_back(fmt::format("event {} ({}): no video recording, only audio or subtitles", c.event.talk.key, c.fetched.url));
    changed.push_back(std::move(c));
  }

  // A repeated identical failure teaches nothing: it is not written again.
  std::erase_if(failed_parts, [&](const SourceRecord& s) {
    auto before = store.source(s.uri);
    return before && before->status == "failed" && before->error == s.error;
  });
  if (changed.empty() && failed_parts.empty() && conference.not_modified) {
    out.summary = "unchanged";
    return out;
  }
  // A changed event under an unchanged conference: the conference's body is needed for the event row.
  if (!conf) {
    FetchResult again = fetch_all({FetchRequest{conference.uri, "", "", ""}}, options.fetch).front();
    if (!again.ok()) {
      out.status = again.fetch_status;
      return out;
    }
    if (!read_conference(again.body)) return out;
  }

  // 3. The subtitle files of the changed events, conditional too.
  std::vector<FetchRequest> subtitle_requests;
  std::vector<std::pair<std::size_t, std::size_t>> subtitle_of;  // (changed event, subtitle)
  for (std::size_t i = 0; i < changed.size(); ++i)
    for (std::size_t k = 0; k < changed[i].media.subtitles.size(); ++k) {
      subtitle_requests.push_back(conditional(store, changed[i].media.subtitles[k].url));
      subtitle_of.emplace_back(i, k);
    }
  std::vector<FetchResult> subtitles = fetch_all(subtitle_requests, options.fetch);

  // 4. One batch: the conference, each changed event, each changed transcript, each failure.
  WriteBatch batch(store);
  SourceRecord conf_source =
      fetched_source(conference.uri, kConferenceKind, conference.hash, conference.etag, conference.last_modified);
  Schedule conference_only;
  conference_only.event = conf->event;
  schedule_detail::cut_long_titles(conference_only);
  for (const auto& w : conference_only.warnings) out.warnings.push_back(conference.uri + ": " + w);
  ImportSummary total = store.import_schedule(conf_source, conference_only);
  bool wrote = total.changed();
  std::int64_t parent = store.source(conference.uri)->id;
  int joined_count = 0, recordings = 0, transcripts = 0;
  for (auto& c : changed) {
    std::int64_t own = 0;
    if (auto s = store.source(c.fetched.url)) own = s->id;
    bool joined = false;
    // The conference as written above, its title cut already (and said once).
    Schedule s = event_schedule(store, conference_only.event, c, own, joined);
    for (const auto& w : s.warnings) out.warnings.push_back(c.fetched.url + ": " + w);
    joined_count += joined;
    recordings += static_cast<int>(s.recordings.size());
    ImportSummary one = store.import_schedule(source_of(c.fetched, kEventKind, parent), s);
    total.talks_added += one.talks_added;
    total.talks_updated += one.talks_updated;
    total.talks_unchanged += one.talks_unchanged;
    total.talks_removed += one.talks_removed;
    total.items_written += one.items_written;
    wrote = wrote || one.changed();
  }
  for (std::size_t n = 0; n < subtitles.size(); ++n) {
    FetchResult& r = subtitles[n];
    const ChangedEvent& c = changed[subtitle_of[n].first];
    const VoctowebRecording& sub = c.media.subtitles[subtitle_of[n].second];
    if (!r.ok()) {
      out.part_failures.push_back(r.failure());
      continue;
    }
    if (r.not_modified) continue;
    const VoctowebRecording* video = video_for(c.media, sub.language);
    auto recording = video ? store.recording_by_uri(video->url) : std::nullopt;
    if (!recording) {
      out.warnings.push_back(fmt::format("event {}: subtitles {} have no video to belong to; skipped", c.event.talk.key, r.url));
      continue;
    }
    auto file = read_transcript_file(r.url, r.body);
    if (!file) {
      out.part_failures.push_back(file.failure());
      continue;
    }
    for (const auto& w : file->warnings) out.warnings.push_back(r.url + ": " + w);
    PassagesSummary ps = store.replace_passages(recording->id, transcript_language(sub.language), file->passages);
    wrote = wrote || ps.changed();
    ++transcripts;
    store.record_source_attempt(source_of(r, kSubtitlesKind, parent));
  }
  for (SourceRecord& s : failed_parts) {  // empty validators are not written: the last good read's stay
    s.parent_id = parent;
    store.record_source_attempt(s);
  }
  batch.commit();
  out.changed = wrote;
  out.summary = fmt::format("{} ({} changed, {} unchanged, {} failed): {} added, {} updated, {} joined "
                            "a schedule's talk; {}, {}",
                            counted(static_cast<long long>(event_urls.size()), "event", "events"), changed.size(), unchanged,
                            out.part_failures.size(), counted(total.talks_added, "talk", "talks"), total.talks_updated,
                            joined_count, counted(recordings, "recording", "recordings"),
                            counted(transcripts, "transcript", "transcripts"));
  return out;
}

}  // namespace talkdex
