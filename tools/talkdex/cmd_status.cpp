// talkdex status: what the archive holds, how big its index is, what the last run did, what failed,
// and who is writing. It takes no lock and writes nothing.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "talkdex/indexer/slides/ocr.h"

#include "cli.h"
#include "counted.h"
#include "talkdex/index.h"
#include "talkdex/scan_state.h"
#include "talkdex/writer_lock.h"

namespace talkdex::cli {
namespace {

std::string human_bytes(std::uintmax_t n) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  return u == 0 ? fmt::format("{} B", n) : fmt::format("{:.1f} {}", v, units[u]);
}

std::uintmax_t file_size_or_zero(const std::filesystem::path& p) {
  std::error_code ec;
  auto n = std::filesystem::file_size(p, ec);
  return ec ? 0 : n;
}

nlohmann::json gather(const Context& ctx) {
  Archive archive = ctx.archive();
  Store store = ctx.open_store_read_only();
  ScanState state(store);
  StoreCounts c = store.counts();
  std::int64_t revision = store.revision();
  nlohmann::json j;
  j["archive"] = archive.folder().string();
  j["store"] = {{"revision", revision}, {"events", c.events}, {"talks", c.talks}, {"people", c.people},
                {"recordings", c.recordings}, {"items", c.items}, {"sources", c.sources},
                {"bytes", file_size_or_zero(archive.store_file()) + file_size_or_zero(archive.store_file().string() + "-wal")}};
  j["index"] = nullptr;
  if (archive.has_index()) {
    IndexInfo info = index_info(archive.current_index());
    j["index"] = {{"documents", info.documents},
                  {"store_revision", info.store_revision},
                  {"up_to_date", info.store_revision == revision},
                  {"bytes", archive.index_size()},
                  {"folder", archive.current_index().filename().string()}};
  }
  j["followed"] = nlohmann::json::array();
  for (const auto& f : state.folders()) {
    auto [recordings, files] = state.count_under(f);
    j["followed"].push_back({{"folder", f}, {"recordings", recordings}, {"files", files}});
  }
  std::string last = archive.last_run();
  j["last_run"] = last.empty() ? nlohmann::json() : nlohmann::json::parse(last, nullptr, false);
  if (j["last_run"].is_discarded()) j["last_run"] = nullptr;
  j["errors"] = nlohmann::json::array();
  for (const auto& e : state.errors())
    j["errors"].push_back({{"kind", e.kind}, {"item", e.item}, {"reason", e.reason}, {"at", e.at}});
  j["ocr"] = {{"available", ocr_available()}, {"description", ocr_description()}};
  j["writer"] = nullptr;
  if (WriterLock::held(archive.lock_file())) {
    LockHolder h = WriterLock::read_holder(archive.lock_file());
    j["writer"] = {{"pid", h.pid}, {"command", h.command}, {"since", h.since}};
  }
  return j;
}

void print(const Context& ctx, const nlohmann::json& j) {
  const Style& s = ctx.out;
  const auto& st = j["store"];
  std::printf("%s %s\n", s.bold("archive").c_str(), shown(j["archive"].get<std::string>()).c_str());
  auto n = [&](const char* key, const char* one, const char* many) { return counted(st[key].get<long long>(), one, many); };
  std::printf("store:    %s, %s, %s, %s, %s (revision %lld, %s)\n", n("events", "event", "events").c_str(),
              n("talks", "talk", "talks").c_str(), n("recordings", "recording", "recordings").c_str(),
              n("items", "item", "items").c_str(), n("sources", "source", "sources").c_str(),
              st["revision"].get<long long>(), human_bytes(st["bytes"].get<std::uintmax_t>()).c_str());
  if (j["index"].is_null()) {
    std::printf("index:    none yet (talkdex index or rebuild makes one)\n");
  } else {
    const auto& ix = j["index"];
    std::printf("index:    %s, %s on disk, %s\n", counted(ix["documents"].get<long long>(), "document", "documents").c_str(),
                human_bytes(ix["bytes"].get<std::uintmax_t>()).c_str(),
                ix["up_to_date"].get<bool>() ? "up to date"
                                             : fmt::format("at store revision {} (talkdex index brings it up to date)",
                                                           ix["store_revision"].get<long long>()).c_str());
  }
  for (const auto& f : j["followed"]) {
    std::printf("followed: %s (%s in %s)\n", shown(f["folder"].get<std::string>()).c_str(),
                counted(f["recordings"].get<long long>(), "recording", "recordings").c_str(),
                counted(f["files"].get<long long>(), "file", "files").c_str());
  }
  std::printf("ocr:      %s\n", shown(j["ocr"]["description"].get<std::string>()).c_str());
  if (!j["last_run"].is_null()) {
    const auto& r = j["last_run"];
    std::printf("last run: %s at %s, %.1f s, %zu failed\n", shown(r.value("command", "?")).c_str(),
                shown(r.value("finished", "?")).c_str(), r.value("seconds", 0.0), r["failed"].size());
  }
  if (!j["writer"].is_null()) {
    std::printf("writing:  talkdex %s (pid %lld) since %s\n", shown(j["writer"]["command"].get<std::string>()).c_str(),
                j["writer"]["pid"].get<long long>(), shown(j["writer"]["since"].get<std::string>()).c_str());
  }
  if (!j["errors"].empty()) {
    std::printf("%s (%zu, retried by the next talkdex index):\n", s.red("in error").c_str(), j["errors"].size());
    for (const auto& e : j["errors"]) {
      std::printf("  %s %s: %s\n", shown(e["kind"].get<std::string>()).c_str(), shown(e["item"].get<std::string>()).c_str(),
                  shown(e["reason"].get<std::string>()).c_str());
    }
  }
}

}  // namespace

Handler setup_status(CLI::App& cmd, Context& ctx) {
  auto json = add_json_flag(cmd, "the status");
  return [&ctx, json] {
    // A new archive is not an error: it is empty, and says how to fill it.
    if (!ctx.archive().exists()) {
      nlohmann::json empty = {{"archive", ctx.archive().folder().string()}, {"empty", true}};
      if (*json) std::printf("%s\n", empty.dump(2).c_str());
      else std::printf("%s: empty (talkdex import a schedule, chapters or recordings; talkdex follow DIR)\n",
                       ctx.archive().folder().string().c_str());
      return static_cast<int>(kOk);
    }
    nlohmann::json j = gather(ctx);
    if (*json) std::printf("%s\n", j.dump(2).c_str());
    else print(ctx, j);
    return static_cast<int>(kOk);
  };
}

}  // namespace talkdex::cli
