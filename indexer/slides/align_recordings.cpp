// align_recordings: the store's side of `talkdex align` (see align_recordings.h).
#include "talkdex/indexer/slides/align_recordings.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "talkdex/indexer/slides/detected_toc.h"
#include "talkdex/indexer/slides/ocr.h"
#include "talkdex/indexer/slides/slide_detect.h"

namespace talkdex {
namespace {

bool cancelled(const AlignRequest& request) { return request.cancelled && request.cancelled(); }

// A recording's items, and the talks of its schedule items as align sees them.
struct RecordingItems {
  std::vector<TocEntry> items;
  std::vector<AlignTalk> talks;
  std::map<std::string, std::int64_t> talk_ids;  // by key

  void load(Store& store, std::int64_t recording_id) {
    items.clear();
    for (auto& row : store.toc_items_for_recording(recording_id)) {
      if (row.talk_id && !talk_ids.count(row.entry.talk_key)) {
        if (auto t = store.talk(*row.talk_id)) {
          AlignTalk a{t->info.key, t->info.title, {}};
          for (const auto& p : t->info.people)
            if (p.role == kRoleSpeaker) a.speakers.push_back(p.name);
          talks.push_back(std::move(a));
          talk_ids[t->info.key] = t->id;
        }
      }
      items.push_back(std::move(row.entry));
    }
  }

  bool has_slide_text() const {
    return std::any_of(items.begin(), items.end(), [](const TocEntry& e) { return !e.slide_text.empty(); });
  }
};

// Slides for a recording that has no slide text: written to the store as `detect` would when applying
// (they are worth keeping whatever align makes of them), else only merged into `r.items`.
Status detect_first(Store& store, const AlignRequest& request, const RecordingRow& rec, RecordingItems& r,
                    AlignReport& report) {
  TocDetectOptions detect;
  detect.detect.cancelled = request.cancelled;
  if (request.apply) {
    detect.archive_folder = request.archive_folder;
    auto outcome = detect_recording_toc(store, rec.uri, detect);
    if (!outcome) return outcome.failure();
    report.changed = report.changed || outcome->changed;
    r.load(store, rec.id);
    return Status::Ok();
  }
  auto detection = detect_slides(rec.uri, detect.detect);
  if (!detection) return Failure{rec.uri, detection.failure().reason, detection.failure().code};
  int yielded = 0;
  std::string talk_key;
  for (auto& e : detected_entries(*detection, r.items, "", talk_key, &yielded)) {
    auto same = std::find_if(r.items.begin(), r.items.end(), [&](const TocEntry& i) { return i.key == e.key; });
    if (same != r.items.end()) *same = std::move(e);
    else r.items.push_back(std::move(e));
  }
  return Status::Ok();
}

}  // namespace

std::vector<RecordingRow> session_recordings(Store& store, const AlignRequest& request) {
  std::vector<RecordingRow> out;
  for (auto& r : store.recordings()) {
    bool wanted = false;
    for (const auto& item : store.toc_items_for_recording(r.id)) {
      if (item.entry.source != kTocSchedule || !item.talk_id) continue;
      if (request.talk_id) wanted = wanted || *item.talk_id == *request.talk_id;
      else wanted = wanted || (r.event_id && request.event_id && *r.event_id == *request.event_id);
    }
    if (wanted) out.push_back(std::move(r));
  }
  return out;
}

AlignReport align_recordings(Store& store, const AlignRequest& request) {
  if (request.talk_id.has_value() == request.event_id.has_value())
    throw Error("align", "give a talk or an event (not both)");
  std::optional<TalkRow> only;
  if (request.talk_id) {
    only = store.talk(*request.talk_id);
    if (!only) throw Error("talk " + std::to_string(*request.talk_id), "no such talk");
  }
  if (request.event_id && !store.event(*request.event_id))
    throw Error("event " + std::to_string(*request.event_id), "no such event");
  auto recordings = session_recordings(store, request);
  if (recordings.empty())
    throw Error(only ? "talk " + std::to_string(only->id) : "event " + std::to_string(*request.event_id),
                "is in no session recording with scheduled items (import the recording with --event and --starts)");

  AlignReport report;
  for (const RecordingRow& rec : recordings) {
    RecordingItems r;
    r.load(store, rec.id);
    if (!r.has_slide_text()) {
      if (!ocr_available()) {
        report.failures.push_back({rec.uri, ocr_description() + "; align reads the talks' titles off the slides"});
        continue;
      }
      if (request.detecting) request.detecting(rec);
      if (Status s = detect_first(store, request, rec, r, report); !s) {
        report.failures.push_back(s.failure());
        if (cancelled(request)) {
          report.interrupted = true;
          return report;
        }
        continue;
      }
    }

    RecordingAlignment aligned{rec, {}};
    std::vector<TalkShift> kept;
    for (auto& s : plan_alignment(r.items, r.talks, request.options)) {
      if (only && s.talk_key != only->info.key) continue;
      if (s.new_start && std::abs(*s.new_start - s.old_start) >= 0.5) ++report.moved;
      kept.push_back(s);
      aligned.shifts.push_back({r.talk_ids[s.talk_key], std::move(s)});
    }
    if (request.apply && !cancelled(request)) {
      // The whole list goes back, so that no item of its sources is taken for one that left.
      RecordingInfo info;
      info.uri = rec.uri;
      info.items = apply_alignment(r.items, kept);
      const auto before = store.revision();
      store.put_recording(info, {.event_id = rec.event_id, .talk_id = rec.talk_id});
      report.changed = report.changed || store.revision() != before;
    }
    report.recordings.push_back(std::move(aligned));
  }
  report.interrupted = cancelled(request);
  return report;
}

}  // namespace talkdex
