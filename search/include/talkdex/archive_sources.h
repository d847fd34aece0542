// What a search of an archive opens, for the command and for `talkdex serve` alike: the archive's own
// index (when it has one) and the remote shards its store lists (`talkdex shards add`), and which talk a
// reference "KEY@SHARD" names.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "talkdex/archive.h"
#include "talkdex/search.h"
#include "talkdex/store.h"

namespace talkdex {

// The archive's index first (name ""), then its shards in the order they were added. Empty when the
// archive has neither; the caller says what that means for it. Reads the store read-only; throws
// talkdex::Error naming the store file when it cannot be read.
std::vector<SearchSource> archive_search_sources(const Archive& archive);
// The same with the archive's store already open (a server keeps its connections).
std::vector<SearchSource> archive_search_sources(const Archive& archive, Store& store);

// A talk reference "KEY@SHARD" split at its last '@' when SHARD is one of `shards`' names; nullopt for a
// reference to the archive's own talks (a number or a key, which may hold an '@' of its own).
struct RemoteTalkRef {
  std::string key, shard;
};
std::optional<RemoteTalkRef> remote_talk_ref(const std::vector<SearchSource>& shards, const std::string& ref);

}  // namespace talkdex
