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
Handler setup_events(CLI::App&, Context&);
Handler setup_rm(CLI::App&, Context&);
Handler setup_help(CLI::App&, Context&);
Handler setup_man(CLI::App&, Context&);
Handler setup_completions(CLI::App&, Context&);

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"import", "read schedules, chapters, transcripts and recordings", setup_import},
      {"search", "find talks and the moment to jump to", setup_search},
      {"show", "show a talk with its table of contents", setup_show},
      {"play", "open a player at the talk's moment (mpv, ffplay, vlc)", setup_play},
      {"clip", "cut an item's section out of the recording, without re-encoding", setup_clip},
      {"chapters", "write a talk's table of contents in a format the importer reads", setup_chapters},
      {"detect", "find the slide changes of a recording: items with thumbnails and slide text", setup_detect},
      {"rm", "detach or remove a talk's recording, a table-of-contents item or a transcript", setup_rm},
      {"align", "move talks' starts in a session recording to the slide that shows their title", setup_align},
      {"events", "list the events with their numbers (for eventid: and --event) and talk counts", setup_events},
      {"sources", "list the sources the archive follows, with their last fetch", setup_sources},
      {"follow", "take recordings from these folders (none: list the followed ones)", setup_follow},
      {"unfollow", "stop taking recordings from these folders", setup_unfollow},
      {"index", "take in changed sources and new or changed recordings, update the index", setup_index},
      {"watch", "index new recordings as they arrive in followed folders", setup_watch},
      {"rebuild", "build a fresh index from the store and switch to it atomically", setup_rebuild},
      {"status", "what the archive holds, the index size, the last run and what failed", setup_status},
      {"shard", "serve this archive's index to fronts, or a replica of a shard (Xapian's servers)", setup_shard},
      {"shards", "the remote shards this archive searches with its own index", setup_shards},
      {"serve", "the archive in a browser: search, talk pages with a player, JSON API", setup_serve},
      {"help", "describe every command, or one", setup_help},
      {"man", "print the manual page (roff), made from the same tables as --help", setup_man},
      {"completions", "print a bash, zsh or fish completion script", setup_completions},
  };
  return table;
}

}  // namespace talkdex::cli
