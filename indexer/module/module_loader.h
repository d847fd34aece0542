// Loading talkdex's own optional modules (talkdex-media.so, talkdex-fetch.so) on first use.
//
// The talkdex command links neither libav and Tesseract nor libcurl: each comes in a module that the
// command loads the first time a command needs it, so `--version`, `search` or `show` map none of the
// hundred-odd libraries behind them (see media_module_api.h, fetch_module_api.h).
//
// A module is looked for in $TALKDEX_MODULE_DIR when set, else beside the executable, else in
// ../lib/talkdex/ relative to it (an installed layout). It is opened with RTLD_NOW | RTLD_LOCAL, so its
// libraries' symbols stay its own, and never closed. Its entry point returns a table of functions.
#pragma once

#include <string>

namespace talkdex::modules {

struct LoadedTable {
  const void* table = nullptr;  // what the entry point returned; null when loading failed
  std::string path;             // the file loaded, or looked for
  std::string error;            // why loading failed ("" when it did not)
};

// Loads `file_name` and calls its `entry_point` (extern "C", no arguments, returning the table).
// Never throws; every failure comes back in LoadedTable::error, naming the file and the loader's reason.
LoadedTable load_module(const char* file_name, const char* entry_point);

}  // namespace talkdex::modules
