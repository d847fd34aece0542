// Opening the indexes of a Searcher: the archive's own (a stub or folder) and remote shards served by
// xapian-tcpsrv, with the fault of a shard that cannot be used told apart:
//  - down: nothing listens, the host cannot be reached, or no answer within the timeout (a stopped or
//    overloaded server): the search goes on without it, with a warning;
//  - garbage: something answered, but not Xapian's remote protocol (it closed the connection during the
//    greeting, or sent a message Xapian cannot read): an error naming the shard, since it is a wrong
//    address or a broken server that waiting will not mend.
#pragma once

#include <xapian.h>

#include <chrono>
#include <optional>
#include <string>

namespace talkdex::remote {

enum class Fault { kDown, kGarbage };

struct OpenFailure {
  Fault fault;
  std::string reason;
};

// Opens one address ("tcp://HOST:PORT" with `timeout` for connecting and for each answer, or a local
// path). A local index that cannot be opened and a malformed address throw talkdex::Error naming it.
// A remote one that cannot be used fills `failure` and returns nothing.
std::optional<Xapian::Database> open(const std::string& address, std::chrono::milliseconds timeout,
                                     OpenFailure& failure);

bool is_remote(const std::string& address);

// How a Xapian error from a remote database reads: down or garbage (see above), with the reason.
OpenFailure classify(const Xapian::Error& e, std::chrono::milliseconds timeout);

}  // namespace talkdex::remote
