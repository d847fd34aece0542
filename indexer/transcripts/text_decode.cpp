#include "transcripts/text_decode.h"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace talkdex {
namespace {

// windows-1252 differs from ISO 8859-1 only in 0x80..0x9F; the five unassigned bytes map to the C1
// controls of the same value, as WHATWG's encoding standard does.
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string from_cp1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char c : bytes) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x80) out += c;
    else if (b < 0xA0) append_utf8(out, kCp1252High[b - 0x80]);
    else append_utf8(out, b);
  }
  return out;
}

std::string from_utf16(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size());
  auto unit = [&](size_t i) -> char32_t {
    auto a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (char32_t(b) << 8 | a) : (char32_t(a) << 8 | b);
  };
  size_t n = bytes.size() & ~size_t(1);
  for (size_t i = 0; i < n; i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
      char32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    append_utf8(out, u);  // a lone surrogate becomes U+FFFD there
  }
  if (bytes.size() % 2) out += "\xEF\xBF\xBD";  // a truncated last unit
  return out;
}

std::string from_utf32(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size() / 2);
  size_t n = bytes.size() & ~size_t(3);
  for (size_t i = 0; i < n; i += 4) {
    char32_t cp = 0;
    for (int k = 0; k < 4; ++k) {
      auto b = static_cast<unsigned char>(bytes[i + (little_endian ? 3 - k : k)]);
      cp = cp << 8 | b;
    }
    append_utf8(out, cp);
  }
  if (bytes.size() % 4) out += "\xEF\xBF\xBD";
  return out;
}

// UTF-16 without a byte-order mark (Windows tools write it so): text in Latin script has a NUL in every
// other byte, at odd offsets in little endian and at even ones in big endian. UTF-8 text has no NUL at
// all. Returns whether it is little endian, or nullopt when the bytes do not look like UTF-16.
std::optional<bool> utf16_without_mark(std::string_view bytes) {
  std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t(1);
  if (n < 4) return std::nullopt;
  std::size_t even = 0, odd = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even += bytes[i] == '\0';
    odd += bytes[i + 1] == '\0';
  }
  std::size_t units = n / 2;
  if (odd * 10 >= units * 7 && even * 10 <= units) return true;
  if (even * 10 >= units * 7 && odd * 10 <= units) return false;
  return std::nullopt;
}

}  // namespace


bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    char32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 2) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0, i = 0;
  while (i < text.size()) {
    if (text[i] == '\r' || text[i] == '\n') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = ++i;
    } else {
      ++i;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

DecodedText decode_text(std::string_view bytes) {
  // UTF-32 LE's mark begins with UTF-16 LE's, so it is tested first.
  if (starts_with(bytes, std::string_view("\xFF\xFE\x00\x00", 4))) return {from_utf32(bytes.substr(4), true), "utf-32le"};
  if (starts_with(bytes, std::string_view("\x00\x00\xFE\xFF", 4))) return {from_utf32(bytes.substr(4), false), "utf-32be"};
  if (starts_with(bytes, "\xEF\xBB\xBF")) {
    std::string_view rest = bytes.substr(3);
    if (is_valid_utf8(rest)) return {std::string(rest), "utf-8"};
    return {from_cp1252(rest), "windows-1252"};  // a mark that lies; the text is still readable
  }
  if (starts_with(bytes, "\xFF\xFE")) return {from_utf16(bytes.substr(2), true), "utf-16le"};
  if (starts_with(bytes, "\xFE\xFF")) return {from_utf16(bytes.substr(2), false), "utf-16be"};
  if (auto le = utf16_without_mark(bytes)) return {from_utf16(bytes, *le), *le ? "utf-16le" : "utf-16be"};
  if (is_valid_utf8(bytes)) return {std::string(bytes), "utf-8"};
  return {from_cp1252(bytes), "windows-1252"};
}

}  // namespace talkdex
