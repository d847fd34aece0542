// talkdex align TALK | --event ID: moves talks' starts in session recordings to the slide change whose
// text matches the talk, and shows the evidence; --apply writes the moves.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli.h"
#include "interrupt.h"
#include "talk_ref.h"
#include "talkdex/detected_toc.h"
#include "talkdex/ocr.h"
#include "talkdex/talk_align.h"
#include "talkdex/text.h"

namespace talkdex::cli {
namespace {

struct AlignArgs {
  std::string talk;
  std::optional<std::int64_t> event;
  double window_minutes = 10;
  double min_score = 0.5;
  bool apply = false;
  bool json = false;
};

std::string one_line(const std::string& text) {
  std::string s = text;
  for (std::size_t p; (p = s.find('\n')) != std::string::npos;) s.replace(p, 1, " / ");
  return s.size() > 100 ? s.substr(0, 97) + "..." : s;
}

std::string signed_hms(double seconds) { return (seconds < 0 ? "-" : "+") + format_hms(std::abs(seconds)); }

// Session recordings with a schedule item of the talk, or of any talk of the event.
std::vector<RecordingRow> session_recordings(Store& store, const AlignArgs& args, std::optional<std::int64_t> talk_id) {
  std::vector<RecordingRow> out;
  for (auto& r : store.recordings()) {
    bool wanted = false;
    for (const auto& item : store.toc_items_for_recording(r.id)) {
      if (item.entry.source != kTocSchedule || !item.talk_id) continue;
      if (talk_id) wanted = wanted || *item.talk_id == *talk_id;
      else wanted = wanted || (r.event_id && args.event && *r.event_id == *args.event);
    }
    if (wanted) out.push_back(std::move(r));
  }
  return out;
}

int run_align(Context& ctx, const AlignArgs& args) {
  if (args.talk.empty() == !args.event) {
    error(ctx, "align: give a talk, or --event ID (not both)");
    return kUsage;
  }
  // It writes the store and the index.
  WriterLock lock = lock_archive(ctx, "align", {.wait = false, .create = false});
  Store store = ctx.open_store(false);
  std::optional<TalkRow> only;
  if (!args.talk.empty()) only = find_talk(store, args.talk);
  if (args.event && !store.event(*args.event)) throw Error("event " + std::to_string(*args.event), "no such event");
  auto recordings = session_recordings(store, args, only ? std::optional<std::int64_t>(only->id) : std::nullopt);
  if (recordings.empty())
    throw Error(only ? "talk " + args.talk : "event " + std::to_string(*args.event),
                "is in no session recording with scheduled items (import the recording with --event and --starts)");

  InterruptWatch interrupt;
  AlignOptions options;
  options.window = args.window_minutes * 60;
  options.min_score = args.min_score;
  nlohmann::json report = nlohmann::json::array();
  int moved = 0, failed = 0;
  bool changed = false;
  for (const RecordingRow& rec : recordings) {
    std::vector<TocEntry> items;
    std::vector<AlignTalk> talks;
    std::map<std::string, std::int64_t> talk_ids;
    auto load = [&] {
      items.clear();
      for (auto& row : store.toc_items_for_recording(rec.id)) {
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
    };
    load();
    const bool has_text = std::any_of(items.begin(), items.end(), [](const TocEntry& e) { return !e.slide_text.empty(); });
    if (!has_text) {
      if (!ocr_available()) {
        error(ctx, rec.uri + ": " + ocr_description() + "; align reads the talks' titles off the slides");
        ++failed;
        continue;
      }
      if (!args.json) std::fprintf(stderr, "talkdex: %s: no slide text yet, detecting slides first\n", rec.uri.c_str());
      TocDetectOptions detect;
      detect.detect.cancelled = [] { return InterruptWatch::requested(); };
      if (args.apply) {
        // Written as `detect` would: the slides are worth keeping whatever align makes of them.
        detect.archive_folder = ctx.archive().folder();
        auto outcome = detect_recording_toc(store, rec.uri, detect);
        if (!outcome) {
          error(ctx, outcome.failure().message());
          if (InterruptWatch::requested()) return kInterrupted;
          ++failed;
          continue;
        }
        changed = changed || outcome->changed;
        load();
      } else {
        auto detection = detect_slides(rec.uri, detect.detect);
        if (!detection) {
          error(ctx, rec.uri + ": " + detection.failure().reason);
          if (InterruptWatch::requested()) return kInterrupted;
          ++failed;
          continue;
        }
        int yielded = 0;
        std::string talk_key;
        for (auto& e : detected_entries(*detection, items, "", talk_key, &yielded)) {
          auto same = std::find_if(items.begin(), items.end(), [&](const TocEntry& i) { return i.key == e.key; });
          if (same != items.end()) *same = std::move(e);
          else items.push_back(std::move(e));
        }
      }
    }

    auto shifts = plan_alignment(items, talks, options);
    nlohmann::json jshifts = nlohmann::json::array();
    if (!args.json) std::printf("%s%s\n", rec.uri.c_str(), rec.wallclock_start ? (" (begins " + *rec.wallclock_start + ")").c_str() : "");
    std::vector<TalkShift> kept;
    for (const auto& s : shifts) {
      if (only && s.talk_key != only->info.key) continue;
      const std::int64_t id = talk_ids[s.talk_key];
      if (s.new_start && std::abs(*s.new_start - s.old_start) < 0.5) {
        if (!args.json)
          std::printf("  talk %lld \"%s\": already at its slide, %s, score %.2f\n", static_cast<long long>(id),
                      shown(s.title).c_str(), format_hms(s.old_start).c_str(), s.score);
      } else if (s.new_start) {
        ++moved;
        if (!args.json)
          std::printf("  talk %lld \"%s\": %s -> %s (%s), score %.2f, slide \"%s\"\n", static_cast<long long>(id),
                      shown(s.title).c_str(), format_hms(s.old_start).c_str(), ctx.out.green(format_hms(*s.new_start)).c_str(),
                      signed_hms(*s.new_start - s.old_start).c_str(), s.score, shown(one_line(s.matched_text)).c_str());
      } else if (!args.json) {
        std::printf("  talk %lld \"%s\": stays at %s: %s\n", static_cast<long long>(id), shown(s.title).c_str(),
                    format_hms(s.old_start).c_str(), shown(s.reason).c_str());
      }
      jshifts.push_back({{"talk_id", id},
                         {"talk_key", s.talk_key},
                         {"title", s.title},
                         {"item_key", s.item_key},
                         {"old_start", round_ms(s.old_start)},
                         {"new_start", s.new_start ? nlohmann::json(round_ms(*s.new_start)) : nlohmann::json()},
                         {"shift", s.new_start ? nlohmann::json(round_ms(*s.new_start - s.old_start)) : nlohmann::json()},
                         {"score", s.score},
                         {"matched_text", s.matched_text},
                         {"reason", s.reason.empty() ? nlohmann::json() : nlohmann::json(s.reason)}});
      kept.push_back(s);
    }
    if (args.apply && !InterruptWatch::requested()) {
      // The whole list goes back, so that no item of its sources is taken for one that left.
      RecordingInfo info;
      info.uri = rec.uri;
      info.items = apply_alignment(items, kept);
      const auto before = store.revision();
      store.put_recording(info, rec.event_id, rec.talk_id, "", "");
      changed = changed || store.revision() != before;
    }
    report.push_back({{"uri", rec.uri}, {"wallclock_start", rec.wallclock_start ? nlohmann::json(*rec.wallclock_start) : nlohmann::json()},
                      {"shifts", jshifts}});
  }
  if (InterruptWatch::requested()) {
    error(ctx, "interrupted");
    return kInterrupted;
  }
  if (changed) update_archive_index(ctx, store);
  if (args.json) std::printf("%s\n", nlohmann::json{{"applied", args.apply}, {"recordings", report}}.dump(2).c_str());
  else if (moved && !args.apply) std::printf("%d talks would move; run with --apply to write them\n", moved);
  else if (moved) std::printf("%d talks moved\n", moved);
  if (failed) return kFailed;
  return moved || args.apply ? kOk : kNothingFound;
}

}  // namespace

Handler setup_align(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<AlignArgs>();
  cmd.add_option("talk", args->talk, "the talk's number or key");
  cmd.add_option("--event", args->event, "align every talk of the event in its session recordings");
  cmd.add_option("--window", args->window_minutes, "minutes either side of the scheduled start to look in")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
  cmd.add_option("--min-score", args->min_score, "share of the talk's title and speaker words the slide must show")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd.add_flag("--apply", args->apply, "write the moved starts (source schedule, confidence 0.9)");
  cmd.add_flag("--json", args->json, "print the shifts as JSON");
  return [&ctx, args] { return run_align(ctx, *args); };
}

}  // namespace talkdex::cli
