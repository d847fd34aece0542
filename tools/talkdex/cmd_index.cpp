// talkdex index: takes in what changed since the last run — sources, recordings in followed folders —
// and updates only the documents it affects. One failing item never stops the run; the exit code says
// whether any failed (3).
#include "cli.h"
#include "index_run.h"
#include "interrupt.h"

namespace talkdex::cli {

Handler setup_index(CLI::App& cmd, Context& ctx) {
  struct Args {
    bool json = false;
    bool wait = false;
    bool detect = false;
  };
  auto args = std::make_shared<Args>();
  cmd.add_flag("--json", args->json, "print what the run did as JSON");
  cmd.add_flag("--detect", args->detect,
               "also find the slide changes of new or changed recordings (decodes their video)");
  cmd.add_flag("--wait", args->wait, "wait for another writer to finish instead of exiting with code 4");
  return [&ctx, args] {
    WriterLock lock = lock_archive(ctx, "index", {.wait = args->wait, .create = false});
    Store store = ctx.open_store(false);
    // Ctrl-C stops between files: what was probed so far is written and indexed, the rest waits for
    // the next run.
    InterruptWatch interrupt;
    IndexRunOptions options;
    options.should_stop = [] { return InterruptWatch::requested(); };
    options.detect = args->detect;
    if (!args->json) {
      options.on_file = [](const std::string& path, const std::string& what) {
        if (what == "failed") return;  // said on stderr at the end, with the reason
        std::printf("%s %s\n", what.c_str(), shown(path).c_str());
        std::fflush(stdout);  // as it happens, also into a pipe or a log
      };
    }
    IndexRun run = run_index(ctx, store, "index", options);
    for (const auto& f : run.failures()) error(ctx, f.message());
    if (args->json) std::printf("%s\n", run.to_json().dump(2).c_str());
    else std::printf("%s\n", run.summary().c_str());
    if (run.scan.stopped) return static_cast<int>(kInterrupted);
    return static_cast<int>(run.failures().empty() ? kOk : kFailed);
  };
}

}  // namespace talkdex::cli
