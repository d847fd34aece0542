// The pieces of the workshop page reader: page lines from text and HTML, clock times, date lines,
// names and schedule lines.
#include <doctest/doctest.h>

#include "schedule/page_lines.h"
#include "schedule/workshop_line.h"

using namespace talkdex;
using namespace talkdex::workshop;

namespace {

std::vector<std::string> names_with_role(const ScheduleLine& line, const char* role) {
  std::vector<std::string> out;
  for (const auto& p : line.people)
    if (p.role == role) out.push_back(p.name);
  return out;
}

}  // namespace

TEST_CASE("text lines lose their tags but keep their links") {
  auto page = page::text_page_lines(
      "Title &amp; more\r\n"
      "08:45 AM Opening <span> <a href=\"#\"> <a href=\"https://v.example/embed/X?tocitem=3&amp;a=b\" "
      "title=\"Video\"><i></i> Video &raquo;</a>&nbsp; </a></span>\n"
      "a < b and <a href='/slides/1.pdf'>Slides</a> <a href=javascript:void(0)>x</a>\n"
      "<a href=\"https://example.org/unclosed\">open",
      "https://icml.cc/Conferences/2019/Schedule?showEvent=1");
  REQUIRE(page.lines.size() == 4);
  CHECK(page.lines[0].text == "Title & more");
  CHECK(page.lines[0].source_line == 1);
  CHECK(page.lines[1].text == "08:45 AM Opening Video \xC2\xBB");
  REQUIRE(page.lines[1].links.size() == 1);
  CHECK(page.lines[1].links[0] == Link{"https://v.example/embed/X?tocitem=3&a=b", "Video", 3});
  CHECK(page.lines[2].text == "a < b and Slides x");
  REQUIRE(page.lines[2].links.size() == 1);
  CHECK(page.lines[2].links[0] == Link{"https://icml.cc/slides/1.pdf", "Slides", std::nullopt});
  REQUIRE(page.lines[3].links.size() == 1);
  CHECK(page.lines[3].links[0].title == "open");
}

TEST_CASE("HTML blocks become lines, cells join and the title is kept apart") {
  std::string html =
      "<!DOCTYPE html><html><head><title>ICML 2019 Page</title><style>p{}</style></head><body>"
      "<div>Work<b>shop</b></div><p>First<br>Second</p>"
      "<table><tr><td>09:00 AM</td><td>Talk <a href=\"https://youtu.be/abc?t=5\">Video &raquo;</a></td></tr></table>"
      "<script>var x = '10:00 AM no';</script></body></html>";
  REQUIRE(page::looks_like_html(html));
  auto page = page::html_page_lines(html, "");
  CHECK(page.document_title == "ICML 2019 Page");
  REQUIRE(page.lines.size() == 4);
  CHECK(page.lines[0].text == "Workshop");
  CHECK(page.lines[1].text == "First");
  CHECK(page.lines[2].text == "Second");
  CHECK(page.lines[3].text == "09:00 AM Talk Video \xC2\xBB");
  REQUIRE(page.lines[3].links.size() == 1);
  CHECK(page.lines[3].links[0] == Link{"https://youtu.be/abc?t=5", "Video", std::nullopt});
  CHECK_FALSE(page::looks_like_html("Workshop\n<span>x</span>"));
}

TEST_CASE("clock times in 12- and 24-hour forms") {
  auto clock = [](std::string_view s) {
    size_t pos = 0;
    return parse_clock(s, pos);
  };
  CHECK(clock("08:45 AM") == 8 * 60 + 45);
  CHECK(clock("12:00 PM") == 12 * 60);
  CHECK(clock("12:30 AM") == 30);
  CHECK(clock("01:30 PM") == 13 * 60 + 30);
  CHECK(clock("1:30pm") == 13 * 60 + 30);
  CHECK(clock("9:05 a.m.") == 9 * 60 + 5);
  CHECK(clock("14:30") == 14 * 60 + 30);
  CHECK_FALSE(clock("13:00 PM"));
  CHECK_FALSE(clock("25:00"));
  CHECK_FALSE(clock("10:1x"));
  CHECK_FALSE(clock("10:60 AM"));
  CHECK_FALSE(clock("2019"));
}

TEST_CASE("date lines with and without weekday, year, end and room") {
  auto d = parse_date_line("Sat Jun 15th 08:30 AM -- 06:00 PM @ Hall B");
  REQUIRE(d);
  CHECK(d->weekday == 6);
  CHECK(d->month == 6);
  CHECK(d->day == 15);
  CHECK_FALSE(d->year);
  CHECK(d->start_minutes == 8 * 60 + 30);
  CHECK(d->end_minutes == 18 * 60);
  CHECK(d->room == "Hall B");

  auto e = parse_date_line("Friday, June 14, 2019 9:00 AM \xE2\x80\x93 5:30 PM");
  REQUIRE(e);
  CHECK(e->weekday == 5);
  CHECK(e->year == 2019);
  CHECK(e->end_minutes == 17 * 60 + 30);
  CHECK(e->room.empty());

  CHECK(parse_date_line("Jun 1st 10:00 AM"));
  CHECK_FALSE(parse_date_line("Jun 31st 10:00 AM"));
  CHECK_FALSE(parse_date_line("Saturday was fun at 10:00 AM"));
  CHECK_FALSE(parse_date_line("Sat Jun 15th"));
}

