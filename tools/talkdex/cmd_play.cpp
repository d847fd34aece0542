// talkdex play TALK [ITEM] [--recording N] [--at H:MM:SS] [--print]: a player opened at the moment.
#include <unistd.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "player.h"
#include "search_sources.h"
#include "recording_ref.h"
#include "talk_ref.h"
#include "talkdex/error.h"
#include "talkdex/links.h"
#include "talkdex/recording_kind.h"
#include "talkdex/text.h"

namespace talkdex::cli {
namespace {

struct PlayArgs {
  std::string talk;
  std::optional<int> item;
  std::optional<int> recording;
  std::string at;
  bool print = false;
  bool json = false;
};

struct Target {
  std::string uri;
  double seconds = 0;
  std::string title;
};

// The talk's moment: the numbered item of `show` (in the recording asked for, when one is); else the first item of the recording asked for
// (--recording N) or of the first recording a player can open (a file before a player page); else the
// first item; else the talk's own video link.
Target resolve(Store& store, const TalkRow& talk, const PlayArgs& args) {
  auto items = store.toc_items_for_talk(talk.id);
  std::optional<std::string> recording;
  if (args.recording) recording = recording_numbered(store, talk, *args.recording);
  Target t;
  if (args.item) {
    const TocRow i = find_item(store, talk, *args.item);
    t = {recording.value_or(i.recording_uri), i.entry.start, i.entry.title};  // --recording: the item's time there
  } else if (recording || (recording = playable_recording(store, talk))) {
    t = {*recording, 0, talk.info.title};
    for (const auto& i : items) {
      if (i.recording_uri != *recording) continue;
      t = {i.recording_uri, i.entry.start, i.entry.title};
      break;
    }
  } else if (!items.empty()) {
    t = {items.front().recording_uri, items.front().entry.start, items.front().entry.title};
  } else if (!talk.info.links.empty()) {
    t = {talk.info.links.front().url, 0, talk.info.title};
  } else {
    throw Error("talk " + args.talk, "has no recording to play");
  }
  if (!args.at.empty()) {
    auto s = parse_hms(args.at);
    if (!s) throw Error("--at " + args.at, "not a time (H:MM:SS, MM:SS or seconds)");
    // Past the end, a player starts nowhere (or at the end): say so instead, when the length is known.
    auto recording = store.recording_by_uri(t.uri);
    if (recording && recording->duration && *s > *recording->duration)
      throw Error("--at " + args.at, "past the end of the recording (" + format_hms(*recording->duration) + " long)");
    t.seconds = *s;
  }
  return t;
}

// A talk of a remote shard: its index has each item's link (the recording at the item), not the store's
// recording rows, so the link is what the player opens.
Target resolve_remote(const Context& ctx, const RemoteTalkRef& ref, const PlayArgs& args) {
  IndexedTalk talk = find_remote_talk(ctx, ref);
  Target t;
  const Hit* moment = &talk.talk;
  if (args.item) {
    if (*args.item < 1 || *args.item > static_cast<int>(talk.items.size()))
      throw Error("talk " + args.talk, "has no item " + std::to_string(*args.item) + " (show lists " +
                                           std::to_string(talk.items.size()) + ")");
    moment = &talk.items[static_cast<std::size_t>(*args.item - 1)];
  } else if (!talk.items.empty()) {
    moment = &talk.items.front();
  }
  if (moment->link.empty()) throw Error("talk " + args.talk, "has no recording to play");
  t = {moment->link, moment->offset.value_or(0), moment->moment ? moment->moment->title : moment->title};
  if (!args.at.empty()) {
    auto s = parse_hms(args.at);
    if (!s) throw Error("--at " + args.at, "not a time (H:MM:SS, MM:SS or seconds)");
    t.seconds = *s;
  }
  return t;
}

int run_play(Context& ctx, const PlayArgs& args) {
  Target target;
  if (auto remote = remote_talk_ref(ctx, args.talk)) {
    target = resolve_remote(ctx, *remote, args);
  } else {
    Store store = ctx.open_store_read_only();
    TalkRow talk = find_talk(store, args.talk);
    target = resolve(store, talk, args);
  }
  // A local file's link is a file:// URL, which a browser or another program opens as it is.
  std::string link = link_at(file_url(target.uri), target.seconds);
  auto player = find_player();
  std::string no_player = "no player found: install mpv, ffplay or vlc, or set TALKDEX_PLAYER";
  if (const char* wanted = std::getenv("TALKDEX_PLAYER"); wanted && *wanted) {
    auto words = shell_words(wanted);
    no_player = std::string("TALKDEX_PLAYER=") + wanted +
                (!words ? ": an unclosed quote" : words->empty() ? ": no program named" : ": no such program on PATH");
    if (!player && (args.print || args.json)) warn(ctx, no_player);  // the player asked for is missing
  }
  std::vector<std::string> argv;
  if (player) argv = player_command(*player, target.uri, target.seconds).argv;

  if (args.print || args.json) {
    if (args.json) {
      std::printf("%s\n", nlohmann::json{{"uri", target.uri}, {"offset", round_ms(target.seconds)}, {"link", link},
                                         {"command", argv}}.dump(2).c_str());
    } else {
      if (!argv.empty()) {
        std::string line;  // a command a shell runs as it is: each word quoted where it needs to be
        for (const auto& a : argv) line += (line.empty() ? "" : " ") + shell_quoted(a);
        std::printf("%s\n", shown(line).c_str());
      }
      std::printf("%s\n", shown(link).c_str());
    }
    return kOk;
  }
  if (is_player_page(target.uri)) {
    error(ctx, target.uri + ": a player page, which no media player opens; open the link in a browser: " + link);
    return kFailed;
  }
  if (!player) {
    error(ctx, no_player + " (the link: " + link + ")");
    return kFailed;
  }
  std::fprintf(stderr, "playing %s at %s\n", shown(target.title).c_str(), format_hms(target.seconds).c_str());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  ::execv(cargv[0], cargv.data());
  error(ctx, argv[0] + ": cannot start the player");
  return kFailed;
}

}  // namespace

Handler setup_play(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<PlayArgs>();
  cmd.add_option("talk", args->talk, "the talk's number, its key, or KEY@SHARD")->required();
  cmd.add_option("item", args->item, "the item's number in the talk's table of contents (as show lists it)");
  cmd.add_option("--recording", args->recording, "play this recording of the talk (numbered as show lists them)")
      ->check(CLI::PositiveNumber);
  cmd.add_option("--at", args->at, "start here instead (H:MM:SS, seconds into the recording)")
      ->check([](const std::string& v) { return parse_hms(v) ? std::string() : "not a time (H:MM:SS, MM:SS or seconds)"; });
  cmd.add_flag("--print", args->print, "print the player command and the link instead of playing");
  cmd.add_flag("--json", args->json, "print the recording, offset, link and command as JSON");
  return [&ctx, args] { return run_play(ctx, *args); };
}

}  // namespace talkdex::cli
