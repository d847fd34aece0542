// frab schedule.xml and frab/pretalx schedule.json readers, on the real exports of ../shared/corpus and on
// small documents written here for the cases the corpus lacks.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "schedule_common.h"
#include "talkdex/schedule_formats.h"
#include "test_support.h"

using namespace talkdex;

namespace {

Schedule parse_xml_file(const std::string& relative) {
  auto r = parse_frab_xml(test::read_file(test::corpus_file(relative)), relative);
  INFO((r.ok() ? std::string() : r.failure().message()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

Schedule parse_json_file(const std::string& relative) {
  auto r = parse_schedule_json(test::read_file(test::corpus_file(relative)), relative);
  INFO((r.ok() ? std::string() : r.failure().message()));
  REQUIRE(r.ok());
  return std::move(r).value();
}

const TalkInfo& talk(const Schedule& s, const std::string& key) {
  auto it = std::find_if(s.talks.begin(), s.talks.end(), [&](const TalkInfo& t) { return t.key == key; });
  INFO("talk " << key);
  REQUIRE(it != s.talks.end());
  return *it;
}

std::vector<std::string> names(const TalkInfo& t) {
  std::vector<std::string> out;
  for (const auto& p : t.people) out.push_back(p.name);
  return out;
}

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

TEST_CASE("frab xml: the FrOSCon 2013 export gives 2 days and 123 events") {
  Schedule s = parse_xml_file("schedules/frab/froscon2013-schedule.xml");
  CHECK(s.event.key == "frab:froscon2013");
  CHECK(s.event.title == "FrOSCon");
  CHECK(s.event.kind == "conference");
  CHECK(s.event.date == "2013-08-24");
  CHECK(s.event.start == "2013-08-24T09:30:00");
  REQUIRE(s.talks.size() == 123);
  std::set<std::string> days, keys;
  int without_people = 0;
  for (const auto& t : s.talks) {
    INFO(t.key << " " << t.title);
    CHECK(!t.title.empty());
    CHECK(t.start.size() == 19);  // the file gives no UTC offset, so none is invented
    CHECK(!t.end.empty());
    CHECK(t.end > t.start);
    CHECK(!t.room.empty());
    days.insert(t.start.substr(0, 10));
    keys.insert(t.key);
    if (t.people.empty()) ++without_people;
  }
  CHECK(days == std::set<std::string>{"2013-08-24", "2013-08-25"});
  CHECK(keys.size() == 123);
  // One event of the file, "A tour of Wat", has an empty <persons>; every other one names its speakers.
  CHECK(without_people == 1);
  CHECK(talk(s, "0nCiPeNjkEbBUMW7-56WRA").people.empty());
  CHECK(s.warnings.empty());
}

TEST_CASE("frab xml: FrOSCon events read field by field") {
  Schedule s = parse_xml_file("schedules/frab/froscon2013-schedule.xml");
  const TalkInfo& hpc = talk(s, "8tXkx-Ci8nmdmvZneMp93g");
  CHECK(hpc.title == "Verkehrte Welt");
  CHECK(hpc.subtitle == "Linux im High Performance Computing");
  CHECK(hpc.start == "2013-08-24T10:00:00");
  CHECK(hpc.end == "2013-08-24T11:00:00");
  CHECK(hpc.room == "HS1/2");
  CHECK(hpc.track == "System Administration");
  CHECK(hpc.kind == "talk");  // frab's "lecture"
  CHECK(hpc.language == "de");
  CHECK(names(hpc) == std::vector<std::string>{"Holger Gantikow"});
  CHECK(hpc.people[0].role == kRoleSpeaker);
  // The abstract, a blank line, then the description; entities decoded.
  CHECK(hpc.abstract.rfind("Der Vortrag gibt einen Einblick", 0) == 0);
  CHECK(hpc.abstract.find("\"beflügeln\"") != std::string::npos);
  CHECK(hpc.abstract.find("kann.\n\nIm Unterschied zur Desktop-Welt") != std::string::npos);

  const TalkInfo& persona = talk(s, "yFEJDQ5WlbBl5Y5cd3TCrw");
  CHECK(names(persona) == std::vector<std::string>{"François Marier"});
  REQUIRE(persona.links.size() == 3);
  CHECK(persona.links[0] == Link{"https://login.persona.org/about", "About Mozilla Persona", std::nullopt});
  CHECK(persona.links[2].url == "https://developer.mozilla.org/docs/persona");

  const TalkInfo& init = talk(s, "fiY1iSGUjvq3YcgI6dYBwA");
  CHECK(init.title == "init");
  CHECK(init.end == "2013-08-24T10:00:00");
  CHECK(names(init) == std::vector<std::string>{"Andreas Kupfer", "Boernd"});

  const TalkInfo& last = s.talks.back();
  CHECK(last.key == "eiUlRX0cOS2sw4UKXqLTWQ");
  CHECK(last.title == "Programmierung eines eigenen Spiels");
  CHECK(last.start == "2013-08-25T11:00:00");
  CHECK(last.end == "2013-08-25T16:00:00");
  CHECK(last.room == "C177/FrogLabs 2");
  CHECK(talk(s, "3bhohK74EJ7ZrMK2_hlodA").people[0].name == "Markus \"bionix\" Rekkenbeil");
}

TEST_CASE("frab xml: offsets, recordings, attachments, days past midnight and missing guids") {
  auto r = parse_frab_xml(kModernXml, "modern.xml");
  REQUIRE(r.ok());
  const Schedule& s = r.value();
  CHECK(s.event.key == "frab:demo2024");
  CHECK(s.event.title == "Demo Conference");
  CHECK(s.event.venue == "Hall, Berlin");
  CHECK(s.event.url == "https://demo.example/");
  CHECK(s.event.start == "2024-03-01T10:00:00+01:00");
  CHECK(s.event.date == "2024-03-01");
  REQUIRE(s.talks.size() == 2);
  const TalkInfo& a = s.talks[0];
  CHECK(a.key == "5b6e9c1c-7b1a-4a55-9e1d-2f7c1d1e0a01");
  CHECK(a.start == "2024-03-01T10:00:00+01:00");
  CHECK(a.end == "2024-03-01T11:30:00+01:00");
  CHECK(a.kind == "talk");
  CHECK(a.url == "https://demo.example/talk/1");
  CHECK(a.abstract == "Short.\n\nLong text.");  // markup read to its words
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

TEST_CASE("schedule json: the frab export of Camp 2019 gives 79 events") {
  Schedule s = parse_json_file("schedules/json/frab-camp2019.json");
  CHECK(s.event.key == "frab:Camp2019");
  CHECK(s.event.title == "Chaos Communication Camp 2019");
  CHECK(s.event.date == "2019-08-21");
  CHECK(s.event.url == "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/");
  REQUIRE(s.talks.size() == 79);
  const TalkInfo& opening = s.talks[0];
  CHECK(opening.key == "a0a0fcfe-b7fb-46e3-84b6-97a5406016b4");  // the guid, not the id 10386
  CHECK(opening.title == "Opening Ceremony");
  CHECK(opening.start == "2019-08-21T11:00:00+02:00");
  CHECK(opening.end == "2019-08-21T11:30:00+02:00");
  CHECK(opening.room == "Curie");
  CHECK(opening.kind == "talk");
  CHECK(opening.url == "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10386.html");
  CHECK(names(opening) == std::vector<std::string>{"jinxx", "smtw"});
  CHECK(opening.abstract == "A hearty welcome me lasses and lads!");
  const TalkInfo& edri = talk(s, "0a99f1db-dfad-4534-888c-bd98acc576b3");
  REQUIRE_FALSE(edri.links.empty());
  CHECK(edri.links[0] == Link{"https://edri.org", "EDRi Website", std::nullopt});
  const TalkInfo& last = s.talks.back();
  CHECK(last.key == "9f38e10d-39e2-4380-83bf-26626396e476");
  CHECK(last.title == "Visualization of networks using physics");
  CHECK(last.start == "2019-08-25T16:00:00+02:00");
  CHECK(last.end == "2019-08-25T16:45:00+02:00");
  CHECK(last.room == "Meitner");
  int links = 0;
  for (const auto& t : s.talks) {
    CHECK(t.start.size() == 25);
    links += static_cast<int>(t.links.size());
  }
  CHECK(links == 52 + 12);  // links and attachments
}

TEST_CASE("schedule json: the pretalx demo conference gives 36 events") {
  Schedule s = parse_json_file("schedules/json/pretalx-democon.json");
  CHECK(s.event.key == "frab:democon");
  CHECK(s.event.title == "DemoCon");
  REQUIRE(s.talks.size() == 36);
  const TalkInfo& first = s.talks[0];
  CHECK(first.key == "8079583e-8321-506c-95af-fd2903a5f075");
  CHECK(first.title == "Focused 5thgeneration hardware");
  CHECK(first.start == "2020-12-14T09:00:00+01:00");
  CHECK(first.end == "2020-12-14T09:30:00+01:00");
  CHECK(first.room == "Gray Room");
  CHECK(first.track == "Phased");
  CHECK(first.kind == "talk");
  CHECK(first.url == "http://localhost/democon/talk/G9JGWY/");
  CHECK(names(first) == std::vector<std::string>{"Brian Robinson"});
  CHECK(first.abstract.rfind("Brand back-end models!\n\nStation provide certain mean.", 0) == 0);
  const TalkInfo& last = s.talks.back();
  CHECK(last.title == "Proactive leadingedge Graphical User Interface");
  CHECK(last.start == "2020-12-16T14:00:00+01:00");
  CHECK(last.end == "2020-12-16T15:30:00+01:00");
  CHECK(last.room == "Tan Room");
  CHECK(last.kind == "workshop");
  std::set<std::string> rooms;
  for (const auto& t : s.talks) rooms.insert(t.room);
  CHECK(rooms == std::set<std::string>{"Gray Room", "Tan Room"});
}

TEST_CASE("schedule json: the schema's invalid example fails at its first violation") {
  auto r = parse_schedule_json(test::read_file(test::corpus_file("schedules/json/invalid-example.json")),
                               "invalid-example.json");
  REQUIRE_FALSE(r.ok());
  CHECK(r.failure().message() ==
        "invalid-example.json: schedule.conference.days[0].rooms[\"Winterchaos\"][0].id must be an integer, "
        "but is a string (\"2814\")");
}

TEST_CASE("parsing is deterministic") {
  std::string xml = test::read_file(test::corpus_file("schedules/frab/froscon2013-schedule.xml"));
  auto a = parse_frab_xml(xml, "a"), b = parse_frab_xml(xml, "a");
  REQUIRE((a.ok() && b.ok()));
  CHECK(a->event == b->event);
  CHECK(a->talks == b->talks);
  std::string json = test::read_file(test::corpus_file("schedules/json/frab-camp2019.json"));
  auto c = parse_schedule_json(json, "c"), d = parse_schedule_json(json, "c");
  REQUIRE((c.ok() && d.ok()));
  CHECK(c->event == d->event);
  CHECK(c->talks == d->talks);
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
