// talkdex clip TALK ITEM [--recording N] -o FILE: the item's section of the recording, remuxed without re-encoding.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "recording_ref.h"
#include "talk_ref.h"
#include "talkdex/error.h"
#include "talkdex/indexer/media/media.h"
#include "talkdex/recording_kind.h"
#include "talkdex/text.h"

namespace talkdex::cli {

Handler setup_clip(CLI::App& cmd, Context& ctx) {
  struct Args {
    std::string talk;
    int item = 0;
    std::optional<int> recording;
    std::string output;
    bool json = false;
    bool force = false;
  };
  auto args = std::make_shared<Args>();
  cmd.add_option("talk", args->talk, "the talk's number or key")->required();
  cmd.add_option("item", args->item, "the item's number in the talk's table of contents (as show lists it)")
      ->required();
  cmd.add_option("--output,-o", args->output, "the file to write: NAME.mp4 or NAME.mkv")->required();
  cmd.add_option("--recording", args->recording,
                 "cut the item's section out of this recording of the talk (numbered as show lists them)")
      ->check(CLI::PositiveNumber);
  cmd.add_flag("--json", args->json, "print what was written as JSON");
  cmd.add_flag("--force,-f", args->force, "overwrite the output file when it exists");
  return [&ctx, args] {
    std::error_code ec;
    if (!args->force && std::filesystem::exists(args->output, ec)) {
      error(ctx, args->output + ": exists (--force overwrites it)");
      return static_cast<int>(kFailed);
    }
    Store store = ctx.open_store(false);
    TalkRow talk = find_talk(store, args->talk);
    const TocRow item = find_item(store, talk, args->item);
    std::string uri = args->recording ? recording_numbered(store, talk, *args->recording) : item.recording_uri;
    if (is_player_page(uri)) {
      error(ctx, uri + ": a player page (a link to open in a browser), not a recording talkdex can cut" +
                     (args->recording ? "" : "; choose a file with --recording N (see show)"));
      return static_cast<int>(kFailed);
    }
    auto clip = clip_recording(uri, item.entry.start, item.entry.end, args->output, item.entry.title);
    if (!clip) {
      error(ctx, clip.failure().message());
      return static_cast<int>(kFailed);
    }
    for (const auto& s : clip->skipped) warn(ctx, args->output + ": " + s);
    if (args->json) {
      std::printf("%s\n", nlohmann::json{{"path", clip->path}, {"container", clip->container},
                                         {"requested_start", round_ms(clip->requested_start)},
                                         {"start", round_ms(clip->start)}, {"duration", round_ms(clip->duration)}, {"title", item.entry.title}}
                              .dump(2)
                              .c_str());
    } else {
      std::printf("wrote %s: \"%s\", %s from %s (keyframe before %s)\n", clip->path.c_str(), item.entry.title.c_str(),
                  format_hms(clip->duration).c_str(), format_hms(clip->start).c_str(),
                  format_hms(clip->requested_start).c_str());
    }
    return static_cast<int>(kOk);
  };
}

}  // namespace talkdex::cli
