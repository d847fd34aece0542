// The table of subcommands: one row each, one file each (cmd_NAME.cpp).
#include "cli.h"

namespace talkdex::cli {

Handler setup_import(CLI::App&, Context&);
Handler setup_rebuild(CLI::App&, Context&);
Handler setup_search(CLI::App&, Context&);
Handler setup_show(CLI::App&, Context&);
Handler setup_play(CLI::App&, Context&);
Handler setup_sources(CLI::App&, Context&);
Handler setup_chapters(CLI::App&, Context&);

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"import", "PATH... [--kind KIND] [--year YEAR] [--talk TALK] [--event ID] [--starts HH:MM]", "read schedules, chapters, transcripts and recordings",
       setup_import},
      {"search", "QUERY [--json] [--limit N] [--offset N] [--any] [--facets]", "find talks and the moment to jump to", setup_search},
      {"show", "TALK [--json]", "show a talk with its table of contents", setup_show},
      {"play", "TALK [ITEM] [--at H:MM:SS] [--print]", "open a player at the talk's moment (mpv, ffplay, vlc)",
       setup_play},
      {"chapters", "TALK [--format vtt|ffmetadata|youtube|json] [-o FILE]",
       "write a talk's table of contents in a format the importer reads", setup_chapters},
      {"sources", "[--json]", "list the sources the archive follows, with their last fetch", setup_sources},
      {"rebuild", "[--json]", "build a fresh index from the store and switch to it atomically", setup_rebuild},
  };
  return table;
}

}  // namespace talkdex::cli
