// Which media player opens a recording at an offset, and with which arguments.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace talkdex::cli {

struct Player {
  std::string program;            // the path found on PATH
  std::vector<std::string> args;  // given with it in $TALKDEX_PLAYER ("mpv --fs": {"--fs"})
};

struct PlayerCommand {
  std::vector<std::string> argv;  // the program first
};

// $TALKDEX_PLAYER split into words as a shell would split them (quotes and backslashes; no variables,
// globs or commands: nothing is run through a shell), as $EDITOR is read. nullopt for an unclosed quote.
std::optional<std::vector<std::string>> shell_words(const std::string& text);

// The player: $TALKDEX_PLAYER when set (a name or a path, with arguments), else the first of mpv,
// ffplay, vlc found on PATH. nullopt when there is none.
std::optional<Player> find_player();

// The arguments that start `player` at `seconds` into `uri`: mpv --start=, ffplay -ss, vlc --start-time=;
// any other program gets the link with the offset in it (see links.h) as its last argument.
PlayerCommand player_command(const Player& player, const std::string& uri, double seconds);

// `arg` as a POSIX shell reads it back as one word: as it is when it holds only safe characters, else
// in single quotes ('it'\''s here.mp4').
std::string shell_quoted(const std::string& arg);

// A local file's path as a file:// URL (percent-encoded); other URIs as they are.
std::string file_url(const std::string& uri);

}  // namespace talkdex::cli
