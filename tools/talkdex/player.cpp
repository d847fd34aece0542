#include "player.h"

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "talkdex/links.h"
#include "talkdex/recording_kind.h"
#include "talkdex/text.h"

namespace talkdex::cli {
namespace {

std::optional<std::string> on_path(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    if (::access(name.c_str(), X_OK) == 0) return name;
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  for (const auto& dir : split(path ? path : "/usr/bin:/bin", ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", round_ms(s > 0 ? s : 0.0));  // milliseconds, as every printed time
  std::string t = buf;
  t.erase(t.find_last_not_of('0') + 1);
  if (!t.empty() && t.back() == '.') t.pop_back();
  return t;
}

}  // namespace

std::optional<std::vector<std::string>> shell_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '\'') {
      std::size_t close = text.find('\'', i + 1);
      if (close == std::string::npos) return std::nullopt;
      word += text.substr(i + 1, close - i - 1);
      i = close;
      in_word = true;
    } else if (c == '"') {
      // Inside double quotes a backslash keeps only \ " $ ` and a newline.
      std::size_t j = i + 1;
      for (; j < text.size() && text[j] != '"'; ++j) {
        if (text[j] == '\\' && j + 1 < text.size() && std::string_view("\\\"$`\n").find(text[j + 1]) != std::string_view::npos)
          ++j;
        word += text[j];
      }
      if (j >= text.size()) return std::nullopt;
      i = j;
      in_word = true;
    } else if (c == '\\') {
      if (i + 1 < text.size()) word += text[++i];
      in_word = true;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

std::optional<Player> find_player() {
  if (const char* p = std::getenv("TALKDEX_PLAYER"); p && *p) {
    auto words = shell_words(p);
    if (!words || words->empty()) return std::nullopt;
    auto program = on_path(words->front());
    if (!program) return std::nullopt;
    return Player{*program, std::vector<std::string>(words->begin() + 1, words->end())};
  }
  for (const char* name : {"mpv", "ffplay", "vlc"}) {
    if (auto found = on_path(name)) return Player{*found, {}};
  }
  return std::nullopt;
}

PlayerCommand player_command(const Player& player, const std::string& uri, double seconds) {
  std::string name = std::filesystem::path(player.program).filename().string();
  std::string at = seconds_text(seconds);
  PlayerCommand c;
  c.argv.push_back(player.program);
  c.argv.insert(c.argv.end(), player.args.begin(), player.args.end());
  if (name == "mpv") c.argv.insert(c.argv.end(), {"--start=" + at, uri});
  else if (name == "ffplay") c.argv.insert(c.argv.end(), {"-ss", at, uri});
  else if (name == "vlc" || name == "cvlc") c.argv.insert(c.argv.end(), {"--start-time=" + at, uri});
  else c.argv.push_back(link_at(uri, seconds));
  return c;
}

std::string shell_quoted(const std::string& arg) {
  bool safe = !arg.empty();
  for (unsigned char c : arg)
    safe = safe && (std::isalnum(c) || std::string_view("_@%+=:,./-").find(static_cast<char>(c)) != std::string_view::npos);
  if (safe) return arg;
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string file_url(const std::string& uri) {
  if (recording_kind(uri) != RecordingKind::file) return uri;
  std::string path = std::filesystem::absolute(uri).lexically_normal().string();
  return "file://" + percent_encode(path, "/-._~");
}

}  // namespace talkdex::cli
