#include "index_run.h"

#include "counted.h"

#include "talkdex/indexer/slides/detected_toc.h"

#include <fmt/format.h>

#include <chrono>

#include "talkdex/text.h"

namespace talkdex::cli {

std::vector<Failure> IndexRun::failures() const {
  std::vector<Failure> out = sources.failures;
  out.insert(out.end(), scan.failures.begin(), scan.failures.end());
  out.insert(out.end(), detect_failures.begin(), detect_failures.end());
  return out;
}

nlohmann::json IndexRun::to_json() const {
  nlohmann::json failed = nlohmann::json::array();
  for (const auto& f : failures()) failed.push_back({{"item", f.item}, {"reason", f.reason}});
  return {{"command", command},
          {"started", started},
          {"finished", finished},
          {"seconds", seconds},
          {"sources", {{"checked", sources.checked}, {"unchanged", sources.unchanged},
                       {"imported", sources.imported}, {"skipped", sources.skipped}}},
          {"files", {{"seen", scan.files_seen}, {"unchanged", scan.unchanged}, {"touched", scan.touched},
                     {"probed", scan.probed}, {"recordings_written", scan.recordings_written},
                     {"recordings_removed", scan.recordings_removed}, {"not_media", scan.not_media},
                     {"transcripts_read", scan.transcripts_read}}},
          {"index", {{"documents_written", index.documents_written}, {"documents_deleted", index.documents_deleted},
                     {"store_revision", index.store_revision}, {"built", index_built}}},
          {"stopped", scan.stopped},
          {"detected", detected},
          {"failed", failed}};
}

std::string IndexRun::summary() const {
  std::string s = fmt::format("{} checked ({} imported); {} ({} probed, {} written, {} removed)",
                              counted(sources.checked, "source", "sources"), sources.imported,
                              counted(scan.files_seen, "file", "files"), scan.probed,
                              counted(scan.recordings_written, "recording", "recordings"), scan.recordings_removed);
  s += index_built ? fmt::format("; index built: {}", counted(index.documents_written, "document", "documents"))
                   : fmt::format("; index: {} written, {} deleted",
                                 counted(index.documents_written, "document", "documents"), index.documents_deleted);
  if (!failures().empty()) s += fmt::format("; {} failed", failures().size());
  return s;
}

IndexRun run_index(const Context& ctx, Store& store, const std::string& command, const IndexRunOptions& options) {
  auto t0 = std::chrono::steady_clock::now();
  IndexRun run;
  run.command = command;
  run.started = now_utc_iso();
  Archive archive = ctx.archive();
  archive.remove_old_indexes();
  if (options.refresh_sources) {
    run.sources = refresh_sources(store, RefreshOptions{});
    for (const auto& w : run.sources.warnings) warn(ctx, w);
  }
  ScanOptions so;
  so.should_stop = options.should_stop;
  so.on_file = options.on_file;
  run.scan = options.paths ? scan_paths(store, *options.paths, so) : scan_followed_folders(store, so);
  for (const auto& w : run.scan.warnings) warn(ctx, w);
  if (options.detect) {
    TocDetectOptions to;
    to.archive_folder = archive.folder();
    for (const auto& path : run.scan.written) {
      if (options.should_stop && options.should_stop()) break;
      auto d = detect_recording_toc(store, path, to);
      if (d) run.detected += d->detected;
      else run.detect_failures.push_back(d.failure());
    }
  }
  run.index_built = !archive.has_index();
  run.index = update_archive_index(ctx, store);
  run.index_built = run.index_built || run.index.rebuilt;
  run.finished = now_utc_iso();
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  archive.write_last_run(run.to_json().dump());
  return run;
}

}  // namespace talkdex::cli
