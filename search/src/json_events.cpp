#include "json_events.h"

#include "talkdex/text.h"

#include <locale.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace talkdex::search_detail {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The length of the well-formed UTF-8 sequence at `p` (RFC 3629: no overlong forms, no surrogates,
// nothing past U+10FFFF), 0 when there is none.
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
  auto in = [](unsigned char c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; };
  std::size_t left = static_cast<std::size_t>(end - p);
  unsigned char c = p[0];
  if (in(c, 0xC2, 0xDF)) return left >= 2 && in(p[1], 0x80, 0xBF) ? 2 : 0;
  if (in(c, 0xE0, 0xEF)) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return left >= 3 && in(p[1], lo, hi) && in(p[2], 0x80, 0xBF) ? 3 : 0;
  }
  if (in(c, 0xF0, 0xF4)) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return left >= 4 && in(p[1], lo, hi) && in(p[2], 0x80, 0xBF) && in(p[3], 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

class Reader {
 public:
  Reader(std::string_view text, JsonEvents& events)
      : p_(text.data()), end_(text.data() + text.size()), events_(events) {}

  bool read() {
    // A byte order mark, as nlohmann's lexer takes it: skipped when whole, an error when begun.
    if (p_ != end_ && static_cast<unsigned char>(*p_) == 0xEF) {
      if (end_ - p_ < 3 || static_cast<unsigned char>(p_[1]) != 0xBB || static_cast<unsigned char>(p_[2]) != 0xBF)
        return false;
      p_ += 3;
    }
    // What comes next: a value, an object's member ("key": value), or what follows a value (a comma, the
    // end of its container, or the end of the text).
    enum class Next { value, member, after } next = Next::value;
    for (;;) {
      if (next == Next::value) {
        Opened opened = value();
        if (opened == Opened::error) return false;
        next = opened == Opened::array ? Next::value : opened == Opened::object ? Next::member : Next::after;
        continue;
      }
      if (next == Next::member) {
        if (!key()) return false;
        next = Next::value;
        continue;
      }
      skip_space();
      // After the value only its end; a NUL byte counts as the end, as nlohmann's lexer takes it.
      if (open_.empty()) return p_ == end_ || *p_ == '\0';
      if (p_ == end_) return false;
      char c = *p_++;
      char container = open_.back();
      if (c == ',') {
        next = container == '[' ? Next::value : Next::member;
      } else if (c == (container == '[' ? ']' : '}')) {
        open_.pop_back();
        if (container == '[') events_.end_array();
        else events_.end_object();
      } else {
        return false;
      }
    }
  }

 private:
  // What value() read: a whole value (a scalar or an empty container), or the opening of a container
  // whose first element or member comes next.
  enum class Opened { error, whole, array, object };

  void skip_space() {
    while (p_ != end_ && is_space(*p_)) ++p_;
  }

  Opened value() {
    skip_space();
    if (p_ == end_) return Opened::error;
    auto whole = [](bool ok) { return ok ? Opened::whole : Opened::error; };
    switch (*p_) {
      case '{':
      case '[': {
        bool array = *p_++ == '[';
        if (array) events_.start_array();
        else events_.start_object();
        skip_space();
        if (p_ != end_ && *p_ == (array ? ']' : '}')) {
          ++p_;
          if (array) events_.end_array();
          else events_.end_object();
          return Opened::whole;
        }
        open_.push_back(array ? '[' : '{');
        return array ? Opened::array : Opened::object;
      }
      case '"':
        if (!string()) return Opened::error;
        events_.string(text_);
        return Opened::whole;
      case 't':
        if (!word("true")) return Opened::error;
        events_.boolean(true);
        return Opened::whole;
      case 'f':
        if (!word("false")) return Opened::error;
        events_.boolean(false);
        return Opened::whole;
      case 'n':
        if (!word("null")) return Opened::error;
        events_.null();
        return Opened::whole;
      default:
        return whole(number());
    }
  }

  // An object member's key and its colon.
  bool key() {
    skip_space();
    if (p_ == end_ || *p_ != '"' || !string()) return false;
    events_.key(text_);
    skip_space();
    if (p_ == end_ || *p_ != ':') return false;
    ++p_;
    return true;
  }

  bool word(const char* w) {
    std::size_t n = std::strlen(w);
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, w, n) != 0) return false;
    p_ += n;
    return true;
  }

  // A string from its opening quote into text_.
  bool string() {
    ++p_;
    text_.clear();
    for (;;) {
      const char* run = p_;
      while (p_ != end_) {
        auto c = static_cast<unsigned char>(*p_);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++p_;
      }
      text_.append(run, p_);
      if (p_ == end_) return false;
      auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        if (!escape()) return false;
        continue;
      }
      std::size_t n = utf8_sequence(reinterpret_cast<const unsigned char*>(p_), reinterpret_cast<const unsigned char*>(end_));
      if (n == 0) return false;
      text_.append(p_, n);
      p_ += n;
    }
  }

  bool escape() {
    ++p_;
    if (p_ == end_) return false;
    switch (*p_++) {
      case '"': text_ += '"'; return true;
      case '\\': text_ += '\\'; return true;
      case '/': text_ += '/'; return true;
      case 'b': text_ += '\b'; return true;
      case 'f': text_ += '\f'; return true;
      case 'n': text_ += '\n'; return true;
      case 'r': text_ += '\r'; return true;
      case 't': text_ += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    int unit = hex4();
    if (unit < 0) return false;
    std::uint32_t code = static_cast<std::uint32_t>(unit);
    if (code >= 0xD800 && code <= 0xDBFF) {
      // A high surrogate must be followed by its low half.
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      int low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (static_cast<std::uint32_t>(low) - 0xDC00);
    } else if (code >= 0xDC00 && code <= 0xDFFF) {
      return false;
    }
    // talkdex's append_utf8 writes U+FFFD for NUL (stored text never holds one); JSON's \u0000 is NUL.
    if (code == 0) text_ += '\0';
    else append_utf8(text_, code);
    return true;
  }

  int hex4() {
    if (end_ - p_ < 4) return -1;
    int v = 0;
    for (int i = 0; i < 4; ++i) {
      int h = hex_value(p_[i]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    p_ += 4;
    return v;
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  bool number() {
    const char* start = p_;
    bool negative = p_ != end_ && *p_ == '-';
    if (negative) ++p_;
    if (p_ == end_ || !is_digit(*p_)) return false;
    if (*p_ == '0') ++p_;
    else
      while (p_ != end_ && is_digit(*p_)) ++p_;
    bool integer = true;
    if (p_ != end_ && *p_ == '.') {
      integer = false;
      ++p_;
      if (p_ == end_ || !is_digit(*p_)) return false;
      while (p_ != end_ && is_digit(*p_)) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      integer = false;
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !is_digit(*p_)) return false;
      while (p_ != end_ && is_digit(*p_)) ++p_;
    }
    if (integer) {
      if (negative) {
        std::int64_t v = 0;
        if (std::from_chars(start, p_, v).ec == std::errc()) {
          events_.number_integer(v);
          return true;
        }
      } else {
        std::uint64_t v = 0;
        if (std::from_chars(start, p_, v).ec == std::errc()) {
          events_.number_unsigned(v);
          return true;
        }
      }
      // Too large for an integer: a double, as nlohmann reads it.
    }
    // strtod in the C locale, as nlohmann reads a number with a fraction or an exponent: it rounds alike
    // and takes an underflow as the nearest double (0 or a denormal). Infinity is refused, as there.
    static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", locale_t{});
    std::string token(start, p_);
    double v = strtod_l(token.c_str(), nullptr, c_locale);
    if (!std::isfinite(v)) return false;
    events_.number_float(v);
    return true;
  }

  const char* p_;
  const char* end_;
  JsonEvents& events_;
  std::vector<char> open_;  // the containers open around the current value, '{' or '['
  std::string text_;        // the last string or key read
};

}  // namespace

bool read_json_events(std::string_view text, JsonEvents& events) { return Reader(text, events).read(); }

}  // namespace talkdex::search_detail
