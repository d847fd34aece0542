// frab schedule.xml and frab/pretalx schedule.json readers, on small documents written here. The real
// exports of ../shared/corpus are read by the conformance suite (tests/conformance).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "schedule/schedule_common.h"
#include "talkdex/indexer/schedule/schedule_formats.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::names;

namespace {

// A current frab export: <date> with offsets, a talk past midnight, recordings, attachments, no guid.
const char* kModernXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <generator name="frab" version="0.7"/>
  <version>1.0</version>
  <conference>
    <acronym>demo2024</acronym><title>Demo  Conference</title>
    <start>2024-03-01T10:00:00+01:00</start><end>2024-03-02T02:00:00+01:00</end>
    <venue>Hall</venue><city>Berlin</city>
    <base_url>https://demo.example/</base_url><unknown_element>ignored</unknown_element>
  </conference>
  <day index="1" date="2024-03-01" start="2024-03-01T10:00:00+01:00" end="2024-03-02T04:00:00+01:00">
    <room name="Main">
      <event guid="5b6e9c1c-7b1a-4a55-9e1d-2f7c1d1e0a01" id="1">
        <date>2024-03-01T10:00:00+01:00</date><start>10:00</start><duration>01:30</duration>
        <room>Main</room><title>Opening</title><subtitle>Welcome</subtitle><type>Lecture</type>
        <track>Org</track><language>en</language>
        <abstract>Short.</abstract><description><![CDATA[Long <b>text</b>.]]></description>
        <persons><person id="1">Ada  Lovelace</person><person id="2">Alan Turing</person></persons>
        <links><link href="https://slides.example/1">Slides</link></links>
        <attachments><attachment href="https://files.example/1.pdf">Paper</attachment></attachments>
        <recording><license>CC BY 4.0</license><optout>false</optout><url>https://media.example/v/1</url></recording>
        <video_download_url>https://cdn.example/1.mp4</video_download_url>
        <url>https://demo.example/talk/1</url>
      </event>
      <event id="2">
        <start>01:15</start><duration>1:01:00</duration><title>Late night</title><type>workshop</type>
      </event>
    </room>
  </day>
</schedule>)";

}  // namespace

TEST_CASE("frab xml: offsets, recordings, attachments, days past midnight and missing guids") {
  auto r = parse_frab_xml(kModernXml, "modern.xml");
  REQUIRE(r.ok());
  const Schedule& s = r.value();
  test::check_fields(s.event, {{"key", "frab:demo2024"}, {"title", "Demo Conference"}, {"venue", "Hall, Berlin"},
                               {"url", "https://demo.example/"}, {"start", "2024-03-01T10:00:00+01:00"},
                               {"date", "2024-03-01"}});
  REQUIRE(s.talks.size() == 2);
  const TalkInfo& a = s.talks[0];
  test::check_fields(a, {{"key", "5b6e9c1c-7b1a-4a55-9e1d-2f7c1d1e0a01"}, {"start", "2024-03-01T10:00:00+01:00"},
                         {"end", "2024-03-01T11:30:00+01:00"}, {"kind", "talk"}, {"url", "https://demo.example/talk/1"},
                         {"abstract", "Short.\n\nLong text."} /* markup read to its words */});
  CHECK(names(a) == std::vector<std::string>{"Ada Lovelace", "Alan Turing"});
  CHECK(a.links == std::vector<Link>{{"https://slides.example/1", "Slides", std::nullopt},
                                     {"https://files.example/1.pdf", "Paper", std::nullopt},
                                     {"https://media.example/v/1", "Recording", std::nullopt},
                                     {"https://cdn.example/1.mp4", "Recording", std::nullopt}});
  const TalkInfo& b = s.talks[1];
  CHECK(b.key == "frab:demo2024/2");  // no guid: the event key and the id attribute
  CHECK(b.room == "Main");            // from <room name>
  // 01:15 on a day that starts at 10:00 is the next calendar date; the day's offset applies.
  CHECK(b.start == "2024-03-02T01:15:00+01:00");
  CHECK(b.end == "2024-03-03T02:15:00+01:00");  // "1:01:00" is pretalx's D:HH:MM: a day and an hour
  CHECK(b.kind == "workshop");
}

