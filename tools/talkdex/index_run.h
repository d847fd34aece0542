// One run of `talkdex index`, and of each batch of `talkdex watch`: re-read the sources, scan the
// followed folders (or the given paths), bring the index up to the store, record the run.
// The caller holds the archive's writer lock.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli.h"
#include "talkdex/indexer/sources/folder_scan.h"
#include "talkdex/index.h"
#include "talkdex/indexer/sources/source_refresh.h"

namespace talkdex::cli {

struct IndexRunOptions {
  bool refresh_sources = true;
  bool detect = false;  // find the slide changes of the recordings this run wrote (opt-in: it decodes video)
  std::optional<std::vector<std::string>> paths;  // only these (watch); else every followed folder
  std::function<bool()> should_stop;               // between items
  std::function<void(const std::string& path, const std::string& what)> on_file;
};

struct IndexRun {
  std::string command;
  std::string started, finished;  // ISO 8601 UTC
  double seconds = 0;
  RefreshReport sources;
  ScanReport scan;
  IndexStats index;
  bool index_built = false;  // there was no index: a full one was built
  std::vector<Failure> detect_failures;  // recordings whose slide detection failed (with --detect)
  int detected = 0;                      // detected items written

  std::vector<Failure> failures() const;
  nlohmann::json to_json() const;
  std::string summary() const;  // one line for people
};

// Runs and records the run in the archive's last-run.json.
IndexRun run_index(const Context& ctx, Store& store, const std::string& command, const IndexRunOptions& options);

}  // namespace talkdex::cli
