#include "player.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "talkdex/links.h"
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

std::optional<std::string> find_player() {
  if (const char* p = std::getenv("TALKDEX_PLAYER"); p && *p) return on_path(p);
  for (const char* name : {"mpv", "ffplay", "vlc"}) {
    if (auto found = on_path(name)) return found;
  }
  return std::nullopt;
}

PlayerCommand player_command(const std::string& player, const std::string& uri, double seconds) {
  std::string name = std::filesystem::path(player).filename().string();
  std::string at = seconds_text(seconds);
  if (name == "mpv") return {{player, "--start=" + at, uri}};
  if (name == "ffplay") return {{player, "-ss", at, uri}};
  if (name == "vlc" || name == "cvlc") return {{player, "--start-time=" + at, uri}};
  return {{player, link_at(uri, seconds)}};
}

}  // namespace talkdex::cli
