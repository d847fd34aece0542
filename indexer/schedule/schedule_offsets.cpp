#include "talkdex/indexer/schedule/schedule_offsets.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "talkdex/text.h"

namespace talkdex {
namespace {

// Query parameters that pick a position in a recording rather than the recording itself.
bool is_position_parameter(std::string_view param) {
  std::string name = to_lower_ascii(param.substr(0, param.find('=')));
  return name == "tocitem" || name == "t" || name == "start" || name == "time_continue";
}

}  // namespace

std::string recording_uri_of(const std::string& url) {
  std::string base = url.substr(0, url.find('#'));
  size_t query = base.find('?');
  if (query == std::string::npos) return base;
  std::string kept;
  for (const auto& param : split(std::string_view(base).substr(query + 1), '&')) {
    if (param.empty() || is_position_parameter(param)) continue;
    kept += (kept.empty() ? "?" : "&") + param;
  }
  return base.substr(0, query) + kept;
}

bool is_recording_link(const Link& link) {
  std::string title = to_lower_ascii(link.title);
  if (title == "video" || title == "recording" || link.tocitem) return true;
  std::string url = to_lower_ascii(recording_uri_of(link.url));
  for (std::string_view host : {"youtube.com/", "youtu.be/", "vimeo.com/", "videoken.com/", "slideslive.com/"})
    if (url.find(host) != std::string::npos) return true;
  for (std::string_view ext : {".mp4", ".webm", ".mkv", ".mov", ".m4v", ".mp3"})
    if (url.size() > ext.size() && url.compare(url.size() - ext.size(), ext.size(), ext) == 0) return true;
  return false;
}

void derive_schedule_items(RecordingInfo& recording, const Schedule& schedule) {
  auto& items = recording.items;
  items.erase(std::remove_if(items.begin(), items.end(), [](const TocEntry& e) { return e.source == kTocSchedule; }),
              items.end());
  if (!recording.wallclock_start) return;
  auto origin = iso_to_epoch(*recording.wallclock_start);
  if (!origin) return;

  struct Placed {
    const TalkInfo* talk;
    long long start;
    bool elsewhere;  // its own link points into another recording: it ends the talk before, no item here
  };
  std::vector<Placed> placed;
  for (const auto& talk : schedule.talks) {
    if (!recording.talk_key.empty() && talk.key != recording.talk_key) continue;
    // A talk whose own link points into another recording (the seed's "Crowdsourcing Deep Learning
    // Phenomena", at tocitem=24 of its own video) is not in this one: its moment is that link.
    bool elsewhere = std::any_of(talk.links.begin(), talk.links.end(), [&](const Link& l) {
      return l.tocitem && recording_uri_of(l.url) != recording.uri;
    });
    auto start = iso_to_epoch(talk.start);
    if (start && *start >= *origin) placed.push_back({&talk, *start, elsewhere});
  }
  std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) { return a.start < b.start; });

  for (size_t i = 0; i < placed.size(); ++i) {
    if (placed[i].elsewhere) continue;
    const TalkInfo& talk = *placed[i].talk;
    TocEntry entry;
    entry.key = "schedule:" + talk.key;
    entry.start = static_cast<double>(placed[i].start - *origin);
    if (i + 1 < placed.size()) {
      entry.end = static_cast<double>(placed[i + 1].start - *origin);
    } else if (auto end = iso_to_epoch(talk.end); end && *end >= placed[i].start) {
      entry.end = static_cast<double>(*end - *origin);
    }
    entry.title = talk.title;
    entry.source = kTocSchedule;
    entry.confidence = 0.5;
    for (const auto& link : talk.links) {
      if (link.tocitem && recording_uri_of(link.url) == recording.uri) {
        entry.alias = link.tocitem;
        break;
      }
    }
    entry.talk_key = talk.key;
    items.push_back(std::move(entry));
  }
}

}  // namespace talkdex
