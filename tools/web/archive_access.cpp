#include "archive_access.h"

namespace talkdex::web {

Pool<Store>::Lease ArchiveAccess::store() {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(archive_.store_file(), ec))
    throw Unavailable("no talkdex archive at " + archive_.folder().string() + " (import something first)");
  return stores_.take([this] { return std::make_unique<Store>(archive_.store_file()); });
}

Pool<Searcher>::Lease ArchiveAccess::searcher() {
  if (!archive_.has_index())
    throw Unavailable("the archive has no index yet (run talkdex index)");
  return searchers_.take([this] { return std::make_unique<Searcher>(archive_.search_databases()); });
}

}  // namespace talkdex::web
