// A fresh archive in a temporary folder with its store open. Header-only: suites that include it link
// talkdex_search.
#pragma once

#include "talkdex/archive.h"
#include "talkdex/store.h"
#include "test_support.h"

namespace talkdex::test {

// A new archive in a temporary folder (ARCHIVE = dir/a), created, with its store open.
struct TempArchive {
  TempDir dir;
  Archive archive{dir.path() / "a"};
  Store store{(archive.create(), archive.store_file())};
};

}  // namespace talkdex::test
