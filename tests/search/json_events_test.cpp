// The one-pass JSON reader (json_events.h) against nlohmann's: the same texts accepted and refused, the
// same events for those accepted, numbers told apart alike; for edge cases of the grammar, strings,
// UTF-8 and numbers, and for 40,000 deterministic mutations of a text that has every kind of value.
#include <doctest/doctest.h>
#include <random>
#include <string>

#include "json_event_trace.h"

using talkdex::search_detail::read_json_events;

namespace {

// Whether both accept `text` alike, with the same events when they do.
void check_same(const std::string& text) {
  CAPTURE(text);
  CHECK(talkdex::test::same_events(text));
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
    std::string text = talkdex::test::mutated(kEveryKind, alphabet, random, 3, 4);
    check_same(text);
    talkdex::test::EventTrace r;
    accepted += read_json_events(text, r);
  }
  MESSAGE(accepted << " of 40,000 mutations are JSON");
  CHECK(accepted > 4000);
}
