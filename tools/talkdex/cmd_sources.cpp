// talkdex sources: what the archive follows, with the last fetch, its status and the last error.
#include <nlohmann/json.hpp>

#include "cli.h"

namespace talkdex::cli {

Handler setup_sources(CLI::App& cmd, Context& ctx) {
  auto json = add_json_flag(cmd, "the sources");
  return [&ctx, json] {
    Store store = ctx.open_store_read_only();
    auto sources = store.sources();
    if (*json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& s : sources) {
        auto text_or_null = [](const std::string& v) { return v.empty() ? nlohmann::json() : nlohmann::json(v); };
        out.push_back({{"uri", s.uri}, {"kind", s.kind}, {"fetched_at", text_or_null(s.fetched_at)},
                       {"status", text_or_null(s.status)}, {"error", text_or_null(s.error)},
                       {"etag", text_or_null(s.etag)}, {"last_modified", text_or_null(s.last_modified)}});
      }
      std::printf("%s\n", out.dump(2).c_str());
      return static_cast<int>(kOk);
    }
    for (const auto& s : sources) {
      std::string status = s.status == "failed" ? ctx.out.red(s.status) : ctx.out.green(s.status);
      std::printf("%s  %s  %s  %s\n", shown(s.fetched_at).c_str(), status.c_str(), shown(s.kind).c_str(),
                  shown(s.uri).c_str());
      if (!s.error.empty()) std::printf("    %s\n", shown(s.error).c_str());
    }
    if (sources.empty()) std::fprintf(stderr, "no sources yet (talkdex import PATH|URL)\n");
    return static_cast<int>(sources.empty() ? kNothingFound : kOk);
  };
}

}  // namespace talkdex::cli