TEST_CASE("frab xml: bad input is one clear Failure naming the source") {
  auto fail = [](std::string_view content) {
    auto r = parse_frab_xml(content, "in.xml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.failure().item == "in.xml");
    return r.failure().reason;
  };
  std::string truncated = std::string(kModernXml).substr(0, 600);
  CHECK(fail(truncated).rfind("malformed XML at byte ", 0) == 0);
  CHECK(fail("<schedule><conference><title>x</title></conference><day></schedule>")==
        "malformed XML at byte 58: Start-end tags mismatch");
  CHECK(fail("<!DOCTYPE html>\n<html><head><title>Fahrplan</title></head><body><p>x</body></html>") ==
        "this is an HTML page, not a schedule.xml");
  CHECK(fail("<html><body><schedule/></body></html>") == "this is an HTML page, not a schedule.xml");
  CHECK(fail("<?xml version='1.0'?><rss><channel/></rss>") == "the root element is <rss>, not <schedule>");
  CHECK(fail("").find("malformed XML at byte 0") == 0);
  CHECK(fail("<schedule><conference><acronym>x2024</acronym></conference><day date='2024-01-01'/></schedule>") ==
        "no events in the schedule (1 <day> elements)");
  CHECK(fail("<schedule><day><room><event guid='a'/></room></day></schedule>") ==
        "the <conference> has neither an <acronym> nor a <title>");
  // Latin-1 bytes in a document that declares (or implies) UTF-8.
  CHECK(fail("<?xml version='1.0' encoding='utf-8'?><schedule><conference><title>M\xfcnchen</title>") ==
        "not UTF-8 at byte 68");
  CHECK(fail("<?xml version='1.0' encoding='windows-1252'?><schedule>\x93x\x94</schedule>").find("windows-1252") !=
        std::string::npos);
}

TEST_CASE("frab xml: declared ISO-8859-1 and UTF-16 documents are converted") {
  std::string latin1 =
      "<?xml version='1.0' encoding='ISO-8859-1'?><schedule><conference><title>M\xfcnchen</title></conference>"
      "<day date='2024-05-01'><room name='A'><event guid='g1'><start>09:00</start><duration>00:20</duration>"
      "<title>K\xe4se</title><persons><person>J\xfcrgen</person></persons></event></room></day></schedule>";
  auto r = parse_frab_xml(latin1, "latin1.xml");
  REQUIRE(r.ok());
  CHECK(r->event.title == "München");
  CHECK(r->event.key == "frab:munchen");  // no acronym: a slug of the title
  CHECK(r->talks[0].title == "Käse");
  CHECK(r->talks[0].people[0].name == "Jürgen");
  CHECK(r->talks[0].end == "2024-05-01T09:20:00");

  std::string ascii =
      "<schedule><conference><acronym>u16</acronym></conference><day date='2024-05-01'><room name='A'>"
      "<event guid='g1'><start>09:00</start><duration>00:20</duration><title>Wide</title></event></room></day>"
      "</schedule>";
  std::string utf16 = "\xFF\xFE";  // little-endian byte-order mark
  for (char c : ascii) utf16 += std::string{c, '\0'};
  auto w = parse_frab_xml(utf16, "utf16.xml");
  REQUIRE(w.ok());
  CHECK(w->talks[0].title == "Wide");
}

TEST_CASE("frab xml: an unreadable time or a repeated guid is a warning, and the event is kept") {
  auto r = parse_frab_xml(
      "<schedule><conference><acronym>warn2024</acronym></conference><day date='2024-02-01'><room name='R'>"
      "<event guid='g'><start>25:00</start><duration>00:30</duration><title>Bad start</title></event>"
      "<event guid='g'><start>10:00</start><duration>half an hour</duration><title>Bad duration</title></event>"
      "</room></day></schedule>",
      "warn.xml");
  REQUIRE(r.ok());
  REQUIRE(r->talks.size() == 2);
  CHECK(r->talks[0].key == "g");
  CHECK(r->talks[0].start.empty());
  CHECK(r->talks[1].key == "g#2");
  CHECK(r->talks[1].start == "2024-02-01T10:00:00");
  CHECK(r->talks[1].end.empty());
  REQUIRE(r->warnings.size() == 3);
  CHECK(r->warnings[0] == "event \"Bad start\": unreadable start \"25:00\" on day \"2024-02-01\"");
  CHECK(r->warnings[1] == "event \"Bad duration\": unreadable duration \"half an hour\"");
  CHECK(r->warnings[2] == "two events share the id g (\"Bad duration\"): the second is kept as g#2");
}

TEST_CASE("schedule text: markup read to its words, white space normalised, paragraphs kept") {
  using schedule_detail::schedule_text;
  CHECK(schedule_text("<p>We use <a href=\"http://openmrs.org/\">OpenMRS</a> &amp; friends.</p>\n"
                      "                    <p>Second   paragraph</p>") ==
        "We use OpenMRS & friends.\n\nSecond paragraph");
  CHECK(schedule_text("  first line\n                    continues here\n\n\n  next   paragraph  ") ==
        "first line continues here\n\nnext paragraph");
  CHECK(schedule_text("a < b and c > d") == "a < b and c > d");  // no tag: not read as HTML
  CHECK(schedule_text("") == "");
}
