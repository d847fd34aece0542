#include "search_sources.h"

#include <filesystem>

#include "talkdex/shards.h"

namespace talkdex::cli {

std::vector<SearchSource> search_sources(const Context& ctx) {
  Archive archive = ctx.archive();
  if (!archive.exists())
    throw Error(archive.folder().string(), "no talkdex archive here (import something first, or pass --archive)");
  std::vector<SearchSource> out;
  if (archive.has_index()) out.push_back({"", archive.search_databases()});
  if (std::filesystem::exists(archive.store_file())) {
    Store store = Store::open_read_only(archive.store_file());
    for (auto& s : ShardList(store).shards()) out.push_back({s.name, s.addresses});
    // Talks in the store and no index: a first build that was stopped (killed, the disk full).
    StoreCounts counts = store.counts();
    if (out.empty() && (counts.talks || counts.recordings))
      throw Error(archive.folder().string(), "no index yet, though the store has talks: talkdex index builds it");
  }
  if (out.empty()) throw Error(archive.folder().string(), "no index yet and no shards: import something first");
  return out;
}

std::optional<RemoteTalkRef> remote_talk_ref(const Context& ctx, const std::string& ref) {
  std::size_t at = ref.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == ref.size()) return std::nullopt;
  Archive archive = ctx.archive();
  if (!archive.exists()) return std::nullopt;
  Store store(archive.store_file());
  std::string shard = ref.substr(at + 1);
  for (const auto& s : ShardList(store).shards())
    if (s.name == shard) return RemoteTalkRef{ref.substr(0, at), shard};
  return std::nullopt;
}

IndexedTalk find_remote_talk(const Context& ctx, const RemoteTalkRef& ref) {
  // Only that shard is opened: the others have nothing to do with it.
  std::vector<SearchSource> one;
  for (auto& s : search_sources(ctx))
    if (s.name == ref.shard) one.push_back(std::move(s));
  Searcher searcher(std::move(one), SearcherOptions{});
  auto talk = searcher.talk(ref.key, ref.shard);
  if (!talk) throw Error(talk.failure().message());
  return std::move(*talk);
}

}  // namespace talkdex::cli
