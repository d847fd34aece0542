// talkdex shards add|list|remove: the remote shards this archive (a front) searches with its own index.
// Addresses added under a name that has some already are that shard's replicas, tried in order.
#include <nlohmann/json.hpp>

#include "cli.h"
#include "talkdex/shards.h"

namespace talkdex::cli {

Handler setup_shards(CLI::App& cmd, Context& ctx) {
  struct Args {
    std::string address, name, which;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  cmd.require_subcommand(1);
  auto* add = cmd.add_subcommand("add", "search this shard (xapian-tcpsrv) too; a known name adds a replica of it");
  add->add_option("address", args->address, "tcp://HOST:PORT, as `talkdex shard serve` prints it")->required();
  add->add_option("--name", args->name, "the shard's name, which ends its hits' keys (default: HOST-PORT)");
  auto* list = cmd.add_subcommand("list", "the shards and their addresses, primary first");
  list->add_flag("--json", args->json, "print the shards as JSON");
  auto* remove = cmd.add_subcommand("remove", "stop searching a shard (by name) or one of its addresses");
  remove->add_option("shard", args->which, "the shard's name or an address")->required();

  return [&ctx, args, add, list, remove]() -> int {
    Store store = ctx.open_store(add->parsed());
    ShardList shards(store);
    if (add->parsed()) {
      auto address = parse_shard_address(args->address);
      if (!address) {
        error(ctx, address.failure().message());
        return kUsage;
      }
      std::string name = args->name.empty() ? default_shard_name(*address) : args->name;
      if (Status s = shards.add(args->address, name); !s) {
        error(ctx, s.failure().message());
        return kUsage;
      }
      std::printf("added %s as shard %s\n", args->address.c_str(), name.c_str());
      return kOk;
    }
    if (remove->parsed()) {
      if (!shards.remove(args->which)) {
        error(ctx, "shard " + args->which + ": no shard or address of that name (talkdex shards list)");
        return kNothingFound;
      }
      std::printf("removed %s\n", args->which.c_str());
      return kOk;
    }
    auto all = shards.shards();
    if (list->parsed() && args->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& s : all) out.push_back({{"name", s.name}, {"addresses", s.addresses}});
      std::printf("%s\n", out.dump(2).c_str());
    } else {
      for (const auto& s : all) {
        std::printf("%s", ctx.out.bold(s.name).c_str());
        for (std::size_t i = 0; i < s.addresses.size(); ++i)
          std::printf("  %s%s", s.addresses[i].c_str(), i == 0 ? "" : ctx.out.dim(" (replica)").c_str());
        std::printf("\n");
      }
      if (all.empty()) std::fprintf(stderr, "no shards: this archive searches its own index only\n");
    }
    return all.empty() ? kNothingFound : kOk;
  };
}

}  // namespace talkdex::cli
