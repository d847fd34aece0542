#include "terminal_width.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace talkdex::cli {

std::size_t output_width(std::FILE* stream) {
  int fd = ::fileno(stream);
  if (!::isatty(fd)) return 0;
  if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
    std::size_t n = 0;
    std::string_view v(columns);
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec == std::errc() && end == v.data() + v.size() && n > 0) return n;
  }
  winsize ws{};
  if (::ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::size_t visible_width(const std::string& text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0x1b && i + 1 < text.size() && text[i + 1] == '[') {
      i += 2;
      while (i < text.size() && !(text[i] >= '@' && text[i] <= '~')) ++i;  // to the final byte
      continue;
    }
    if ((c & 0xC0) != 0x80) ++n;  // not a continuation byte
  }
  return n;
}

namespace {

std::string wrap_one(std::string_view line, std::size_t width, std::size_t indent) {
  std::size_t lead = line.find_first_not_of(' ');
  if (lead == std::string_view::npos) return std::string(line);
  std::string out;
  std::string current(line.substr(0, lead));
  std::size_t current_width = lead;
  bool empty = true;  // no word on the current line yet
  std::size_t i = lead;
  while (i < line.size()) {
    std::size_t end = line.find(' ', i);
    if (end == std::string_view::npos) end = line.size();
    std::string word(line.substr(i, end - i));
    i = end + 1;
    if (word.empty()) continue;
    std::size_t w = visible_width(word);
    if (!empty && current_width + 1 + w > width) {
      out += current + "\n";
      current = std::string(indent, ' ');
      current_width = indent;
      empty = true;
    }
    if (!empty) {
      current += ' ';
      ++current_width;
    }
    current += word;
    current_width += w;
    empty = false;
  }
  return out + current;
}

}  // namespace

std::string wrapped(const std::string& line, std::size_t width, std::size_t indent) {
  if (width == 0 || visible_width(line) <= width) return line;
  std::string out;
  std::size_t start = 0;
  for (;;) {
    std::size_t nl = line.find('\n', start);
    std::string_view part(line.data() + start, (nl == std::string::npos ? line.size() : nl) - start);
    out += visible_width(std::string(part)) <= width ? std::string(part) : wrap_one(part, width, indent);
    if (nl == std::string::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

}  // namespace talkdex::cli
