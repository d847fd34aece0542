#include "talkdex/shards.h"

#include <charconv>

#include "sqlite.h"
#include "talkdex/text.h"

namespace talkdex {

Result<ShardAddress> parse_shard_address(const std::string& address) {
  const std::string scheme = "tcp://";
  auto bad = [&](const std::string& why) { return Failure{"shard " + address, why + " (give tcp://HOST:PORT)",
      ErrorCode::invalid_input}; };
  if (address.rfind(scheme, 0) != 0) return bad("not a remote index address");
  std::string rest = address.substr(scheme.size());
  std::size_t colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0) return bad("no host and port");
  ShardAddress out;
  out.host = rest.substr(0, colon);
  std::string port = rest.substr(colon + 1);
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), out.port);
  if (ec != std::errc() || end != port.data() + port.size() || out.port == 0 || out.port > 65535)
    return bad("the port is not a number from 1 to 65535");
  if (out.host.find_first_of("/ \t@") != std::string::npos) return bad("the host is not a host name");
  return out;
}

std::string default_shard_name(const ShardAddress& address) {
  return address.host + "-" + std::to_string(address.port);
}

ShardList::ShardList(Store& store) : store_(store) {}

std::vector<ShardEntry> ShardList::shards() {
  auto& st = store_.database().cached("SELECT name, address FROM shards ORDER BY name, ordinal");
  std::vector<ShardEntry> out;
  while (st.step()) {
    std::string name = st.text(0);
    if (out.empty() || out.back().name != name) out.push_back({name, {}});
    out.back().addresses.push_back(st.text(1));
  }
  st.reset();
  return out;
}

Status ShardList::add(const std::string& address, const std::string& name) {
  auto parsed = parse_shard_address(address);
  if (!parsed) return parsed.failure();
  // The name ends a hit's key ("KEY@NAME"), so it is kept to letters, digits, '-', '_' and '.'.
  if (name.empty() || name == "local" || name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                                "0123456789-_.") != std::string::npos)
    return Failure{"shard name \"" + name + "\"", "use letters, digits, '-', '_' and '.' (and not \"local\")",
        ErrorCode::invalid_input};
  auto& db = store_.database();
  sql::Transaction tx(db);
  if (auto holder = db.query_one("SELECT name FROM shards WHERE address = ?1", sql::first_text, address))
    return Failure{"shard " + address, "already listed (as " + *holder + ")", ErrorCode::invalid_input};
  const std::int64_t ordinal =
      *db.query_one("SELECT COALESCE(MAX(ordinal), -1) + 1 FROM shards WHERE name = ?1", sql::first_int64, name);
  db.cached("INSERT INTO shards(address, name, ordinal, added_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(1, address)
      .bind(2, name)
      .bind(3, ordinal)
      .bind(4, now_utc_iso())
      .run();
  tx.commit();
  return Status::Ok();
}

bool ShardList::remove(const std::string& name_or_address) {
  return store_.database().run_counting("DELETE FROM shards WHERE name = ?1 OR address = ?1", name_or_address) > 0;
}

}  // namespace talkdex
