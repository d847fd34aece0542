// Talk starts from slide text: matching, the window, order, and what applying writes.
#include <doctest/doctest.h>

#include <algorithm>

#include "slide_tracker.h"
#include "talkdex/indexer/slides/talk_align.h"

using namespace talkdex;

namespace {

TocEntry schedule_item(const std::string& talk, double start, std::optional<double> end) {
  TocEntry e;
  e.key = "schedule:" + talk;
  e.start = start;
  e.end = end;
  e.title = talk;
  e.source = kTocSchedule;
  e.confidence = 0.5;
  e.talk_key = talk;
  return e;
}

TocEntry slide(double start, const std::string& text, const std::string& talk = "") {
  TocEntry e;
  e.key = "detected:" + std::to_string(static_cast<long long>(start * 1000));
  e.start = start;
  e.title = text.substr(0, text.find('\n'));
  e.source = kTocDetected;
  e.confidence = 0.7;
  e.slide_text = text;
  e.thumbnail = "thumbs/x/slide-" + std::to_string(static_cast<long long>(start * 1000)) + ".jpg";
  e.talk_key = talk;
  return e;
}

const std::vector<AlignTalk> kTalks = {{"a", "Deconstructing Lottery Tickets", {"Hattie Zhou", "Janice Lan"}},
                                       {"b", "Sparse Networks from Scratch", {"Tim Dettmers"}}};

}  // namespace

TEST_CASE("talk_match counts the talk's words on the slide, forgiving one misread letter in long words") {
  CHECK(talk_match(kTalks[0], "DECONSTRUCTING LOTTERY\nTICKETS\nHATTIE ZHOU, JANICE LAN") == doctest::Approx(1.0));
  // OCR read Z as 2: "2hou" is too short to forgive, the rest matches.
  CHECK(talk_match(kTalks[0], "DECONSTRUCTING LOTTERY TICKETS HATTIE 2HOU JANICE LAN") == doctest::Approx(6.0 / 7));
  CHECK(talk_match(kTalks[0], "DECONSTRUCTIMG LOTTERY TICKETS") == doctest::Approx(3.0 / 7));  // M for N forgiven
  CHECK(talk_match(kTalks[1], "3 RESULTS\n- sparse gradient") == doctest::Approx(1.0 / 5));  // "from" is too common to count
  CHECK(talk_match(kTalks[1], "") == 0);
}

TEST_CASE("plan_alignment moves each talk to its title slide inside the window, in order") {
  std::vector<TocEntry> items = {schedule_item("a", 0, 600), schedule_item("b", 600, 1200),
                                 slide(0, "WELCOME"), slide(185, "DECONSTRUCTING LOTTERY TICKETS\nHATTIE ZHOU, JANICE LAN"),
                                 slide(400, "2 RESULTS\nLOTTERY TICKETS"),
                                 slide(850, "SPARSE NETWORKS FROM SCRATCH\nTIM DETTMERS"),
                                 slide(1900, "SPARSE NETWORKS FROM SCRATCH\nTIM DETTMERS")};
  auto shifts = plan_alignment(items, kTalks);
  REQUIRE(shifts.size() == 2);
  REQUIRE(shifts[0].new_start);
  CHECK(*shifts[0].new_start == 185);
  CHECK(shifts[0].old_start == 0);
  CHECK(shifts[0].score == doctest::Approx(1.0));
  CHECK(shifts[0].matched_text.find("HATTIE") != std::string::npos);
  REQUIRE(shifts[1].new_start);
  CHECK(*shifts[1].new_start == 850);  // not 1900: outside the 10-minute window

  AlignOptions narrow;
  narrow.window = 120;
  shifts = plan_alignment(items, kTalks, narrow);
  CHECK(!shifts[0].new_start);
  CHECK(!shifts[0].reason.empty());

  auto written = apply_alignment(items, plan_alignment(items, kTalks));
  auto find = [&](const std::string& key) {
    return *std::find_if(written.begin(), written.end(), [&](const TocEntry& e) { return e.key == key; });
  };
  CHECK(find("schedule:a").start == 185);
  CHECK(find("schedule:a").confidence == doctest::Approx(kAlignedConfidence));
  CHECK(find("schedule:a").end == 850);  // ends where the next talk now starts
  CHECK(find("schedule:a").slide_text.find("HATTIE") != std::string::npos);  // the evidence goes with it
  CHECK(find("schedule:b").start == 850);
  CHECK(find("schedule:b").end == 1200);
  CHECK(find("detected:400000").talk_key == "a");  // slides belong to the talk they now fall in
  CHECK(find("detected:1900000").talk_key == "b");
  CHECK(find("detected:0").talk_key == "");  // before the first talk
}

TEST_CASE("the slide tracker masks a small moving area and finds a change that fades in") {
  using slides::LumaGrid;
  slides::SlideTracker tracker;
  LumaGrid slide_a, slide_b;
  slide_a.cells.fill(230);
  slide_b.cells.fill(230);
  for (int i = 0; i < LumaGrid::kCells / 5; ++i) slide_b.cells[static_cast<std::size_t>(i * 5)] = 40;  // 20% of cells differ
  double t = 0;
  auto with_motion = [](LumaGrid g, int step) {
    // A 10x6-cell box (under 2% of the picture) whose content changes every sample.
    for (int y = 35; y < 41; ++y)
      for (int x = 65; x < 75; ++x) g.cells[static_cast<std::size_t>(y * LumaGrid::kWidth + x)] = static_cast<std::uint8_t>((x + y + step * 37) % 200);
    return g;
  };
  CHECK(tracker.feed(t, with_motion(slide_a, 0)).kind == slides::TrackerEventKind::kStarted);
  // The box is a change of a few cells at first (departed, since a few cells can be a slide's changed
  // digit), never a slide: it never holds still, and once masked it no longer counts.
  int departures = 0;
  for (int step = 1; step <= 60; ++step) {
    t += 0.5;
    auto e = tracker.feed(t, with_motion(slide_a, step));
    CHECK(e.kind != slides::TrackerEventKind::kConfirmed);
    departures += e.kind == slides::TrackerEventKind::kDeparted;
    if (step > 10) CHECK(e.kind == slides::TrackerEventKind::kNone);
  }
  CHECK(departures <= 1);
  CHECK(tracker.masked_cells(t) > 0);
  // A one-second fade to slide B, sampled at 10 per second, then B holds.
  slides::TrackerEvent confirmed;
  for (int i = 1; i <= 30; ++i) {
    t += 0.1;
    LumaGrid g;
    const double alpha = std::min(1.0, i / 10.0);
    for (int c = 0; c < LumaGrid::kCells; ++c)
      g.cells[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(slide_a.cells[static_cast<std::size_t>(c)] * (1 - alpha) + slide_b.cells[static_cast<std::size_t>(c)] * alpha);
    auto e = tracker.feed(t, with_motion(g, 100 + i));
    if (e.kind == slides::TrackerEventKind::kConfirmed) confirmed = e;
  }
  REQUIRE(confirmed.kind == slides::TrackerEventKind::kConfirmed);
  CHECK(confirmed.boundary == doctest::Approx(30.1).epsilon(0.02));  // near the fade's start (30.0)
}
