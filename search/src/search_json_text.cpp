// search_results_json_text: the compact text of search_results_json, written without building the
// tree. Building nlohmann's tree (a std::map per hit) and then writing it was a tenth of a served
// search. The text is byte for byte what nlohmann writes (keys in its sorted order, its numbers, its
// escapes); a string that is not valid UTF-8, rare, is left to nlohmann and its replacement characters.
#include <cstdint>
#include <string_view>

#include "talkdex/search_json.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

// Whether `s` is valid UTF-8 as nlohmann reads it: no overlong forms, surrogates or code points past
// U+10FFFF.
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) n = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) n = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) n = 3, cp = c & 0x07;
    else return false;
    if (i + n >= s.size()) return false;  // cut short
    for (std::size_t k = 1; k <= n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

class Writer {
 public:
  // False once a string was not valid UTF-8: the caller then asks nlohmann.
  bool ok = true;
  std::string out;

  void raw(std::string_view s) { out += s; }

  void string(std::string_view s) {
    if (!valid_utf8(s)) ok = false;
    out += '"';
    for (char ch : s) {
      auto c = static_cast<unsigned char>(ch);
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20) {
            static const char kHex[] = "0123456789abcdef";
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
          } else {
            out += ch;
          }
      }
    }
    out += '"';
  }

  void string_or_null(std::string_view s) {
    if (s.empty()) raw("null");
    else string(s);
  }

  // Numbers as nlohmann writes them (its shortest round-trip form of a double, "1.0" for a whole one).
  void number(double v) { out += nlohmann::json(v).dump(); }
  void number(std::uint64_t v) { out += std::to_string(v); }
  void number(std::int64_t v) { out += std::to_string(v); }
  void boolean(bool v) { out += v ? "true" : "false"; }

  void strings(const std::vector<std::string>& v) {
    out += '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out += ',';
      string(v[i]);
    }
    out += ']';
  }

  // "name": — keys are written in the order nlohmann sorts them.
  void key(std::string_view name) {
    out += '"';
    out += name;
    out += "\":";
  }
};

void write_hit(Writer& w, const Hit& h) {
  w.raw("{");
  w.key("event"), w.string(h.event), w.raw(",");
  w.key("key"), w.string_or_null(h.key), w.raw(",");
  w.key("kind"), w.string(h.kind), w.raw(",");
  w.key("link"), w.string_or_null(h.link), w.raw(",");
  w.key("moment");
  if (h.moment) {
    w.raw("{");
    w.key("offset"), w.number(round_ms(h.moment->offset)), w.raw(",");
    w.key("source"), w.string(h.moment->source), w.raw(",");
    w.key("title"), w.string(h.moment->title), w.raw("}");
  } else {
    w.raw("null");
  }
  w.raw(",");
  w.key("offset");
  if (h.offset) w.number(round_ms(*h.offset));
  else w.raw("null");
  w.raw(",");
  w.key("ref"), w.string_or_null(h.ref()), w.raw(",");
  w.key("score"), w.number(h.score), w.raw(",");
  w.key("shard"), w.string_or_null(h.shard), w.raw(",");
  w.key("snippet"), w.string(h.snippet), w.raw(",");
  w.key("speakers"), w.strings(h.speakers), w.raw(",");
  w.key("start"), w.string_or_null(h.start), w.raw(",");
  w.key("talk_id");
  if (h.talk_id) w.number(static_cast<std::int64_t>(*h.talk_id));
  else w.raw("null");
  w.raw(",");
  w.key("title"), w.string(h.title), w.raw("}");
}

}  // namespace

std::string search_results_json_text(const SearchOptions& o, const SearchResults& r) {
  Writer w;
  w.out.reserve(1024 + r.hits.size() * 768);
  w.raw("{");
  if (o.facets) {
    w.key("facets"), w.raw("{");
    bool first_facet = true;
    for (const auto& [name, counts] : r.facets) {
      if (!first_facet) w.raw(",");
      first_facet = false;
      w.string(name), w.raw(":[");
      bool first_value = true;
      for (const auto& [value, count] : facet_by_count(counts)) {
        if (!first_value) w.raw(",");
        first_value = false;
        w.raw("{"), w.key("count"), w.number(static_cast<std::uint64_t>(count)), w.raw(",");
        w.key("value"), w.string(value), w.raw("}");
      }
      w.raw("]");
    }
    w.raw("},");
  }
  w.key("hits"), w.raw("[");
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    if (i) w.raw(",");
    write_hit(w, r.hits[i]);
  }
  w.raw("],");
  w.key("more"), w.boolean(r.more), w.raw(",");
  w.key("notes"), w.strings(r.notes), w.raw(",");
  w.key("query"), w.string(sanitize_utf8(o.query)), w.raw(",");
  w.key("showing"), w.string_or_null(r.showing), w.raw(",");
  w.key("suggestion"), w.string_or_null(r.suggestion), w.raw(",");
  w.key("total"), w.number(static_cast<std::uint64_t>(r.matches_estimated)), w.raw(",");
  w.key("total_exact"), w.boolean(r.total_exact), w.raw(",");
  w.key("unreachable"), w.strings(r.unreachable), w.raw("}");
  if (!w.ok) return search_results_json(o, r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return std::move(w.out);
}

}  // namespace talkdex
