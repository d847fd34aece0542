// What a search of this archive opens: its own index and the remote shards it lists (talkdex shards).
#pragma once

#include <string>
#include <vector>

#include "cli.h"
#include "talkdex/archive_sources.h"
#include "talkdex/search.h"

namespace talkdex::cli {

// The archive's index (when it has one) and its shards. Throws talkdex::Error naming the folder when
// there is neither (a front needs no index of its own, but then at least one shard).
std::vector<SearchSource> search_sources(const Context& ctx);

// A talk reference "KEY@SHARD" split at its last '@' when SHARD is one of the archive's shards; nullopt
// for a reference to this archive's own talks (a number or a key).
std::optional<RemoteTalkRef> remote_talk_ref(const Context& ctx, const std::string& ref);

// The talk KEY@SHARD as that shard's index holds it; throws talkdex::Error naming it when it cannot.
IndexedTalk find_remote_talk(const Context& ctx, const RemoteTalkRef& ref);

}  // namespace talkdex::cli
