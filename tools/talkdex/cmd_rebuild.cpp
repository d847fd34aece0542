// talkdex rebuild: a fresh index from the store, built in shards on every core, switched in atomically.
#include <nlohmann/json.hpp>

#include <chrono>
#include <mutex>

#include "cli.h"
#include "progress.h"
#include "talkdex/text.h"

namespace talkdex::cli {

Handler setup_rebuild(CLI::App& cmd, Context& ctx) {
  struct Args {
    bool json = false;
    bool wait = false;
    int threads = 0;
  };
  auto args = std::make_shared<Args>();
  cmd.add_flag("--json", args->json, "print the figures as JSON");
  cmd.add_flag("--wait", args->wait, "wait for another writer to finish instead of exiting with code 4");
  cmd.add_option("--threads", args->threads, "shards built at once (default: one per core)")->check(CLI::Range(1, 256));
  return [&ctx, args] {
    WriterLock lock = lock_archive(ctx, "rebuild", {.wait = args->wait, .create = false});
    Store store = ctx.open_store(false);
    auto t0 = std::chrono::steady_clock::now();
    std::string started = now_utc_iso();
    BuildOptions options;
    options.threads = args->threads;
    StoreCounts counts = store.counts();
    ProgressBar bar("indexing");
    std::mutex bar_mutex;  // the building threads report in turn
    options.progress = [&](std::int64_t documents) {
      std::lock_guard<std::mutex> hold(bar_mutex);
      bar.update(static_cast<std::size_t>(documents), static_cast<std::size_t>(counts.talks + counts.items));
    };
    Archive archive = ctx.archive();
    IndexStats s = archive.rebuild(store, options);
    bar.done();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    nlohmann::json report = {{"command", "rebuild"},
                             {"started", started},
                             {"finished", now_utc_iso()},
                             {"seconds", seconds},
                             {"documents", s.documents_written},
                             {"store_revision", s.store_revision},
                             {"failed", nlohmann::json::array()}};
    archive.write_last_run(report.dump());
    if (args->json) {
      std::printf("%s\n", report.dump().c_str());
    } else {
      std::printf("rebuilt the index: %lld documents at store revision %lld in %.1f s\n",
                  static_cast<long long>(s.documents_written), static_cast<long long>(s.store_revision), seconds);
    }
    return static_cast<int>(kOk);
  };
}

}  // namespace talkdex::cli
