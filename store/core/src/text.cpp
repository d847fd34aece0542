#include "talkdex/text.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <optional>

#include <fmt/format.h>

namespace talkdex {
namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Decodes one UTF-8 code point at s[i]; returns its length, or 0 when the bytes are not valid UTF-8.
size_t decode_utf8(std::string_view s, size_t i, char32_t& cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 2) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  static const char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Calls `each(cp, bytes)` for every code point of `s` in order, with its UTF-8 bytes; a byte that does not
// start valid UTF-8 comes alone, with no code point.
template <typename Each>
void for_each_code_point(std::string_view s, Each&& each) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const size_t len = decode_utf8(s, i, cp);
    if (len == 0) each(std::optional<char32_t>(), s.substr(i, 1));
    else each(std::optional<char32_t>(cp), s.substr(i, len));
    i += len == 0 ? 1 : len;
  }
}

// Base letters for U+00C0..U+017F; '\0' where there is no plain fold.
const char* latin_fold(char32_t cp) {
  static const char* const k00C0[] = {
      "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",  // C0
      "D", "N", "O", "O", "O", "O", "O", nullptr, "O", "U", "U", "U", "U", "Y", "TH", "ss",  // D0
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // E0
      "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u", "u", "y", "th", "y"};  // F0
  if (cp >= 0xC0 && cp <= 0xFF) return k00C0[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F) {
    // Latin Extended-A comes in upper/lower pairs; the base letters in order.
    static const char* const kExtA =
        "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi"  // 0100-0131
        "??JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo??RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";  // 0132-017F
    static thread_local char buf[3];
    size_t idx = cp - 0x100;
    if (cp == 0x132) return "IJ";
    if (cp == 0x133) return "ij";
    if (cp == 0x152) return "OE";
    if (cp == 0x153) return "oe";
    std::string_view table(kExtA);
    if (idx < table.size()) {
      buf[0] = table[idx];
      buf[1] = 0;
      return buf;
    }
  }
  return nullptr;
}

}  // namespace

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && is_space(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string collapse_space(std::string_view s) {
  std::string out;
  bool pending = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool space = is_space(c);
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {  // U+00A0
      space = true;
      ++i;
    }
    if (space) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string fold_accents(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](std::optional<char32_t> cp, std::string_view bytes) {
    const char* folded = cp ? latin_fold(*cp) : nullptr;
    if (folded) out += folded;
    else out += bytes;
  });
  return out;
}

std::string person_key(std::string_view name) {
  std::string folded = to_lower_ascii(fold_accents(name));
  std::string out;
  for (char c : folded) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) out += c;
    else if (c == '-' || c == '\'' || c == '.') continue;  // "Jean-Luc" ~ "JeanLuc", "A. Saxe" ~ "A Saxe"
    else out += ' ';
  }
  return collapse_space(out);
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
  // Built by appending, not by std::string::replace in place: linear, and free of GCC 12's bogus
  // -Wrestrict/-Wstringop-overflow reports on inlined replace (GCC bugs 105329, 105651).
  if (from.empty()) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t start = 0;
  for (size_t at; (at = s.find(from, start)) != std::string_view::npos; start = at + from.size()) {
    out.append(s.substr(start, at - start));
    out.append(to);
  }
  out.append(s.substr(start));
  return out;
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  }
  return true;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](std::optional<char32_t> cp, std::string_view bytes) {
    if (cp) out += bytes;
    else out += "\xEF\xBF\xBD";  // U+FFFD for each byte that is not UTF-8
  });
  return out;
}

double round_ms(double seconds) { return static_cast<double>(std::llround(seconds * 1000.0)) / 1000.0; }

std::string format_hms(double seconds) {
  if (!(seconds > 0)) seconds = 0;
  // A time read from a file can be any double (3e19 s in a chapter list): past what a long long holds,
  // the conversion would be undefined, so such a time is printed as whole hours.
  if (!(seconds < 1e15)) return std::isfinite(seconds) ? fmt::format("{:.0f}:00:00", std::floor(seconds / 3600)) : "?";
  long long total = static_cast<long long>(std::floor(seconds + 1e-6));
  return fmt::format("{}:{:02}:{:02}", total / 3600, (total / 60) % 60, total % 60);
}

std::optional<double> parse_hms(std::string_view s) {
  std::string t = trim(s);
  if (t.empty()) return std::nullopt;
  double total = 0;
  int fields = 0;
  size_t i = 0;
  while (i <= t.size()) {
    size_t j = t.find(':', i);
    std::string part = t.substr(i, j == std::string::npos ? std::string::npos : j - i);
    if (part.empty() || ++fields > 3) return std::nullopt;
    bool last = j == std::string::npos;
    size_t dots = 0;
    for (char c : part) {
      if (c == '.' || c == ',') {
        if (!last || ++dots > 1) return std::nullopt;
      } else if (!std::isdigit(static_cast<unsigned char>(c))) {
        return std::nullopt;
      }
    }
    for (char& c : part) if (c == ',') c = '.';
    double v = std::strtod(part.c_str(), nullptr);
    if (fields > 1 && v >= 60) return std::nullopt;  // minutes and seconds after the first field stay below 60
    total = total * 60 + v;
    if (last) break;
    i = j + 1;
  }
  return total;
}

std::optional<long long> iso_to_epoch(std::string_view iso) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, n = 0;
  std::string s(iso);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3) return std::nullopt;
  size_t pos = static_cast<size_t>(n);
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    int m = 0;
    if (std::sscanf(s.c_str() + pos + 1, "%2d:%2d%n", &h, &mi, &m) != 2) return std::nullopt;
    pos += 1 + static_cast<size_t>(m);
    if (pos < s.size() && s[pos] == ':') {
      if (std::sscanf(s.c_str() + pos + 1, "%2d%n", &sec, &m) != 1) return std::nullopt;
      pos += 1 + static_cast<size_t>(m);
      while (pos < s.size() && (s[pos] == '.' || std::isdigit(static_cast<unsigned char>(s[pos])))) ++pos;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  long long offset = 0;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (std::sscanf(s.c_str() + pos + 1, "%2d:%2d", &oh, &om) < 1) return std::nullopt;
    offset = (oh * 3600LL + om * 60LL) * (s[pos] == '-' ? -1 : 1);
  }
  // Days from civil (Howard Hinnant's algorithm).
  int yy = y - (mo <= 2);
  int era = (yy >= 0 ? yy : yy - 399) / 400;
  unsigned yoe = static_cast<unsigned>(yy - era * 400);
  unsigned doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  long long days = era * 146097LL + static_cast<long long>(doe) - 719468;
  return days * 86400 + h * 3600LL + mi * 60LL + sec - offset;
}

std::string epoch_to_iso(long long epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

std::string now_utc_iso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string terminal_text(std::string_view s, bool keep_newlines) {
  std::string valid = sanitize_utf8(s);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    auto c = static_cast<unsigned char>(valid[i]);
    if (c == '\n' && keep_newlines) {
      out += '\n';
    } else if (c == '\t' || c == '\n' || c == '\r') {
      out += ' ';
    } else if (c < 0x20 || c == 0x7F) {
      out += "\xEF\xBF\xBD";
    } else if (c == 0xC2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(valid[i + 1]) <= 0x9F) {
      out += "\xEF\xBF\xBD";  // U+0080..U+009F: C1 controls (0x9B is CSI)
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool cut_to_bytes(std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return false;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return true;
}

std::string counted(long long n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace talkdex
