// The remote shards of a front archive: indexes served by xapian-tcpsrv on other machines, searched
// together with the archive's own index.
//
// Promises:
//  - A shard has a name (unique among the archive's shards, and never "local", which names the archive's
//    own index) and one or more addresses "tcp://HOST:PORT". Addresses under one name are copies of one
//    index (a primary and its read replicas), in the order they were added: a search uses the first that
//    answers.
//  - An address belongs to one shard; adding it again is an error naming it.
//  - Each method is one transaction. Shards are settings, not data: they do not change the store's
//    revision, so adding one never rebuilds the index.
// Errors: a malformed address or name comes back as a Failure naming it; store errors throw.
// A ShardList borrows its Store.
#pragma once

#include <string>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/store.h"

namespace talkdex {

struct ShardEntry {
  std::string name;
  std::vector<std::string> addresses;  // "tcp://HOST:PORT", primary first
};

// "tcp://HOST:PORT" split into its parts, or a Failure saying what is wrong with it.
struct ShardAddress {
  std::string host;
  unsigned port = 0;
};
Result<ShardAddress> parse_shard_address(const std::string& address);

// The name given to a shard added without one: its host and port ("host-7001").
std::string default_shard_name(const ShardAddress& address);

class ShardList {
 public:
  explicit ShardList(Store& store);

  std::vector<ShardEntry> shards();
  // Adds `address` under `name` (a replica when the name has addresses already). Fails on a bad address
  // or name, or an address already listed.
  Status add(const std::string& address, const std::string& name);
  // Removes a whole shard by its name, or one address. False when nothing matched.
  bool remove(const std::string& name_or_address);

 private:
  Store& store_;
};

}  // namespace talkdex
