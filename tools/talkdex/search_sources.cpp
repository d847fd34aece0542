#include "search_sources.h"

#include <filesystem>

namespace talkdex::cli {

std::vector<SearchSource> search_sources(const Context& ctx) {
  Archive archive = ctx.archive();
  if (!archive.exists())
    throw Error(archive.folder().string(), "no talkdex archive here (import something first, or pass --archive)");
  std::vector<SearchSource> out = archive_search_sources(archive);
  if (!out.empty()) return out;
  // Talks in the store and no index: a first build that was stopped (killed, the disk full).
  if (std::filesystem::exists(archive.store_file())) {
    StoreCounts counts = Store::open_read_only(archive.store_file()).counts();
    if (counts.talks || counts.recordings)
      throw Error(archive.folder().string(), "no index yet, though the store has talks: talkdex index builds it");
  }
  throw Error(archive.folder().string(), "no index yet and no shards: import something first");
}

std::optional<RemoteTalkRef> remote_talk_ref(const Context& ctx, const std::string& ref) {
  if (ref.find('@') == std::string::npos) return std::nullopt;
  Archive archive = ctx.archive();
  if (!archive.exists()) return std::nullopt;
  return talkdex::remote_talk_ref(archive_search_sources(archive), ref);
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
