// The seed page (../shared/seeds/000_c1033acf4e001c6f.txt, the text of the ICML 2019 workshop page
// talkdex started from): it gives the same schedule as the project's HTML sample in data/ (whose facts
// tests/indexer/workshop_page_test.cpp checks one by one), and the text reader's own cases on it.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>

#include "corpus.h"
#include "talkdex/indexer/schedule/schedule_offsets.h"
#include "talkdex/text.h"
#include "talkdex/indexer/schedule/workshop_page.h"
#include "test_support.h"

using namespace talkdex;

namespace {

Schedule parse_seed(std::optional<int> year = 2019) {
  WorkshopPageOptions options;
  options.year = year;
  auto result = parse_workshop_page(test::read_file(test::seed_page()), "seed", options);
  REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.failure().message()));
  return std::move(result).value();
}

Schedule parse_sample() {
  auto path = test::sample_page();
  auto result = parse_workshop_page(test::read_file(path), path.string());
  REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.failure().message()));
  return std::move(result).value();
}

const TalkInfo& talk_titled(const Schedule& s, const std::string& title) {
  auto it = std::find_if(s.talks.begin(), s.talks.end(), [&](const TalkInfo& t) { return t.title == title; });
  REQUIRE_MESSAGE(it != s.talks.end(), "no talk titled " << title);
  return *it;
}

bool has_warning_containing(const Schedule& s, const std::string& part) {
  return std::any_of(s.warnings.begin(), s.warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

}  // namespace

TEST_CASE("the seed's trailing line is a warning, not lost") {
  Schedule s = parse_seed();
  CHECK(has_warning_containing(s, "More from the Same Authors"));
  CHECK(has_warning_containing(s, "line 42"));
  CHECK(s.warnings.size() == 1);  // with --year, nothing else is doubtful
}

TEST_CASE("without a year, the seed's weekday picks the latest year that fits, with a warning") {
  Schedule s = parse_seed(std::nullopt);
  int this_year = std::stoi(now_utc_iso().substr(0, 4));
  auto is_saturday_june_15 = [](int year) {
    long long days = *iso_to_epoch(std::to_string(year) + "-06-15") / 86400;
    return (days + 4) % 7 == 6;  // 1970-01-01 was a Thursday
  };
  int expected = this_year;
  while (!is_saturday_june_15(expected)) --expected;
  CHECK(s.event.date == std::to_string(expected) + "-06-15");
  CHECK(s.talks.front().start == std::to_string(expected) + "-06-15T08:45:00");
  CHECK(has_warning_containing(s, "assumed " + std::to_string(expected)));
  CHECK(has_warning_containing(s, "--year"));
}

TEST_CASE("a year in the page's title lines is used, --year wins and a wrong weekday is reported") {
  std::string seed = test::read_file(test::seed_page());
  auto with_venue = parse_workshop_page("ICML 2019\n" + seed, "seed+venue");
  REQUIRE(with_venue.ok());
  CHECK(with_venue->event.date == "2019-06-15");
  CHECK(with_venue->event.venue == "ICML 2019");
  CHECK_FALSE(has_warning_containing(*with_venue, "assumed"));

  Schedule wrong = parse_seed(2020);
  CHECK(wrong.event.date == "2020-06-15");
  CHECK(has_warning_containing(wrong, "Jun 15 2020 is a Monday, not a Saturday"));
}

TEST_CASE("the HTML sample gives the same talks, organizers and recordings as the seed") {
  Schedule html = parse_sample();
  Schedule seed = parse_seed();
  CHECK(html.warnings.empty());
  CHECK(html.event.venue == "ICML 2019");
  CHECK(html.event.key == seed.event.key);
  CHECK(html.event.title == seed.event.title);
  CHECK(html.event.start == seed.event.start);
  CHECK(html.event.end == seed.event.end);
  CHECK(html.event.room == seed.event.room);
  CHECK(html.event.abstract == seed.event.abstract);
  CHECK(html.event.organizers == seed.event.organizers);
  REQUIRE(html.talks.size() == seed.talks.size());
  for (size_t i = 0; i < seed.talks.size(); ++i) {
    CAPTURE(seed.talks[i].title);
    CHECK(html.talks[i] == seed.talks[i]);
  }
  CHECK(html.recordings == seed.recordings);
}

TEST_CASE("garbled lines become warnings naming them and the rest is read") {
  std::string seed = test::read_file(test::seed_page());
  size_t at = seed.find("09:30 AM Bad Global");
  REQUIRE(at != std::string::npos);
  std::string page = seed.substr(0, at) + "9:6x AM garbled <a href=\"#\" ((( :: \n" +
                     "10:05 AM (Talk) \xFF\xFE ))) trailing?? words here\n" + seed.substr(at);
  page.insert(seed.find("Sat Jun"), "Something odd ~~~\n");
  WorkshopPageOptions options;
  options.year = 2019;
  auto result = parse_workshop_page(page, "garbled", options);
  REQUIRE(result.ok());
  const Schedule& s = *result;
  CHECK(has_warning_containing(s, "9:6x AM garbled"));
  CHECK(has_warning_containing(s, "Something odd ~~~"));
  CHECK(has_warning_containing(s, "text after the kind not understood"));
  // The odd "10:05 AM (Talk)" line is still a schedule line (out of order, and so reported); the rest stays.
  CHECK(s.talks.size() == 18);
  CHECK(has_warning_containing(s, "starts before the item above it"));
  CHECK(talk_titled(s, "Panel Discussion").people.size() == 6);
  CHECK(s.event.organizers.size() == 10);
  for (const auto& w : s.warnings) CHECK(sanitize_utf8(w) == w);
}

TEST_CASE("the seed's text is read the same twice, and every cut of it gives a schedule or a failure") {
  Schedule once = parse_seed(), twice = parse_seed();
  CHECK(once.event == twice.event);
  CHECK(once.talks == twice.talks);
  CHECK(once.warnings == twice.warnings);
  std::string seed = test::read_file(test::seed_page());
  int failures = 0, schedules = 0;
  for (size_t n = 0; n <= seed.size(); n += 3) {
    CAPTURE(n);
    std::optional<Result<Schedule>> cut;
    REQUIRE_NOTHROW(cut.emplace(parse_workshop_page(std::string_view(seed).substr(0, n), "cut")));
    if (cut->ok()) {
      ++schedules;
      CHECK(cut->value().talks.size() <= 17);
    } else {
      ++failures;
    }
  }
  CHECK(failures > 0);
  CHECK(schedules > 0);
}
