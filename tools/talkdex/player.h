// Which media player opens a recording at an offset, and with which arguments.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace talkdex::cli {

struct PlayerCommand {
  std::vector<std::string> argv;  // the program first
};

// The player: $TALKDEX_PLAYER when set (a name or a path), else the first of mpv, ffplay, vlc found on
// PATH. nullopt when there is none.
std::optional<std::string> find_player();

// The arguments that start `player` at `seconds` into `uri`: mpv --start=, ffplay -ss, vlc --start-time=;
// any other program gets the link with the offset in it (see links.h) as its one argument.
PlayerCommand player_command(const std::string& player, const std::string& uri, double seconds);

}  // namespace talkdex::cli
