// The workshop page reader on the project's HTML sample (data/, written with the facts of the seed page),
// and on broken pages. The seed page itself (../shared/seeds) is read by the conformance suite, which
// also checks that the sample and the seed give the same schedule.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "talkdex/indexer/schedule/schedule_offsets.h"
#include "talkdex/limits.h"
#include "talkdex/text.h"
#include "talkdex/indexer/schedule/workshop_page.h"
#include "test_support.h"

using namespace talkdex;

namespace {

const char* const kEventKey = "workshop:identifying-and-understanding-deep-learning-phenomena:2019-06-15";

Schedule parse_sample() {
  auto path = test::sample_page();
  auto result = parse_workshop_page(test::read_file(path), path.string());
  REQUIRE_MESSAGE(result.ok(), (result.ok() ? "" : result.failure().message()));
  return std::move(result).value();
}

struct ExpectedTalk {
  const char* start;  // HH:MM on 2019-06-15
  const char* end;
  const char* title;
  const char* kind;
  std::vector<std::string> speakers;
};

const std::vector<ExpectedTalk>& expected_talks() {
  static const std::vector<ExpectedTalk> talks = {
      {"08:45", "09:00", "Opening Remarks", "opening remarks", {}},
      {"09:00", "09:30", "Optimization\xE2\x80\x99s Untold Gift to Learning: Implicit Regularization", "talk",
       {"Nati Srebro"}},
      {"09:30", "09:45", "Bad Global Minima Exist and SGD Can Reach Them", "spotlight", {}},
      {"09:45", "10:00", "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask", "spotlight", {}},
      {"10:00", "10:30", "Are all layers created equal? -- Studies on how neural networks represent functions", "talk",
       {"Chiyuan Zhang"}},
      {"10:30", "11:00", "Break and Posters", "break", {}},
      {"11:00", "11:15", "Line attractor dynamics in recurrent networks for sentiment classification", "spotlight", {}},
      {"11:15", "11:30", "Do deep neural networks learn shallow learnable examples first?", "spotlight", {}},
      {"11:30", "12:00", "Crowdsourcing Deep Learning Phenomena", "talk", {}},
      {"12:00", "13:30", "Lunch and Posters", "break", {}},
      {"13:30", "14:00", "Reverse engineering neuroscience and cognitive science principles", "talk", {"Aude Oliva"}},
      {"14:00", "14:15", "On Understanding the Hardness of Samples in Neural Networks", "spotlight", {}},
      {"14:15", "14:30", "On the Convex Behavior of Deep Neural Networks in Relation to the Layers' Width", "spotlight",
       {}},
      {"14:30", "15:00", "Intriguing phenomena in training and generalization dynamics of deep networks",
       "invited talk", {"Andrew Saxe"}},
      {"15:00", "16:00", "Break and Posters", "break", {}},
      {"16:00", "16:30", "Olga Russakovsky", "invited talk", {"Olga Russakovsky"}},
      {"16:30", "18:00", "Panel Discussion", "panel", {}},
  };
  return talks;
}

std::string at(const char* hhmm) { return std::string("2019-06-15T") + hhmm + ":00"; }

const TalkInfo& talk_titled(const Schedule& s, const std::string& title) {
  auto it = std::find_if(s.talks.begin(), s.talks.end(), [&](const TalkInfo& t) { return t.title == title; });
  REQUIRE_MESSAGE(it != s.talks.end(), "no talk titled " << title);
  return *it;
}

void check_same_schedule(const Schedule& a, const Schedule& b) {
  CHECK(a.event == b.event);
  CHECK(a.talks == b.talks);
  CHECK(a.recordings == b.recordings);
  CHECK(a.warnings == b.warnings);
}

}  // namespace

TEST_CASE("the sample page gives the workshop: title, kind, day, room, abstract and key") {
  Schedule s = parse_sample();
  const EventInfo& e = s.event;
  test::check_fields(e, {{"title", "Identifying and Understanding Deep Learning Phenomena"}, {"kind", "workshop"},
                         {"room", "Hall B"}, {"date", "2019-06-15"}, {"start", "2019-06-15T08:30:00"},
                         {"end", "2019-06-15T18:00:00"}, {"key", kEventKey}});
  CHECK(e.abstract.rfind("Our understanding of modern neural networks lags behind their practical successes.", 0) == 0);
  CHECK(e.abstract.find("replicates or falsifies them.\n\nAs a starting point for this effort") != std::string::npos);
  CHECK(e.abstract.find("\xE2\x80\x9CSGD navigates out of local minima\xE2\x80\x9D") != std::string::npos);
  CHECK(e.abstract.size() > 1000);
  CHECK(e.abstract.find("08:45") == std::string::npos);  // the schedule is not part of the abstract
}

