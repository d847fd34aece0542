// The archive folder: the SQLite store and the Xapian index side by side.
//
//   ARCHIVE/talkdex.sqlite   the store (source of truth)
//   ARCHIVE/index.stub       a Xapian stub file naming the current index folder ("auto index-N")
//   ARCHIVE/index-N/         the current index
//   ARCHIVE/lock             the writer lock (writer_lock.h); ARCHIVE/watch.lock: one `watch` at a time
//   ARCHIVE/last-run.json    what the last index/rebuild/watch run did (not in SQLite: a run that
//                            finds nothing new writes nothing to the store)
//
// Readers open index.stub, so replacing the index is one rename of the stub: a reader sees the old
// index or the new one, never a half-built one. The replaced folder is marked retired and removed by a
// later writer once a grace period has passed, so that a search that read the stub just before the
// switch can still open it; folders left by an interrupted rebuild are removed by the next writer.
// Errors: a folder that cannot be created or an index that cannot be written throws talkdex::Error.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "talkdex/index.h"

namespace talkdex {

class Archive {
 public:
  // The folder used when none is given: $TALKDEX_ARCHIVE, else $XDG_DATA_HOME/talkdex,
  // else ~/.local/share/talkdex.
  static std::filesystem::path default_folder();

  explicit Archive(std::filesystem::path folder);

  const std::filesystem::path& folder() const { return folder_; }
  std::filesystem::path store_file() const { return folder_ / "talkdex.sqlite"; }
  std::filesystem::path index_stub() const { return folder_ / "index.stub"; }
  std::filesystem::path lock_file() const { return folder_ / "lock"; }
  std::filesystem::path watch_lock_file() const { return folder_ / "watch.lock"; }
  std::filesystem::path last_run_file() const { return folder_ / "last-run.json"; }
  bool exists() const;
  bool has_index() const;

  // Creates the folder (and parents) when missing.
  void create() const;

  // Builds a complete index in a sibling folder, switches the stub to it, retires the old folder and
  // removes old ones (remove_old_indexes). Hold the writer lock.
  IndexStats rebuild(Store& store, const BuildOptions& options = {}) const;
  // Brings the index up to the store (building it when there is none). Hold the writer lock.
  IndexStats update(Store& store) const;

  // How long a replaced index folder is kept for searches that were opening it during the switch.
  static constexpr std::chrono::seconds kRetiredGrace{60};
  // Removes index folders that are not current: those left by an interrupted rebuild at once, replaced
  // ones when they were retired more than `grace` ago. Hold the writer lock.
  void remove_old_indexes(std::chrono::seconds grace = kRetiredGrace) const;
  // Bytes on disk of the current index folder (0 without one).
  std::uintmax_t index_size() const;

  // The JSON record of the last run, written atomically (temporary file and rename); "" when none.
  void write_last_run(const std::string& json) const;
  std::string last_run() const;

  // The databases a search opens: the stub.
  std::vector<std::string> search_databases() const;
  // The current index folder, or empty when none.
  std::filesystem::path current_index() const;

 private:
  std::filesystem::path folder_;
};

}  // namespace talkdex
