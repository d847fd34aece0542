// talkdex follow DIR... / unfollow DIR...: the folders `talkdex index` and `watch` take recordings from.
#include <filesystem>

#include "cli.h"
#include "talkdex/scan_state.h"

namespace talkdex::cli {
namespace {

struct FollowArgs {
  std::vector<std::string> folders;
  bool wait = false;
};

// The form folders are stored in: absolute, symbolic links resolved, no trailing slash.
std::string folder_key(const std::string& given) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(std::filesystem::absolute(given), ec);
  std::string s = (ec ? std::filesystem::absolute(given).lexically_normal() : p).string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

int run_follow(Context& ctx, const FollowArgs& args) {
  if (args.folders.empty()) {  // no folder: list them
    if (!ctx.archive().exists()) return static_cast<int>(kOk);
    Store store = ctx.open_store(false);
    for (const auto& f : ScanState(store).folders()) std::printf("%s\n", f.c_str());
    return static_cast<int>(kOk);
  }
  WriterLock lock = lock_archive(ctx, "follow", {.wait = args.wait});
  Store store = ctx.open_store(true);
  ScanState state(store);
  int failed = 0;
  for (const auto& given : args.folders) {
    std::string folder = folder_key(given);
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
      error(ctx, given + ": not a folder");
      ++failed;
      continue;
    }
    if (state.follow(folder)) std::printf("following %s (talkdex index takes its recordings in)\n", folder.c_str());
    else std::printf("already following %s\n", folder.c_str());
  }
  return failed ? kFailed : kOk;
}

int run_unfollow(Context& ctx, const FollowArgs& args) {
  WriterLock lock = lock_archive(ctx, "unfollow", {.wait = args.wait, .create = false});
  Store store = ctx.open_store(false);
  ScanState state(store);
  int failed = 0;
  for (const auto& given : args.folders) {
    std::string folder = folder_key(given);
    if (state.unfollow(folder) || (folder != given && state.unfollow(given))) {
      std::printf("no longer following %s (talkdex index removes its recordings)\n", folder.c_str());
    } else {
      error(ctx, given + ": not a followed folder");
      ++failed;
    }
  }
  return failed ? kFailed : kOk;
}

}  // namespace

Handler setup_follow(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<FollowArgs>();
  cmd.add_option("folders", args->folders, "folders to take recordings from (recursively); none: list them");
  cmd.add_flag("--wait", args->wait, "wait for another writer to finish instead of exiting with code 4");
  return [&ctx, args] { return run_follow(ctx, *args); };
}

Handler setup_unfollow(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<FollowArgs>();
  cmd.add_option("folders", args->folders, "followed folders to let go of")->required();
  cmd.add_flag("--wait", args->wait, "wait for another writer to finish instead of exiting with code 4");
  return [&ctx, args] { return run_unfollow(ctx, *args); };
}

}  // namespace talkdex::cli
