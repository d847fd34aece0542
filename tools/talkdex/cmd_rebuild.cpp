// talkdex rebuild: a fresh index from the store, switched in atomically.
#include <nlohmann/json.hpp>

#include "cli.h"

namespace talkdex::cli {

Handler setup_rebuild(CLI::App& cmd, Context& ctx) {
  auto json = std::make_shared<bool>(false);
  cmd.add_flag("--json", *json, "print the figures as JSON");
  return [&ctx, json] {
    Store store = ctx.open_store(false);
    IndexStats s = ctx.archive().rebuild(store);
    if (*json) {
      std::printf("%s\n", nlohmann::json{{"documents", s.documents_written}, {"store_revision", s.store_revision}}.dump().c_str());
    } else {
      std::printf("rebuilt the index: %lld documents at store revision %lld\n",
                  static_cast<long long>(s.documents_written), static_cast<long long>(s.store_revision));
    }
    return static_cast<int>(kOk);
  };
}

}  // namespace talkdex::cli