TEST_CASE("the sample page's ten organizers carry their affiliations from the author information") {
  Schedule s = parse_sample();
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"Hanie Sedghi", "Google Brain"},
      {"Samy Bengio", "Google Research Brain Team"},
      {"Kenji Hata", "Google"},
      {"Aleksander Madry", "MIT"},
      {"Ari Morcos", "Facebook AI Research (FAIR)"},
      {"Behnam Neyshabur", "Google"},
      {"Maithra Raghu", "Cornell University / Google Brain"},
      {"Ali Rahimi", "Google"},
      {"Ludwig Schmidt", "University of California, Berkeley"},
      {"Ying Xiao", "Google"},
  };
  REQUIRE(s.event.organizers.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(s.event.organizers[i].name == expected[i].first);
    CHECK(s.event.organizers[i].affiliation == expected[i].second);
    CHECK(s.event.organizers[i].role == kRoleOrganizer);
  }
}

TEST_CASE("the sample page's 17 schedule lines become talks with times, titles, kinds and speakers") {
  Schedule s = parse_sample();
  const auto& expected = expected_talks();
  REQUIRE(s.talks.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const TalkInfo& t = s.talks[i];
    CAPTURE(i);
    CAPTURE(t.title);
    CHECK(t.start == at(expected[i].start));
    CHECK(t.end == at(expected[i].end));
    CHECK(t.title == expected[i].title);
    CHECK(t.kind == expected[i].kind);
    CHECK(t.room == "Hall B");
    if (t.kind != "panel") {
      std::vector<std::string> names;
      for (const auto& p : t.people) {
        CHECK(p.role == kRoleSpeaker);
        names.push_back(p.name);
      }
      CHECK(names == expected[i].speakers);
    }
    std::string hhmm = std::string(expected[i].start).substr(0, 2) + std::string(expected[i].start).substr(3, 2);
    CHECK(t.key.rfind(std::string(kEventKey) + "/" + hhmm + "-", 0) == 0);
  }
  CHECK(s.talks[1].key == std::string(kEventKey) + "/0900-optimizations-untold-gift-to-learning-implicit-regularization");
  CHECK(std::count_if(s.talks.begin(), s.talks.end(), [](const TalkInfo& t) { return t.kind == "spotlight"; }) == 6);
}

TEST_CASE("the sample's panel line gives five panelists and the moderator") {
  Schedule s = parse_sample();
  const TalkInfo& panel = talk_titled(s, "Panel Discussion");
  CHECK(panel.kind == "panel");
  const std::vector<PersonRef> expected = {
      {"Kevin Murphy", "", kRolePanelist},     {"Nati Srebro", "", kRolePanelist},  {"Aude Oliva", "", kRolePanelist},
      {"Andrew Saxe", "", kRolePanelist},      {"Olga Russakovsky", "", kRolePanelist},
      {"Ali Rahimi", "", kRoleModerator},
  };
  CHECK(panel.people == expected);
}

TEST_CASE("the sample's two real video links keep their tocitem, a bare \"Video >>\" is no link") {
  Schedule s = parse_sample();
  const TalkInfo& opening = talk_titled(s, "Opening Remarks");
  REQUIRE(opening.links.size() == 1);
  CHECK(opening.links[0] == Link{"https://videoken.com/embed/NJjqOnuvpKc?tocitem=1", "Video", 1});
  const TalkInfo& crowd = talk_titled(s, "Crowdsourcing Deep Learning Phenomena");
  REQUIRE(crowd.links.size() == 1);
  CHECK(crowd.links[0] == Link{"https://videoken.com/embed/l_05jiMixRE?tocitem=24", "Video", 24});
  int linked = 0;
  for (const auto& t : s.talks) linked += t.links.empty() ? 0 : 1;
  CHECK(linked == 2);
}

