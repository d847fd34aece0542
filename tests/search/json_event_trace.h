// For the tests and the fuzz target of the one-pass JSON reader (json_events.h): both readers' events
// written down alike, so that they can be compared, and the mutations the tests read.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>

#include "json_events.h"

namespace talkdex::test {

// The events one a line: "{", "k:NAME", "s:TEXT", "i:-5", "u:5", "f:<bits>", "n", "b:1", "[", "]", "}".
// Doubles by their bits (%a), so that rounding counts.
struct EventTrace : search_detail::JsonEvents {
  std::string out;
  void null() override { out += "n\n"; }
  void boolean(bool v) override { out += v ? "b:1\n" : "b:0\n"; }
  void number_integer(std::int64_t v) override { out += "i:" + std::to_string(v) + "\n"; }
  void number_unsigned(std::uint64_t v) override { out += "u:" + std::to_string(v) + "\n"; }
  void number_float(double v) override {
    char text[64];
    std::snprintf(text, sizeof text, "%a", v);
    out += std::string("f:") + text + "\n";
  }
  void string(std::string& v) override { out += "s:" + v + "\n"; }
  void key(std::string& v) override { out += "k:" + v + "\n"; }
  void start_object() override { out += "{\n"; }
  void end_object() override { out += "}\n"; }
  void start_array() override { out += "[\n"; }
  void end_array() override { out += "]\n"; }
};

// nlohmann's SAX events into an EventTrace.
struct NlohmannEventTrace : nlohmann::json_sax<nlohmann::json> {
  EventTrace trace;
  bool null() override { return trace.null(), true; }
  bool boolean(bool v) override { return trace.boolean(v), true; }
  bool number_integer(number_integer_t v) override { return trace.number_integer(v), true; }
  bool number_unsigned(number_unsigned_t v) override { return trace.number_unsigned(v), true; }
  bool number_float(number_float_t v, const string_t&) override { return trace.number_float(v), true; }
  bool string(string_t& v) override { return trace.string(v), true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return trace.start_object(), true; }
  bool end_object() override { return trace.end_object(), true; }
  bool start_array(std::size_t) override { return trace.start_array(), true; }
  bool end_array() override { return trace.end_array(), true; }
  bool key(string_t& v) override { return trace.key(v), true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

// Whether both readers accept `text` and, when they do, send the same events.
inline bool same_events(std::string_view text) {
  EventTrace mine;
  NlohmannEventTrace theirs;
  bool mine_ok = search_detail::read_json_events(text, mine);
  bool theirs_ok = false;
  try {
    theirs_ok = nlohmann::json::sax_parse(text.begin(), text.end(), &theirs);
  } catch (const std::exception&) {
    theirs_ok = false;
  }
  return mine_ok == theirs_ok && (!mine_ok || mine.out == theirs.trace.out);
}

// `text` with 1 to `max_edits` random edits: a byte of `alphabet` inserted or put in place of one, or up
// to `max_erase` bytes erased.
inline std::string mutated(std::string text, const std::string& alphabet, std::mt19937& random, int max_edits,
                           std::size_t max_erase) {
  int edits = 1 + static_cast<int>(random() % static_cast<unsigned>(max_edits));
  for (int e = 0; e < edits && !text.empty(); ++e) {
    std::size_t at = random() % text.size();
    char c = alphabet[random() % alphabet.size()];
    switch (random() % 3) {
      case 0: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
      case 1: text[at] = c; break;
      default: text.erase(at, 1 + random() % max_erase); break;
    }
  }
  return text;
}

}  // namespace talkdex::test
