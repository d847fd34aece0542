// talkdex events: the events of the archive with the numbers that eventid: and --event take.
#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "cli.h"

namespace talkdex::cli {

Handler setup_events(CLI::App& cmd, Context& ctx) {
  auto json = add_json_flag(cmd, "the events");
  return [&ctx, json] {
    Store store = ctx.open_store_read_only();
    auto events = store.events();
    std::map<std::int64_t, std::size_t> talks;
    for (const auto& t : store.talks()) ++talks[t.event_id];
    if (*json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& e : events)
        out.push_back({{"id", e.id}, {"key", e.info.key}, {"title", e.info.title}, {"kind", e.info.kind},
                       {"date", e.info.date.empty() ? nlohmann::json() : nlohmann::json(e.info.date)},
                       {"talks", talks[e.id]}});
      std::printf("%s\n", out.dump(2).c_str());
    } else {
      for (const auto& e : events) {
        std::string when = e.info.date.empty() ? "" : "  " + e.info.date;
        std::printf("%s %s%s  %s\n", ctx.out.dim(fmt::format("[{}]", e.id)).c_str(), ctx.out.bold(e.info.title).c_str(),
                    shown(when).c_str(), shown(fmt::format("{} talk{} · eventid:{} · {}", talks[e.id],
                                                           talks[e.id] == 1 ? "" : "s", e.id, e.info.key)).c_str());
      }
      if (events.empty()) std::fprintf(stderr, "no events yet (talkdex import a schedule)\n");
    }
    return static_cast<int>(events.empty() ? kNothingFound : kOk);
  };
}

}  // namespace talkdex::cli
