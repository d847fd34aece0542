#include "remote_open.h"


#include "talkdex/error.h"
#include "talkdex/shards.h"

namespace talkdex::remote {

bool is_remote(const std::string& address) { return address.rfind("tcp://", 0) == 0; }

OpenFailure classify(const Xapian::Error& e, std::chrono::milliseconds timeout) {
  const std::string type = e.get_type();  // Xapian's errors are not polymorphic: their type is a name
  if (type == "NetworkTimeoutError")
    return {Fault::kDown, "no answer within " + std::to_string(timeout.count()) + " ms"};
  // A system error (refused, unreachable, reset): nothing usable listens there now.
  if (type == "NetworkError" && e.get_error_string() != nullptr)
    return {Fault::kDown, e.get_msg() + ": " + e.get_error_string()};
  return {Fault::kGarbage, "it does not answer as a Xapian index server (" + e.get_description() + ")"};
}

std::optional<Xapian::Database> open(const std::string& address, std::chrono::milliseconds timeout,
                                     OpenFailure& failure) {
  if (!is_remote(address)) {
    try {
      return Xapian::Database(address);
    } catch (const Xapian::Error& e) {
      throw Error(address, "cannot open the index: " + e.get_description());
    }
  }
  auto parsed = parse_shard_address(address);
  if (!parsed) throw Error(parsed.failure().message());
  try {
    auto ms = static_cast<unsigned>(timeout.count());
    return Xapian::Remote::open(parsed->host, parsed->port, ms, ms);
  } catch (const Xapian::Error& e) {
    failure = classify(e, timeout);
    return std::nullopt;
  }
}

}  // namespace talkdex::remote
