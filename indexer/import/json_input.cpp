#include "import/json_input.h"

#include <fmt/format.h>

#include "talkdex/limits.h"

namespace talkdex::json_input {

std::optional<std::size_t> too_deep_at(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limits::kMaxNestingDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

std::string short_reason(const nlohmann::json::parse_error& e) {
  std::string what = e.what();
  if (auto tag = what.find("] "); what.rfind("[json.exception", 0) == 0 && tag != std::string::npos)
    what = what.substr(tag + 2);
  constexpr std::size_t kQuoted = 40;
  const std::string_view marker = "last read: '";
  auto at = what.find(marker);
  if (at == std::string::npos) return what;
  std::size_t from = at + marker.size();
  std::size_t end = what.rfind('\'');
  if (end == std::string::npos || end < from) end = what.size();
  if (end - from <= kQuoted) return what;
  std::size_t cut = from + kQuoted;
  while (cut > from && (static_cast<unsigned char>(what[cut]) & 0xC0) == 0x80) --cut;
  return what.substr(0, cut) + "…" + what.substr(end);
}

std::string too_deep_reason(std::size_t at) {
  return fmt::format("arrays and objects nested more than {} deep (the limit) at byte {}", limits::kMaxNestingDepth, at);
}

}  // namespace talkdex::json_input
