#include "talkdex/archive_sources.h"

#include <filesystem>

#include "talkdex/shards.h"

namespace talkdex {

namespace {

// The archive's own index, when it has one, and then the shards `store` lists (none without a store).
std::vector<SearchSource> sources_of(const Archive& archive, Store* store) {
  std::vector<SearchSource> out;
  // The stub is read once (has_index); search_databases() would read it again to say the same.
  if (archive.has_index()) out.push_back({"", {archive.index_stub().string()}});
  if (store)
    for (auto& s : ShardList(*store).shards()) out.push_back({std::move(s.name), std::move(s.addresses)});
  return out;
}

}  // namespace

std::vector<SearchSource> archive_search_sources(const Archive& archive, Store& store) {
  return sources_of(archive, &store);
}

std::vector<SearchSource> archive_search_sources(const Archive& archive) {
  std::error_code ec;
  if (!std::filesystem::exists(archive.store_file(), ec)) return sources_of(archive, nullptr);
  Store store = Store::open_read_only(archive.store_file());
  return sources_of(archive, &store);
}

std::optional<RemoteTalkRef> remote_talk_ref(const std::vector<SearchSource>& shards, const std::string& ref) {
  std::size_t at = ref.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == ref.size()) return std::nullopt;
  std::string shard = ref.substr(at + 1);
  for (const auto& s : shards)
    if (!s.name.empty() && s.name == shard) return RemoteTalkRef{ref.substr(0, at), shard};
  return std::nullopt;
}

}  // namespace talkdex
