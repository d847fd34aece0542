#include "talkdex/links.h"

#include <cmath>
#include <string_view>

#include "talkdex/text.h"

namespace talkdex {

bool is_youtube_url(const std::string& uri) {
  std::string lower = to_lower_ascii(uri);
  for (std::string_view host : {"://www.youtube.com/", "://youtube.com/", "://m.youtube.com/", "://youtu.be/",
                                "://www.youtube-nocookie.com/"}) {
    if (lower.find(host) != std::string::npos) return true;
  }
  return false;
}

std::string link_at(const std::string& uri, double seconds) {
  long long t = seconds > 0 ? static_cast<long long>(std::floor(seconds)) : 0;
  std::string base = uri.substr(0, uri.find('#'));
  if (!is_youtube_url(base)) return base + "#t=" + std::to_string(t);
  // Drop an existing t= parameter, then append ours.
  size_t q = base.find('?');
  std::string path = base.substr(0, q);
  std::string query;
  if (q != std::string::npos) {
    for (const auto& part : split(base.substr(q + 1), '&')) {
      if (part.empty() || part.rfind("t=", 0) == 0) continue;
      query += (query.empty() ? "" : "&") + part;
    }
  }
  return path + "?" + (query.empty() ? "" : query + "&") + "t=" + std::to_string(t);
}

std::string percent_encode(std::string_view s, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    bool ascii_alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (ascii_alnum || keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace talkdex