TEST_CASE("years: from the weekday, and as words in text") {
  CHECK(weekday_of(2019, 6, 15) == 6);
  CHECK(weekday_of(1969, 12, 31) == 3);
  CHECK(year_for_weekday(6, 15, 6, 2023) == 2019);
  CHECK(year_for_weekday(6, 15, 6, 2019) == 2019);
  CHECK(year_for_weekday(2, 29, 6, 2023) == 2020);  // leap days only
  CHECK(year_for_weekday(2, 29, 1, 2023) == 2016);
  CHECK_FALSE(year_for_weekday(2, 30, 1, 2023));
  CHECK(year_in("ICML 2019 Workshop") == 2019);
  CHECK_FALSE(year_in("room 12019 and 2019a"));
  CHECK(slug("Optimization\xE2\x80\x99s Untold -- Gift!") == "optimizations-untold-gift");
}

TEST_CASE("person names are told from titles") {
  CHECK(looks_like_person_name("Nati Srebro"));
  CHECK(looks_like_person_name("Ludwig van Beethoven"));
  CHECK(looks_like_person_name("J. R. Smith"));
  CHECK(looks_like_person_name("Ali Rahimi"));
  CHECK_FALSE(looks_like_person_name("Ali"));
  CHECK_FALSE(looks_like_person_name("Opening Remarks"));
  CHECK_FALSE(looks_like_person_name("On Understanding"));
  CHECK_FALSE(looks_like_person_name("Are all layers created equal?"));
  CHECK_FALSE(looks_like_person_name("SGD Can Reach"));
  CHECK_FALSE(looks_like_person_name("Kevin Murphy, Nati Srebro"));
  CHECK_FALSE(looks_like_person_name("One Two Three Four Five"));
}

TEST_CASE("schedule lines: kinds, speakers, panels") {
  auto talk = parse_schedule_line("09:00 AM Nati Srebro: A Title: With Colon (Talk) Nati Srebro");
  REQUIRE(talk);
  CHECK(talk->title == "A Title: With Colon");
  CHECK(talk->kind == "talk");
  CHECK(names_with_role(*talk, kRoleSpeaker) == std::vector<std::string>{"Nati Srebro"});
  CHECK(talk->notes.empty());

  // A spotlight's colon separates a subtitle, unless the name is repeated after the kind.
  auto spot = parse_schedule_line("09:45 AM Deconstructing Lottery Tickets: Zeros (Spotlight) Video \xC2\xBB");
  REQUIRE(spot);
  CHECK(spot->title == "Deconstructing Lottery Tickets: Zeros");
  CHECK(spot->people.empty());
  auto named = parse_schedule_line("09:45 AM Jane Doe: Zeros (Spotlights) Jane Doe");
  REQUIRE(named);
  CHECK(named->kind == "spotlight");
  CHECK(named->title == "Zeros");
  CHECK(names_with_role(*named, kRoleSpeaker) == std::vector<std::string>{"Jane Doe"});

  auto bare = parse_schedule_line("04:00 PM Olga Russakovsky (Invited Talk)");
  REQUIRE(bare);
  CHECK(bare->kind == "invited talk");
  CHECK(bare->title == "Olga Russakovsky");
  CHECK(names_with_role(*bare, kRoleSpeaker) == std::vector<std::string>{"Olga Russakovsky"});

  auto nested = parse_schedule_line("10:00 AM Models (and Data) in the Wild (Talk)");
  REQUIRE(nested);
  CHECK(nested->title == "Models (and Data) in the Wild");
  CHECK(nested->kind == "talk");

  auto panel = parse_schedule_line("04:30 PM Panel: Ann Lee, Bob Ray and Cy Young; Moderators: Di Fox & Ed Po (Panel)");
  REQUIRE(panel);
  CHECK(panel->kind == "panel");
  CHECK(panel->title == "Panel");
  CHECK(names_with_role(*panel, kRolePanelist) == std::vector<std::string>{"Ann Lee", "Bob Ray", "Cy Young"});
  CHECK(names_with_role(*panel, kRoleModerator) == std::vector<std::string>{"Di Fox", "Ed Po"});

  auto topic = parse_schedule_line("04:30 PM Panel Discussion: the future of deep learning (Panel Discussion)");
  REQUIRE(topic);
  CHECK(topic->title == "Panel Discussion: the future of deep learning");
  CHECK(topic->people.empty());

  CHECK(parse_schedule_line("10:30 AM Break and Posters")->kind == "break");
  CHECK(parse_schedule_line("12:00 PM Lunch and Posters")->kind == "break");
  CHECK(parse_schedule_line("08:45 AM Opening Remarks")->kind == "opening remarks");
  CHECK(parse_schedule_line("11:30 AM Crowdsourcing Deep Learning Phenomena")->kind == "talk");
  CHECK(parse_schedule_line("11:30 AM Crowdsourcing Deep Learning Phenomena")->people.empty());
  CHECK(parse_schedule_line("11:30 AM Something (Poster Session)")->kind == "poster session");

  auto odd = parse_schedule_line("10:05 AM (Talk) ?? trailing words");
  REQUIRE(odd);
  CHECK(odd->title == "Talk");
  CHECK(odd->notes.size() == 2);
  CHECK_FALSE(parse_schedule_line("Sat Jun 15th 08:30 AM"));
  CHECK_FALSE(parse_schedule_line("More from the Same Authors"));
}
