#include "archive_access.h"

namespace talkdex::web {
namespace {

// What tells one list of sources from another: a Searcher made for one must not serve the other.
std::string sources_kind(const std::vector<SearchSource>& sources) {
  std::string kind;
  for (const auto& s : sources) {
    kind += s.name + '\n';
    for (const auto& a : s.addresses) kind += a + '\t';
    kind += '\n';
  }
  return kind;
}

}  // namespace

Pool<Store>::Lease ArchiveAccess::store() {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(archive_.store_file(), ec))
    throw Unavailable("no talkdex archive at " + archive_.folder().string() + " (import something first)");
  return stores_.take([this] { return std::make_unique<Store>(archive_.store_file()); });
}

Pool<Searcher>::Lease ArchiveAccess::searcher() {
  std::vector<SearchSource> sources = archive_search_sources(archive_, *store());
  if (sources.empty()) throw Unavailable("the archive has no index yet (run talkdex index)");
  std::string kind = sources_kind(sources);
  return searchers_.take([&] { return std::make_unique<Searcher>(std::move(sources), options_); }, kind);
}

std::optional<RemoteTalkRef> ArchiveAccess::remote_ref(const std::string& ref) {
  if (ref.find('@') == std::string::npos) return std::nullopt;
  return remote_talk_ref(archive_search_sources(archive_, *store()), ref);
}

}  // namespace talkdex::web
