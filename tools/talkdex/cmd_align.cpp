// talkdex align TALK | --event ID: moves talks' starts in session recordings to the slide change whose
// text matches the talk, and shows the evidence; --apply writes the moves. The work is
// align_recordings() (talkdex/indexer/slides/align_recordings.h); this file picks the talks and prints.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli.h"
#include "interrupt.h"
#include "talk_ref.h"
#include "talkdex/indexer/slides/align_recordings.h"
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

void print_shift(Context& ctx, const RecordingAlignment::Shift& row) {
  const TalkShift& s = row.shift;
  const auto id = static_cast<long long>(row.talk_id);
  if (s.new_start && std::abs(*s.new_start - s.old_start) < 0.5) {
    std::printf("  talk %lld \"%s\": already at its slide, %s, score %.2f\n", id, shown(s.title).c_str(),
                format_hms(s.old_start).c_str(), s.score);
  } else if (s.new_start) {
    std::printf("  talk %lld \"%s\": %s -> %s (%s), score %.2f, slide \"%s\"\n", id, shown(s.title).c_str(),
                format_hms(s.old_start).c_str(), ctx.out.green(format_hms(*s.new_start)).c_str(),
                signed_hms(*s.new_start - s.old_start).c_str(), s.score, shown(one_line(s.matched_text)).c_str());
  } else {
    std::printf("  talk %lld \"%s\": stays at %s: %s\n", id, shown(s.title).c_str(), format_hms(s.old_start).c_str(),
                shown(s.reason).c_str());
  }
}

nlohmann::json shift_json(const RecordingAlignment::Shift& row) {
  const TalkShift& s = row.shift;
  return {{"talk_id", row.talk_id},
          {"talk_key", s.talk_key},
          {"title", s.title},
          {"item_key", s.item_key},
          {"old_start", round_ms(s.old_start)},
          {"new_start", s.new_start ? nlohmann::json(round_ms(*s.new_start)) : nlohmann::json()},
          {"shift", s.new_start ? nlohmann::json(round_ms(*s.new_start - s.old_start)) : nlohmann::json()},
          {"score", s.score},
          {"matched_text", s.matched_text},
          {"reason", s.reason.empty() ? nlohmann::json() : nlohmann::json(s.reason)}};
}

int run_align(Context& ctx, const AlignArgs& args) {
  if (args.talk.empty() == !args.event) {
    error(ctx, "align: give a talk, or --event ID (not both)");
    return kUsage;
  }
  // It writes the store and the index.
  WriterLock lock = lock_archive(ctx, "align", {.wait = false, .create = false});
  Store store = ctx.open_store(false);
  InterruptWatch interrupt;
  AlignRequest request;
  if (!args.talk.empty()) request.talk_id = find_talk(store, args.talk).id;
  request.event_id = args.event;
  request.options.window = args.window_minutes * 60;
  request.options.min_score = args.min_score;
  request.apply = args.apply;
  request.archive_folder = ctx.archive().folder();
  request.cancelled = [] { return InterruptWatch::requested(); };
  request.detecting = [&](const RecordingRow& rec) {
    if (!args.json) std::fprintf(stderr, "talkdex: %s: no slide text yet, detecting slides first\n", rec.uri.c_str());
  };
  const AlignReport report = align_recordings(store, request);

  nlohmann::json recordings = nlohmann::json::array();
  for (const auto& aligned : report.recordings) {
    const RecordingRow& rec = aligned.recording;
    nlohmann::json shifts = nlohmann::json::array();
    if (!args.json)
      std::printf("%s%s\n", rec.uri.c_str(), rec.wallclock_start ? (" (begins " + *rec.wallclock_start + ")").c_str() : "");
    for (const auto& row : aligned.shifts) {
      if (!args.json) print_shift(ctx, row);
      shifts.push_back(shift_json(row));
    }
    recordings.push_back({{"uri", rec.uri},
                          {"wallclock_start", rec.wallclock_start ? nlohmann::json(*rec.wallclock_start) : nlohmann::json()},
                          {"shifts", shifts}});
  }
  for (const auto& failure : report.failures) error(ctx, failure.message());
  if (report.interrupted) {
    error(ctx, "interrupted");
    return kInterrupted;
  }
  if (report.changed) update_archive_index(ctx, store);
  if (args.json) std::printf("%s\n", nlohmann::json{{"applied", args.apply}, {"recordings", recordings}}.dump(2).c_str());
  else if (report.moved && !args.apply) std::printf("%d talks would move; run with --apply to write them\n", report.moved);
  else if (report.moved) std::printf("%d talks moved\n", report.moved);
  if (!report.failures.empty()) return kFailed;
  return report.moved || args.apply ? kOk : kNothingFound;
}

}  // namespace

Handler setup_align(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<AlignArgs>();
  cmd.add_option("talk", args->talk, "the talk's number or key");
  cmd.add_option("--event", args->event, "align every talk of the event in its session recordings");
  add_bounded_option(cmd, "--window", args->window_minutes,
                     "minutes either side of the scheduled start to look in", 0.1, 600.0);
  add_bounded_option(cmd, "--min-score", args->min_score,
                     "share of the talk's title and speaker words the slide must show", 0.0, 1.0);
  cmd.add_flag("--apply", args->apply, "write the moved starts (source schedule, confidence 0.9)");
  cmd.add_flag("--json", args->json, "print the shifts as JSON");
  return [&ctx, args] { return run_align(ctx, *args); };
}

}  // namespace talkdex::cli
