// The one-pass JSON reader (json_events.h) against nlohmann's: the same texts accepted and refused, the
// same events for those accepted, numbers told apart alike; for edge cases of the grammar, strings,
// UTF-8 and numbers, and for 40,000 deterministic mutations of a text that has every kind of value.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <random>
#include <string>

#include "json_events.h"

using talkdex::search_detail::JsonEvents;
using talkdex::search_detail::read_json_events;

namespace {

using json = nlohmann::json;

// Both readers' events written down alike: "{", "k:NAME", "s:TEXT", "i:-5", "u:5", "f:1.5", "n", "b:1",
// "[", "]", "}", one a line. Doubles by their bits (%a), so that rounding counts.
struct Recorder : JsonEvents {
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

struct NlohmannRecorder : nlohmann::json_sax<json> {
  Recorder r;
  bool null() override { return r.null(), true; }
  bool boolean(bool v) override { return r.boolean(v), true; }
  bool number_integer(number_integer_t v) override { return r.number_integer(v), true; }
  bool number_unsigned(number_unsigned_t v) override { return r.number_unsigned(v), true; }
  bool number_float(number_float_t v, const string_t&) override { return r.number_float(v), true; }
  bool string(string_t& v) override { return r.string(v), true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return r.start_object(), true; }
  bool end_object() override { return r.end_object(), true; }
  bool start_array(std::size_t) override { return r.start_array(), true; }
  bool end_array() override { return r.end_array(), true; }
  bool key(string_t& v) override { return r.key(v), true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

// Whether both accept `text` alike, with the same events when they do.
void check_same(const std::string& text) {
  CAPTURE(text);
  Recorder mine;
  NlohmannRecorder theirs;
  bool mine_ok = read_json_events(text, mine);
  bool theirs_ok = false;
  try {
    theirs_ok = json::sax_parse(text, &theirs);
  } catch (const std::exception&) {
    theirs_ok = false;
  }
  REQUIRE(mine_ok == theirs_ok);
  if (mine_ok) CHECK(mine.out == theirs.r.out);
}

const std::string kEveryKind =
    "\xEF\xBB\xBF {\"a\": [1, -2, 3.5e-3, 0, -0, 1E+2, 18446744073709551615, -9223372036854775808],"
    " \"s\": \"x\\\"y\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\","
    " \"o\": {\"t\": true, \"f\": false, \"n\": null, \"e\": {}, \"ea\": []}, \"d\": [[[{\"k\": [\"v\"]}]]]}  ";

}  // namespace

TEST_CASE("edge cases of JSON read as nlohmann reads them") {
  for (const std::string& text : {
           kEveryKind,
           // Numbers: the integer ranges, overflow into doubles, refused forms, underflow, infinity.
           std::string("-0"), std::string("0"), std::string("01"), std::string("-01"), std::string("1."), std::string(".5"),
           std::string("+1"), std::string("1e"), std::string("1e+"), std::string("1E-2"), std::string("-"),
           std::string("18446744073709551615"), std::string("18446744073709551616"), std::string("-9223372036854775808"),
           std::string("-9223372036854775809"), std::string("1e308"), std::string("1e309"), std::string("-1e400"),
           std::string("1e-400"), std::string("4.9e-324"), std::string("0.1"), std::string("123456789012345678901234567890"),
           std::string(400, '9'),
           // Strings: escapes, surrogates, control characters, UTF-8 well and ill formed.
           std::string("\"\\u0000\""), std::string("\"\\ud83d\""), std::string("\"\\ud83d\\u0041\""),
           std::string("\"\\udc00\""), std::string("\"\\uD83D\\uDE00\""), std::string("\"\\x\""), std::string("\"\\u12\""),
           std::string("\"\\u12G4\""), std::string("\"a\tb\""), std::string("\"a\x7f\""), std::string("\"\xC0\x80\""),
           std::string("\"\xC2\x80\""), std::string("\"\xE0\x9F\xBF\""), std::string("\"\xED\xA0\x80\""),
           std::string("\"\xEF\xBF\xBF\""), std::string("\"\xF0\x8F\xBF\xBF\""), std::string("\"\xF4\x8F\xBF\xBF\""),
           std::string("\"\xF4\x90\x80\x80\""), std::string("\"\xF5\x80\x80\x80\""), std::string("\"\xE2\x82\""),
           std::string("\"\x80\""), std::string("\"open"),
           // The grammar: separators, trailing commas, keys that are not strings, what may follow a value.
           std::string(""), std::string("   "), std::string("[1,]"), std::string("[,1]"), std::string("{\"a\":1,}"),
           std::string("{\"a\" 1}"), std::string("{a:1}"), std::string("{1:1}"), std::string("[1 2]"), std::string("[1]]"),
           std::string("{}}"), std::string("[] []"), std::string("[]x"), std::string("tru"), std::string("nulll"),
           std::string("[true,false,null]"), std::string("{\"a\":{\"b\":{}}}"), std::string("\t\r\n[\n]\n"),
           // NUL: the end for nlohmann after a whole value, an error anywhere else.
           std::string("[1]\0garbage", 11), std::string("\"a\" \0x", 6), std::string("1\0", 2), std::string("[1,\0]", 5),
           std::string("\"a\0b\"", 5), std::string("\0", 1),
           // A byte order mark: whole, begun, alone.
           std::string("\xEF\xBB\xBF[]"), std::string("\xEF\xBB[]"), std::string("\xEF\xBB\xBF"), std::string("\xEF"),
       })
    check_same(text);
}

TEST_CASE("deep nesting is followed without recursion") {
  check_same(std::string(100000, '[') + std::string(100000, ']'));
  check_same(std::string(100000, '['));
  std::string objects;
  for (int i = 0; i < 50000; ++i) objects += "{\"a\":";
  check_same(objects + "1" + std::string(50000, '}'));
}

TEST_CASE("40,000 mutations of a text with every kind of value read as nlohmann reads them") {
  const std::string alphabet = "{}[]\":,0123456789-+.eEtrufalsn\\/bu dDcCfF\xEF\xBB\xBF\xC3\xA9\xED\xA0\x80\x1F\t";
  std::mt19937 random(30111926);
  int accepted = 0;  // most mutations are not JSON; enough must be for the events to be compared
  for (int i = 0; i < 40000; ++i) {
    std::string text = kEveryKind;
    int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      std::size_t at = random() % text.size();
      char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        case 1: text[at] = c; break;
        default: text.erase(at, 1 + random() % 4); break;
      }
    }
    check_same(text);
    Recorder r;
    accepted += read_json_events(text, r);
  }
  MESSAGE(accepted << " of 40,000 mutations are JSON");
  CHECK(accepted > 4000);
}