TEST_CASE("the sample's links give two recordings, and tocitem=1 fixes when the first one starts") {
  Schedule s = parse_sample();
  REQUIRE(s.recordings.size() == 2);
  const RecordingInfo& day = s.recordings[0];
  CHECK(day.uri == "https://videoken.com/embed/NJjqOnuvpKc");
  CHECK(day.talk_key.empty());
  CHECK(day.wallclock_start == std::optional<std::string>("2019-06-15T08:45:00"));
  // Every talk but "Crowdsourcing Deep Learning Phenomena", whose own link is into the other video.
  std::vector<const TalkInfo*> in_day;
  for (const auto& t : s.talks)
    if (t.title != "Crowdsourcing Deep Learning Phenomena") in_day.push_back(&t);
  REQUIRE(day.items.size() == 16);
  REQUIRE(in_day.size() == 16);
  for (size_t i = 0; i < day.items.size(); ++i) {
    const TocEntry& item = day.items[i];
    const TalkInfo& talk = *in_day[i];
    CAPTURE(i);
    CHECK(item.key == "schedule:" + talk.key);
    CHECK(item.talk_key == talk.key);
    CHECK(item.title == talk.title);
    CHECK(item.source == kTocSchedule);
    CHECK(item.confidence == doctest::Approx(0.5));
    CHECK(item.start == doctest::Approx(static_cast<double>(*iso_to_epoch(talk.start) - *iso_to_epoch("2019-06-15T08:45"))));
    REQUIRE(item.end);
    // Each ends where the next talk of the schedule starts, Crowdsourcing's start included (11:30).
    if (i + 1 < day.items.size() && talk.title != "Do deep neural networks learn shallow learnable examples first?")
      CHECK(*item.end == doctest::Approx(day.items[i + 1].start));
    if (talk.title == "Do deep neural networks learn shallow learnable examples first?")
      CHECK(*item.end == doctest::Approx(9900));  // 11:30, 2:45:00 into the day
  }
  CHECK(day.items[0].start == doctest::Approx(0));
  CHECK(day.items[0].alias == std::optional<int>(1));
  CHECK_FALSE(day.items[1].alias);
  const TocEntry& lottery = day.items[3];
  CHECK(lottery.title == "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask");
  CHECK(lottery.start == doctest::Approx(3600));
  CHECK(format_hms(lottery.start) == "1:00:00");
  CHECK(*lottery.end == doctest::Approx(4500));
  CHECK(*day.items.back().end == doctest::Approx(9.25 * 3600));  // the panel ends with the day, 18:00

  const RecordingInfo& other = s.recordings[1];
  CHECK(other.uri == "https://videoken.com/embed/l_05jiMixRE");
  CHECK_FALSE(other.wallclock_start);  // tocitem 24 does not say when it starts
  CHECK(other.items.empty());
}

TEST_CASE("parsing the same page twice gives equal schedules") {
  check_same_schedule(parse_sample(), parse_sample());
}

TEST_CASE("a page without schedule lines is a failure naming the page") {
  for (std::string page : {std::string(), std::string("Workshop\nA title\n\nSat Jun 15th 08:30 AM -- 06:00 PM @ Hall B\n"),
                           std::string("<html><body><p>nothing here</p></body></html>"), std::string("\xFF\xFE\x00", 3)}) {
    auto result = parse_workshop_page(page, "empty.html");
    REQUIRE_FALSE(result.ok());
    CHECK(result.failure().item == "empty.html");
    CHECK(result.failure().reason.find("no schedule lines found") == 0);
  }
}

TEST_CASE("truncated pages never crash: each gives a schedule or a failure") {
  std::string sample = test::read_file(test::sample_page());
  int failures = 0, schedules = 0;
  for (const std::string* page : {&sample}) {
    size_t step = 7;
    for (size_t n = 0; n <= page->size(); n += step) {
      CAPTURE(n);
      std::optional<Result<Schedule>> result;
      REQUIRE_NOTHROW(result.emplace(parse_workshop_page(std::string_view(*page).substr(0, n), "cut")));
      if (!result->ok()) {
        ++failures;
        continue;
      }
      ++schedules;
      const Schedule& s = result->value();
      CHECK(s.talks.size() <= 17);
      for (const auto& t : s.talks) {
        CHECK_FALSE(t.key.empty());
        CHECK_FALSE(t.title.empty());
      }
    }
  }
  CHECK(failures > 0);
  CHECK(schedules > 0);
}

TEST_CASE("hostile pages do not crash the reader") {
  // Within the depth limit (talkdex/limits.h), a deep page is read; past it, refused with one line.
  std::string nested;
  for (int i = 0; i < 400; ++i) nested += "<div>";
  nested += "08:45 AM Deep (Talk)";
  auto deep = parse_workshop_page("<html><body>" + nested, "nested.html");
  REQUIRE(deep.ok());
  CHECK(deep->talks.size() == 1);
  std::string deeper;
  for (int i = 0; i < 4000; ++i) deeper += "<div>";
  auto refused = parse_workshop_page("<html><body>" + deeper + "08:45 AM Deep (Talk)", "deeper.html");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.failure().message() == "deeper.html: more than 512 HTML elements inside each other (the limit)");

  std::string long_line = "08:45 AM " + std::string(200000, '(') + " (Talk)\n";
  CHECK_NOTHROW(static_cast<void>(parse_workshop_page(long_line, "long")));
  std::string binary;
  for (int i = 0; i < 5000; ++i) binary += static_cast<char>((i * 7919) % 256);
  CHECK_NOTHROW(static_cast<void>(parse_workshop_page(binary + "\n10:00 AM x\n", "binary")));
}

