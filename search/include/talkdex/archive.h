// The archive folder: the SQLite store and the Xapian index side by side.
//
//   ARCHIVE/talkdex.sqlite   the store (source of truth)
//   ARCHIVE/index.stub       a Xapian stub file naming the current index folder ("auto index-N")
//   ARCHIVE/index-N/         the current index
//
// Readers open index.stub, so replacing the index is one rename of the stub: a reader sees the old
// index or the new one, never a half-built one. Old index folders are removed after the switch.
// Errors: a folder that cannot be created or an index that cannot be written throws talkdex::Error.
#pragma once

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
  bool exists() const;
  bool has_index() const;

  // Creates the folder (and parents) when missing.
  void create() const;

  // Builds a complete index in a sibling folder, switches the stub to it, removes the old folder.
  IndexStats rebuild(Store& store) const;
  // Brings the index up to the store (building it when there is none).
  IndexStats update(Store& store) const;

  // The databases a search opens: the stub.
  std::vector<std::string> search_databases() const;
  // The current index folder, or empty when none.
  std::filesystem::path current_index() const;

 private:
  std::filesystem::path folder_;
};

}  // namespace talkdex
