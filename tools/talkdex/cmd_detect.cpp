// talkdex detect RECORDING|TALK: a table of contents from the video itself (slide changes, thumbnails,
// slide text), written per recording in one transaction; Ctrl-C leaves the archive as it was.
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "counted.h"
#include "interrupt.h"
#include "progress.h"
#include "recording_ref.h"
#include "talk_ref.h"
#include "talkdex/indexer/slides/detected_toc.h"
#include "talkdex/indexer/slides/ocr.h"
#include "talkdex/recording_kind.h"
#include "talkdex/text.h"

namespace talkdex::cli {
namespace {

struct DetectArgs {
  std::string target;
  double min_segment = 4;
  double threshold = 0.03;
  bool no_ocr = false;
  bool no_thumbnails = false;
  bool json = false;
};

nlohmann::json outcome_json(const TocDetectOutcome& o, const std::filesystem::path& archive, double seconds) {
  nlohmann::json slides = nlohmann::json::array();
  const std::string thumbs = thumbnail_folder(o.uri);
  for (const auto& s : o.detection.slides) {
    slides.push_back({{"start", round_ms(s.start)},
                      {"end", round_ms(s.end)},
                      {"confidence", s.confidence},
                      {"title", title_from_slide_text(s.text)},
                      {"text", s.text},
                      {"thumbnail", s.thumbnail.empty() ? nlohmann::json() : nlohmann::json((archive / thumbs / s.thumbnail).string())}});
  }
  const auto& st = o.detection.stats;
  return {{"uri", o.uri},
          {"recording_id", o.recording_id},
          {"duration", round_ms(o.detection.duration)},
          {"width", o.detection.width},
          {"height", o.detection.height},
          {"codec", o.detection.codec},
          {"slides", slides},
          {"detected_items", o.detected},
          {"at_other_items", o.yielded},
          {"changed", o.changed},
          {"ocr_used", o.detection.ocr_used},
          {"seconds", seconds},
          {"warnings", o.detection.warnings},
          {"stats",
           {{"packets", st.packets},
            {"keyframes_decoded", st.keyframes_decoded},
            {"frames_decoded", st.frames_decoded},
            {"refined_intervals", st.refined_intervals},
            {"refinements_cut_short", st.refinements_cut_short},
            {"cuts_from_packet_sizes", st.cuts_from_packet_sizes},
            {"undecodable", st.undecodable_packets},
            {"decoded_every_frame", st.decoded_every_frame},
            {"ocr_seconds", st.ocr_seconds},
            {"ocr_slides", st.ocr_slides}}}};
}

void print_outcome(const Context& ctx, const TocDetectOutcome& o, double seconds) {
  const Detection& d = o.detection;
  std::printf("%s %s: %s in %s of video (%dx%d %s), %.1f s, %.0fx real time\n", ctx.out.green("detected").c_str(),
              o.uri.c_str(), counted(static_cast<long long>(d.slides.size()), "slide", "slides").c_str(),
              format_hms(d.duration).c_str(), d.width, d.height, d.codec.c_str(), seconds,
              seconds > 0 ? d.duration / seconds : 0.0);
  if (o.yielded)
    std::printf("  %d slide changes fall at items of the schedule, the file or the user, which keep their place\n", o.yielded);
  for (const auto& s : d.slides) {
    std::string title = title_from_slide_text(s.text);
    std::printf("  %s  %s  %s\n", ctx.out.green(format_hms(s.start)).c_str(), title.empty() ? "(no text)" : shown(title).c_str(),
                ctx.out.dim(fmt::format("({:.2f})", s.confidence)).c_str());
  }
}

constexpr const char* kPageReason = "a player page (a link to open in a browser), not a recording talkdex can read";

int run_detect(Context& ctx, const DetectArgs& args) {
  // It writes the store and the index.
  WriterLock lock = lock_archive(ctx, "detect", {.wait = false, .create = true});
  Store store = ctx.open_store(true);
  std::vector<std::string> uris;
  std::error_code ec;
  if (names_recording(args.target)) {
    uris.push_back(args.target);
  } else {
    std::optional<TalkRow> found;
    try {
      found = find_talk(store, args.target);
    } catch (const Error&) {
      // Not a talk either. Meant as a file ("./x.mp4", a folder)? Then say what is wrong with the file.
      if (args.target.find('/') != std::string::npos || std::filesystem::exists(args.target, ec))
        throw Error(args.target, !std::filesystem::exists(args.target, ec)        ? "no such file"
                                 : std::filesystem::is_directory(args.target, ec) ? "is a folder, not a recording"
                                 : std::filesystem::is_regular_file(args.target, ec)
                                     ? "not a recording file"
                                     : "is not a regular file (a device, a FIFO or a socket), not a recording");
      throw;
    }
    const TalkRow& talk = *found;
    auto all = recordings_of_talk(store, talk);
    if (all.empty()) throw Error("talk " + args.target, "has no recording (import one with --talk or --event)");
    // A player page is a link, not something to decode: named and skipped, the talk's files are read.
    for (auto& uri : all) {
      if (is_player_page(uri)) warn(ctx, uri + ": skipped: " + kPageReason);
      else uris.push_back(std::move(uri));
    }
    if (uris.empty())
      throw Error("talk " + args.target, "has only player pages, no recording to read (import a file with --talk)");
  }
  if (uris.size() == 1 && is_player_page(uris.front())) throw Error(uris.front(), kPageReason);
  const bool ocr = !args.no_ocr && ocr_available();
  if (!args.json) {
    if (args.no_ocr) std::fprintf(stderr, "talkdex: slide text: off (--no-ocr)\n");
    else if (!ocr) warn(ctx, ocr_description() + "; slides are found without their text");
  }

  InterruptWatch interrupt;
  TocDetectOptions options;
  options.detect.min_segment = args.min_segment;
  options.detect.change_threshold = args.threshold;
  options.detect.ocr = ocr;
  options.detect.cancelled = [] { return InterruptWatch::requested(); };
  if (!args.no_thumbnails) options.archive_folder = ctx.archive().folder();

  int failed = 0;
  bool changed = false, interrupted = false;
  nlohmann::json report = nlohmann::json::array();
  for (const std::string& uri : uris) {
    ProgressBar progress("detecting");
    options.detect.progress = [&progress](double done, double total) {
      progress.update(static_cast<std::size_t>(done), static_cast<std::size_t>(total));
    };
    const auto began = std::chrono::steady_clock::now();
    auto outcome = detect_recording_toc(store, uri, options);
    progress.done();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    if (!outcome) {
      if (InterruptWatch::requested()) {
        interrupted = true;
        error(ctx, uri + ": interrupted; nothing was written for it");
        break;
      }
      ++failed;
      error(ctx, outcome.failure().message());
      report.push_back({{"uri", uri}, {"error", outcome.failure().message()}});
      continue;
    }
    for (const auto& w : outcome->detection.warnings) warn(ctx, outcome->uri + ": " + w);
    changed = changed || outcome->changed;
    if (args.json) report.push_back(outcome_json(*outcome, ctx.archive().folder(), seconds));
    else print_outcome(ctx, *outcome, seconds);
  }
  if (changed && !interrupted) {
    IndexStats s = update_archive_index(ctx, store);
    if (!args.json && s.changed())
      std::printf("index: %s written, %lld deleted\n",
                  counted(s.documents_written, "document", "documents").c_str(),
                  static_cast<long long>(s.documents_deleted));
  }
  if (args.json)
    std::printf("%s\n", nlohmann::json{{"ocr", {{"available", ocr_available()}, {"used", ocr}, {"engine", ocr_description()}}},
                                       {"recordings", report}}
                            .dump(2)
                            .c_str());
  if (interrupted) return kInterrupted;
  return failed ? kFailed : kOk;
}

}  // namespace

Handler setup_detect(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<DetectArgs>();
  cmd.add_option("target", args->target, "a recording (file or URL, imported or not) or a talk's number or key")
      ->required();
  add_bounded_option(cmd, "--min-segment", args->min_segment,
                     "seconds a slide must show to be an item of its own", 0.0, 3600.0);
  add_bounded_option(cmd, "--threshold", args->threshold, "share of the picture that must change (0..1)", 0.001, 1.0);
  cmd.add_flag("--no-ocr", args->no_ocr, "do not read the slides' text");
  cmd.add_flag("--no-thumbnails", args->no_thumbnails, "do not write thumbnails");
  cmd.add_flag("--json", args->json, "print what was found as JSON");
  return [&ctx, args] { return run_detect(ctx, *args); };
}

}  // namespace talkdex::cli
