#include <doctest/doctest.h>

#include "talkdex/text.h"

using namespace talkdex;

TEST_CASE("accents fold to base letters and names match by key") {
  CHECK(fold_accents("Müller") == "Muller");
  CHECK(fold_accents("Œuvre façade Łódź") == "OEuvre facade Lodz");
  CHECK(person_key("  Andrew   SAXE ") == "andrew saxe");
  CHECK(person_key("José Müller-Lüdenscheidt") == person_key("Jose Muller-Ludenscheidt"));
  CHECK(person_key("Jean-Luc Picard") == "jeanluc picard");
}

TEST_CASE("replace_all replaces every occurrence once, left to right") {
  CHECK(replace_all("a and b and c", " and ", ",") == "a,b,c");
  CHECK(replace_all("aaa", "aa", "a") == "aa");  // not scanned again: "aaa" -> "a" + "a"
  CHECK(replace_all("x\xEF\xBF\xBDy\xEF\xBF\xBD", "\xEF\xBF\xBD", " ") == "x y ");
  CHECK(replace_all("nothing here", "zz", "!") == "nothing here");
  CHECK(replace_all("", "a", "b").empty());
  CHECK(replace_all("abc", "", "-") == "abc");
  CHECK(replace_all("line\nbreak", "\n", " / ") == "line / break");
}

TEST_CASE("H:MM:SS formats and parses offsets") {
  CHECK(format_hms(0) == "0:00:00");
  CHECK(format_hms(3723.9) == "1:02:03");
  CHECK(format_hms(-5) == "0:00:00");
  CHECK(parse_hms("1:02:03") == doctest::Approx(3723));
  CHECK(parse_hms("02:03") == doctest::Approx(123));
  CHECK(parse_hms("75") == doctest::Approx(75));
  CHECK(parse_hms("0:00:01.250") == doctest::Approx(1.25));
  CHECK_FALSE(parse_hms("1:75:00"));
  CHECK_FALSE(parse_hms("a:b"));
  CHECK_FALSE(parse_hms(""));
}

TEST_CASE("ISO times convert to epoch seconds") {
  CHECK(iso_to_epoch("1970-01-01T00:00:00") == 0);
  CHECK(iso_to_epoch("2019-06-15T08:45") == 1560588300);
  CHECK(iso_to_epoch("2019-06-15T10:45:00+02:00") == 1560588300);
  CHECK(epoch_to_iso(1560588300) == "2019-06-15T08:45:00");
  CHECK_FALSE(iso_to_epoch("15 June"));
}

TEST_CASE("invalid UTF-8 is replaced, valid text kept") {
  CHECK(sanitize_utf8("ok \xC3\xA9") == "ok \xC3\xA9");
  CHECK(sanitize_utf8("bad \xFF!") == "bad \xEF\xBF\xBD!");
  CHECK(collapse_space("  a \t b\n\xC2\xA0 c ") == "a b c");
}

TEST_CASE("terminal_text leaves out control characters and keeps the rest") {
  CHECK(terminal_text("Evil \x1b]0;PWNED\x07\x1b[2J") == "Evil \xEF\xBF\xBD]0;PWNED\xEF\xBF\xBD\xEF\xBF\xBD[2J");
  CHECK(terminal_text("a\tb\r\nc") == "a b  c");
  CHECK(terminal_text("a\nb", true) == "a\nb");
  CHECK(terminal_text("CSI \xC2\x9B" "2J, DEL \x7F") == "CSI \xEF\xBF\xBD" "2J, DEL \xEF\xBF\xBD");
  CHECK(terminal_text("Müller · Überwachung ✓") == "Müller · Überwachung ✓");
  CHECK(terminal_text("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
}
