#include "talk_media.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "routes.h"
#include "talkdex/talk_json.h"

namespace talkdex::web {
namespace {

// WebVTT cue text: & < > as entities, so that no cue can hold markup or end the cue early ("-->").
std::string vtt_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

}  // namespace

bool is_local_file(const RecordingRow& r) {
  if (r.uri.empty() || r.uri.front() != '/') return false;
  std::error_code ec;
  return std::filesystem::is_regular_file(r.uri, ec);
}

TalkMedia talk_media(Store& store, const std::string& ref, std::optional<std::int64_t> recording_id) {
  TalkMedia m{talk_from_url(store, ref), {}, {}, std::nullopt, 0};
  m.items = store.toc_items_for_talk(m.talk.id);
  for (const auto& uri : recordings_of_talk(store, m.talk))
    if (auto r = store.recording_by_uri(uri)) m.recordings.push_back(std::move(*r));
  auto has_items = [&](const RecordingRow& r) {
    return std::any_of(m.items.begin(), m.items.end(), [&](const TocRow& i) { return i.recording_id == r.id; });
  };
  for (const auto& r : m.recordings) {
    if (!is_local_file(r)) continue;
    if (recording_id) {
      if (r.id == *recording_id) m.played = r;
    } else if (!m.played || (!has_items(*m.played) && has_items(r))) {
      m.played = r;
    }
  }
  if (recording_id && !m.played)
    throw HttpError(404, fmt::format("talk {}: no local recording {}", m.talk.id, *recording_id));
  // In a session recording the talk begins at its first item; its own recording begins with it.
  if (m.played && m.played->talk_id != m.talk.id) {
    for (const auto& i : m.items)
      if (i.recording_id == m.played->id) {
        m.talk_start = i.entry.start;
        break;
      }
  }
  return m;
}

std::string vtt_time(double seconds) {
  long long ms = std::llround(std::max(0.0, seconds) * 1000);
  return fmt::format("{:02}:{:02}:{:02}.{:03}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

std::string chapters_vtt(const TalkMedia& m) {
  std::string out = "WEBVTT\n";
  if (!m.played) return out;
  std::vector<const TocRow*> items;
  for (const auto& i : m.items)
    if (i.recording_id == m.played->id) items.push_back(&i);
  for (size_t k = 0; k < items.size(); ++k) {
    const TocEntry& e = items[k]->entry;
    double end = e.end ? *e.end
                 : k + 1 < items.size() ? items[k + 1]->entry.start
                 : m.played->duration  ? *m.played->duration
                                       : e.start + 1;
    if (end <= e.start) end = e.start + 0.001;
    out += fmt::format("\n{}\n{} --> {}\n{}\n", items[k]->id, vtt_time(e.start), vtt_time(end), vtt_text(e.title));
  }
  return out;
}

std::vector<PassageRow> talk_passages(Store& store, const TalkMedia& m) {
  std::vector<PassageRow> out;
  if (!m.played) return out;
  std::string language;
  bool first = true;
  for (auto& p : store.passages_for_talk(m.talk.id)) {
    if (p.recording_id != m.played->id) continue;
    if (first) language = p.language, first = false;
    if (p.language == language) out.push_back(std::move(p));
  }
  return out;
}

std::string transcript_vtt(const std::vector<PassageRow>& passages) {
  std::string out = "WEBVTT\n";
  for (const auto& p : passages) {
    double end = p.passage.end ? *p.passage.end : p.passage.start + 5;
    if (end <= p.passage.start) end = p.passage.start + 0.001;
    out += fmt::format("\n{} --> {}\n{}\n", vtt_time(p.passage.start), vtt_time(end), vtt_text(p.passage.text));
  }
  return out;
}

}  // namespace talkdex::web