TEST_CASE("schedule items follow a recording's wallclock start and replace only schedule items") {
  Schedule s = parse_sample();
  RecordingInfo afternoon;
  afternoon.uri = "/recordings/afternoon.mp4";
  afternoon.items.push_back(TocEntry{"manual:intro", 5, std::nullopt, "Intro", kTocManual, 1.0, std::nullopt, "", "", ""});
  afternoon.wallclock_start = "2019-06-15T13:30:00";
  derive_schedule_items(afternoon, s);
  derive_schedule_items(afternoon, s);  // again: the schedule items are replaced, not added twice
  REQUIRE(afternoon.items.size() == 1 + 7);  // 13:30 to the 16:30 panel
  CHECK(afternoon.items[0].key == "manual:intro");
  const TocEntry& first = afternoon.items[1];
  CHECK(first.title == "Reverse engineering neuroscience and cognitive science principles");
  CHECK(first.start == doctest::Approx(0));
  CHECK(*first.end == doctest::Approx(1800));
  CHECK_FALSE(first.alias);
  CHECK(afternoon.items.back().title == "Panel Discussion");
  CHECK(afternoon.items.back().start == doctest::Approx(3 * 3600));
  CHECK(*afternoon.items.back().end == doctest::Approx(4.5 * 3600));

  afternoon.talk_key = s.talks[10].key;  // a recording of one talk
  derive_schedule_items(afternoon, s);
  REQUIRE(afternoon.items.size() == 2);
  CHECK(afternoon.items[1].talk_key == s.talks[10].key);

  afternoon.wallclock_start.reset();
  derive_schedule_items(afternoon, s);
  REQUIRE(afternoon.items.size() == 1);
  CHECK(afternoon.items[0].source == kTocManual);
}

TEST_CASE("links into recordings: which they are and the recording they point into") {
  CHECK(recording_uri_of("https://videoken.com/embed/NJjqOnuvpKc?tocitem=1") == "https://videoken.com/embed/NJjqOnuvpKc");
  CHECK(recording_uri_of("https://www.youtube.com/watch?v=abc&t=90#x") == "https://www.youtube.com/watch?v=abc");
  CHECK(recording_uri_of("https://example.org/a.mp4") == "https://example.org/a.mp4");
  CHECK(is_recording_link(Link{"https://example.org/x", "Video", std::nullopt}));
  CHECK(is_recording_link(Link{"https://youtu.be/abc", "", std::nullopt}));
  CHECK(is_recording_link(Link{"https://example.org/talk.webm", "", std::nullopt}));
  CHECK_FALSE(is_recording_link(Link{"https://example.org/slides.pdf", "Slides", std::nullopt}));
}

TEST_CASE("a title longer than the limit is cut at a character's boundary, with a warning naming the talk") {
  std::string page = test::read_file(test::sample_page());
  const std::string title = "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask";
  auto at = page.find(title);
  REQUIRE(at != std::string::npos);
  std::string tail;
  while (tail.size() < 3 * limits::kMaxTitleBytes) tail += " Übermaske";  // two-byte letters, so that a cut could split one
  page.insert(at + title.size(), tail);
  auto result = parse_workshop_page(page, "long.html");
  REQUIRE(result.ok());
  auto talk = std::find_if(result->talks.begin(), result->talks.end(),
                           [&](const TalkInfo& t) { return t.title.rfind(title, 0) == 0; });
  REQUIRE(talk != result->talks.end());
  CHECK(talk->title.size() <= limits::kMaxTitleBytes);
  CHECK(talk->title.size() > limits::kMaxTitleBytes - 12);
  CHECK(sanitize_utf8(talk->title) == talk->title);  // no letter cut in half
  bool warned = std::any_of(result->warnings.begin(), result->warnings.end(), [&](const std::string& w) {
    return w.find(talk->key) != std::string::npos && w.find("longer than 1000 bytes (the limit): cut there") != std::string::npos;
  });
  CHECK(warned);
}
