// The table of subcommands: one row each, one file each (cmd_NAME.cpp).
#include "cli.h"

namespace talkdex::cli {

Handler setup_import(CLI::App&, Context&);
Handler setup_rebuild(CLI::App&, Context&);
Handler setup_search(CLI::App&, Context&);
Handler setup_show(CLI::App&, Context&);
Handler setup_follow(CLI::App&, Context&);
Handler setup_unfollow(CLI::App&, Context&);
Handler setup_index(CLI::App&, Context&);
Handler setup_watch(CLI::App&, Context&);
Handler setup_status(CLI::App&, Context&);
Handler setup_play(CLI::App&, Context&);
Handler setup_sources(CLI::App&, Context&);
Handler setup_chapters(CLI::App&, Context&);
Handler setup_clip(CLI::App&, Context&);
Handler setup_detect(CLI::App&, Context&);
Handler setup_align(CLI::App&, Context&);
Handler setup_shard(CLI::App&, Context&);
Handler setup_shards(CLI::App&, Context&);
Handler setup_serve(CLI::App&, Context&);

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"import", "PATH... [--kind KIND] [--year YEAR] [--talk TALK] [--event ID] [--starts HH:MM]", "read schedules, chapters, transcripts and recordings",
       setup_import},
      {"search", "QUERY [--json] [--limit N] [--offset N] [--any] [--facets]", "find talks and the moment to jump to", setup_search},
      {"show", "TALK [--json]", "show a talk with its table of contents", setup_show},
      {"play", "TALK [ITEM] [--recording N] [--at H:MM:SS] [--print]", "open a player at the talk's moment (mpv, ffplay, vlc)",
       setup_play},
      {"clip", "TALK ITEM [--recording N] -o FILE.mp4|FILE.mkv", "cut an item's section out of the recording, without re-encoding",
       setup_clip},
      {"chapters", "TALK [--recording N] [--format vtt|ffmetadata|youtube|json] [-o FILE]",
       "write a talk's table of contents in a format the importer reads", setup_chapters},
      {"detect", "RECORDING|TALK [--min-segment S] [--threshold F] [--no-ocr] [--no-thumbnails] [--json]",
       "find the slide changes of a recording: items with thumbnails and slide text", setup_detect},
      {"align", "TALK|--event ID [--window MINUTES] [--min-score F] [--apply] [--json]",
       "move talks' starts in a session recording to the slide that shows their title", setup_align},
      {"sources", "[--json]", "list the sources the archive follows, with their last fetch", setup_sources},
      {"follow", "[DIR...] [--wait]", "take recordings from these folders (none: list the followed ones)",
       setup_follow},
      {"unfollow", "DIR... [--wait]", "stop taking recordings from these folders", setup_unfollow},
      {"index", "[--json] [--wait]", "take in changed sources and new or changed recordings, update the index",
       setup_index},
      {"watch", "[DIR...] [--settle SECONDS] [--json]", "index new recordings as they arrive in followed folders",
       setup_watch},
      {"rebuild", "[--json] [--wait] [--threads N]", "build a fresh index from the store and switch to it atomically",
       setup_rebuild},
      {"status", "[--json]", "what the archive holds, the index size, the last run and what failed", setup_status},
      {"shard", "serve [--listen HOST:PORT] [--replication-port PORT] | replica HOST:PORT FOLDER [--listen HOST:PORT]",
       "serve this archive's index to fronts, or a replica of a shard (Xapian's servers)", setup_shard},
      {"shards", "add tcp://HOST:PORT [--name NAME] | list [--json] | remove NAME|ADDRESS",
       "the remote shards this archive searches with its own index", setup_shards},
      {"serve", "[--listen 127.0.0.1:8080] [--threads N]", "the archive in a browser: search, talk pages with a player, JSON API",
       setup_serve},
  };
  return table;
}

}  // namespace talkdex::cli
