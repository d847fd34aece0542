// talkdex import PATH...: each input is read, parsed and written on its own; one failing input does not
// stop the others, and the exit code says whether any failed.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli.h"
#include "counted.h"
#include "progress.h"
#include "talk_ref.h"
#include "talkdex/error.h"
#include "talkdex/indexer/import/importer.h"
#include "talkdex/indexer/import/input_kind.h"
#include "talkdex/limits.h"

namespace talkdex::cli {
namespace {

struct ImportArgs {
  std::vector<std::string> paths;
  std::string kind;
  std::optional<int> year;
  std::string talk;
  std::optional<std::int64_t> event;
  std::string starts;
  int jobs = 8;
  int deadline = static_cast<int>(limits::kInputDeadlineSeconds);
  bool json = false;
  bool wait = false;
  bool prune = false;
};

int run_import(Context& ctx, const ImportArgs& args) {
  ImportOptions options;
  if (!args.kind.empty()) options.kind = kind_from_name(args.kind);
  options.fetch.jobs = args.jobs;
  options.fetch.deadline_s = args.deadline;
  options.year = args.year;
  options.prune = args.prune;

  WriterLock lock = lock_archive(ctx, "import", {.wait = args.wait});
  if (!args.starts.empty()) options.starts = args.starts;
  options.event_id = args.event;
  Store store = ctx.open_store(true);
  if (!args.talk.empty()) options.talk_id = find_talk(store, args.talk).id;
  if (options.event_id && !store.event(*options.event_id))
    throw Error("event " + std::to_string(*options.event_id), "no such event");
  ProgressBar progress("fetching");
  options.fetch.progress = [&progress](std::size_t done, std::size_t total) { progress.update(done, total); };
  Importer importer(store, options);
  int failed = 0, unchanged = 0, parts_failed = 0;
  bool changed = false;
  nlohmann::json report = nlohmann::json::array();
  auto outcomes = importer.import_all(args.paths);
  progress.done();
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const std::string& path = args.paths[i];
    const ImportOutcome& o = outcomes[i];
    // A warning of a file read with this one (a transcript beside a recording) names its own file; one
    // of this input may name it already (a parser's "x.srt: line 9: ...").
    for (const auto& w : o.warnings) warn(ctx, w.starts_with(path + ": ") ? w : path + ": " + w);
    for (const auto& f : o.part_failures) error(ctx, f.message());
    parts_failed += static_cast<int>(o.part_failures.size());
    std::string kind = o.kind ? std::string(kind_name(*o.kind)) : "";
    if (!o.ok()) {
      ++failed;
      error(ctx, o.failure().message());
    } else if (!args.json) {
      std::printf("%s %s (%s): %s\n", ctx.out.green("imported").c_str(), path.c_str(), kind.c_str(), o.summary.c_str());
      // A WebVTT file can be either: say how to read it the other way.
      if (args.kind.empty() && o.kind == InputKind::ChaptersVtt)
        std::fprintf(stderr, "%s: read as chapters (cues of one line, back to back); --kind subtitles reads it "
                     "as a transcript\n", path.c_str());
    }
    changed = changed || o.changed;
    unchanged += o.ok() && !o.changed;
    report.push_back({{"item", path},
                      {"kind", kind.empty() ? nlohmann::json() : nlohmann::json(kind)},
                      {"ok", o.ok()},
                      {"error", o.ok() ? nlohmann::json() : nlohmann::json(o.failure().message())},
                      {"warnings", o.warnings},
                      {"part_errors", [&] {
                         nlohmann::json parts = nlohmann::json::array();
                         for (const auto& f : o.part_failures) parts.push_back(f.message());
                         return parts;
                       }()},
                      {"summary", o.summary}});
  }
  Archive archive = ctx.archive();
  if (changed || !archive.has_index()) {
    IndexStats s = update_archive_index(ctx, store);
    if (!args.json && s.changed())
      std::printf("index: %s written, %lld deleted\n",
                  counted(s.documents_written, "document", "documents").c_str(),
                  static_cast<long long>(s.documents_deleted));
  }
  if (args.json) std::printf("%s\n", report.dump(2).c_str());
  // The summary line is for batches; a single input's own line says it all.
  if (args.paths.size() > 1)
    std::fprintf(stderr, "%zu imported, %d unchanged, %d failed\n", args.paths.size() - failed - unchanged, unchanged,
               failed);
  return failed || parts_failed ? kFailed : kOk;
}

}  // namespace

Handler setup_import(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<ImportArgs>();
  cmd.add_option("paths", args->paths, "files or http(s) URLs to import (the kind is told from the content)")->required();
  cmd.add_option("--kind", args->kind, "read the inputs as this kind")
      ->check(CLI::IsMember(kind_names()));
  cmd.add_option("--year", args->year, "the year of pages that give dates without one")->check(CLI::Range(1900, 2200));
  cmd.add_option("--talk", args->talk, "the talk a recording, chapter list or transcript belongs to");
  cmd.add_option("--event", args->event, "the event a recording covers (a whole session)");
  cmd.add_option("--starts", args->starts, "the wall-clock time a recording begins (HH:MM)");
  cmd.add_option("--jobs,-j", args->jobs, "URLs fetched at once")->check(CLI::Range(1, 64));
  cmd.add_option("--deadline", args->deadline,
                 "seconds each URL or pipe may take to arrive, retries included (default " +
                     std::to_string(limits::kInputDeadlineSeconds) + ")")
      ->check(CLI::Range(1, 86400));
  cmd.add_flag("--prune", args->prune,
               "remove the talks a schedule no longer has even when more than half are missing or a recording "
               "is attached to them");
  cmd.add_flag("--json", args->json, "print a JSON report on stdout");
  cmd.add_flag("--wait", args->wait, "wait for another writer to finish instead of exiting with code 4");
  return [&ctx, args] { return run_import(ctx, *args); };
}

}  // namespace talkdex::cli
