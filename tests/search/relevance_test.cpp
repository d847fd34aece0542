// Relevance: a fixed set of queries over the sample archive (the seed workshop and a generated transcript
// of its day recording) with the expected first hits and moments; and the order of fields.
#include <doctest/doctest.h>

#include "sample_archive.h"
#include "temp_archive.h"
#include "talkdex/links.h"
#include "talkdex/text.h"

using namespace talkdex;
using test::day_offset;

namespace {

const Hit& first(const SearchResults& r, const std::string& query) {
  INFO("query: " << query);
  REQUIRE_FALSE(r.hits.empty());
  return r.hits.front();
}

}  // namespace

TEST_CASE("the sample archive answers the fixed queries with the expected talk and moment") {
  test::SampleArchive a;
  struct Expect {
    std::string query;
    std::string title;        // the first hit's talk
    std::string moment_from;  // "schedule" (the talk's slot) or "transcript"
    std::string at;           // the moment, "HH:MM:SS" of the day
  };
  const std::vector<Expect> cases = {
      {"lottery tickets", "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask", "schedule", "09:45:00"},
      {"winning ticket", "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask", "transcript", "09:52:30"},
      {"supermask accuracy", "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask", "transcript",
       "09:55:00"},
      {"implicit regularization", "Optimization’s Untold Gift to Learning: Implicit Regularization", "schedule",
       "09:00:00"},
      {"said:\"implicit bias of gradient descent\"", "Optimization’s Untold Gift to Learning: Implicit Regularization",
       "transcript", "09:05:00"},
      {"speaker:saxe said:saddle", "Intriguing phenomena in training and generalization dynamics of deep networks",
       "transcript", "14:40:00"},
      {"saxe saddle points", "Intriguing phenomena in training and generalization dynamics of deep networks",
       "transcript", "14:40:00"},
      {"line attractor", "Line attractor dynamics in recurrent networks for sentiment classification", "schedule",
       "11:00:00"},
      {"sharp minima generalise", "Panel Discussion", "transcript", "16:45:00"},
      {"speaker:oliva kind:talk", "Reverse engineering neuroscience and cognitive science principles", "schedule",
       "13:30:00"},
      {"hardness samples", "On Understanding the Hardness of Samples in Neural Networks", "schedule", "14:00:00"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.query);
    auto r = a.search(c.query);
    const Hit& h = first(r, c.query);
    CHECK(h.title == c.title);
    REQUIRE(h.moment);
    CHECK(h.moment->source == c.moment_from);
    REQUIRE(h.offset);
    double at = day_offset(c.at.substr(0, 5)) + std::stod(c.at.substr(6));
    CHECK(*h.offset == doctest::Approx(at));
    if (c.moment_from == "transcript") CHECK(h.link == link_at(test::kDayRecording, at));
    CHECK(h.snippet.find("<mark>") != std::string::npos);
  }
}

TEST_CASE("a hit on spoken words opens the recording at that passage, quoted in the moment") {
  test::SampleArchive a;
  auto r = a.search("winning ticket");
  REQUIRE(r.hits.size() == 1);  // the transcript's filler never says it; one talk, its passages grouped
  const Hit& h = r.hits[0];
  CHECK(h.kind == "spotlight");
  CHECK(h.link == std::string(test::kDayRecording) + "#t=" + std::to_string(static_cast<int>(day_offset("09:52")) + 30));
  CHECK(h.moment->title.rfind("we call the winning ticket", 0) == 0);
  CHECK(h.snippet.find("<mark>winning</mark> <mark>ticket</mark>") != std::string::npos);
}

TEST_CASE("ranking: a match in the title beats speakers, chapters, the abstract, then the transcript") {
  test::TempArchive fixture;
  Archive& archive = fixture.archive;
  Store& store = fixture.store;
  Schedule s = test::schedule_of("ev", "Ranking Workshop");
  auto talk = [](const std::string& key, const std::string& title) {
    TalkInfo t = test::talk_info(key, title, "talk", "2021-03-01T10:00:00");
    return t;
  };
  // The word "zebra" once in each field of a different talk (plus filler, so no talk is empty).
  s.talks = {talk("ev/said", "Passage talk"), talk("ev/abstract", "Abstract talk"), talk("ev/chapter", "Chapter talk"),
             talk("ev/speaker", "Speaker talk"), talk("ev/title", "Zebra crossings")};
  s.talks[1].abstract = "We study stripes, and the zebra among other animals, at length and in some detail.";
  s.talks[3].people = {{"Zebra Okafor", "", kRoleSpeaker}};
  RecordingInfo r;
  r.uri = "/media/day.mp4";
  r.items = {{"schedule:ev/chapter", 0, 600, "Chapter talk", kTocSchedule, 0.5, std::nullopt, "ev/chapter"},
             {"file:120", 120, std::nullopt, "Why the zebra has stripes", kTocFile, 1.0, std::nullopt, "ev/chapter"},
             {"schedule:ev/said", 600, 1200, "Passage talk", kTocSchedule, 0.5, std::nullopt, "ev/said"}};
  s.recordings = {r};
  SourceRecord src;
  src.uri = "/ranking";
  src.kind = "test";
  store.import_schedule(src, s);
  store.replace_passages(store.recording_by_uri("/media/day.mp4")->id, "",
                         {{600, 630, "welcome to the passage talk", {}}, {630, 660, "and then a zebra walked past us", {}}});
  archive.rebuild(store);

  Searcher searcher(archive.search_databases());
  auto titles = [&](const std::string& q) {
    SearchOptions o;
    o.query = q;
    auto res = searcher.search(o);
    REQUIRE(res.ok());
    std::vector<std::string> out;
    for (const auto& h : res->hits) out.push_back(h.title);
    return out;
  };
  const std::vector<std::string> expected = {"Zebra crossings", "Speaker talk", "Chapter talk", "Abstract talk",
                                             "Passage talk"};
  CHECK(titles("zebra") == expected);
  CHECK(titles("zebras") == expected);  // the stem finds them all, in the same order
  CHECK(titles("Zebra") == expected);

  // The chapter and passage hits jump to their moment; the title hit to nothing in particular.
  SearchOptions o;
  o.query = "zebra";
  auto res = searcher.search(o).value();
  CHECK(res.hits[2].moment->title == "Why the zebra has stripes");
  CHECK(*res.hits[2].offset == 120);
  CHECK(res.hits[4].moment->source == "transcript");
  CHECK(*res.hits[4].offset == 630);
  CHECK(res.hits[4].link == "/media/day.mp4#t=630");

  // Field queries select the field alone.
  CHECK(titles("title:zebra") == std::vector<std::string>{"Zebra crossings"});
  CHECK(titles("speaker:zebra") == std::vector<std::string>{"Speaker talk"});
  CHECK(titles("chapter:zebra") == std::vector<std::string>{"Chapter talk"});
  CHECK(titles("abstract:zebra") == std::vector<std::string>{"Abstract talk"});
  CHECK(titles("said:zebra") == std::vector<std::string>{"Passage talk"});
}

TEST_CASE("stemming matches other forms, and the exact word ranks first") {
  test::TempArchive fixture;
  Schedule s = test::schedule_of("ev", "Stems");
  for (auto [key, title] : {std::pair{"ev/1", "Ticket machines"}, std::pair{"ev/2", "Tickets for everyone"},
                            std::pair{"ev/3", "Ticketing at scale"}}) {
    TalkInfo t = test::talk_info(key, title, "");
    s.talks.push_back(t);
  }
  test::import_and_index(fixture, s, "/stems");
  auto titles = [&](const std::string& q) { return test::hit_titles(fixture.archive, q); };
  // Porter's English stemmer takes all three to "ticket": each query finds all three, its own word first.
  auto tickets = titles("tickets");
  REQUIRE(tickets.size() == 3);
  CHECK(tickets[0] == "Tickets for everyone");
  auto ticket = titles("ticket");
  REQUIRE(ticket.size() == 3);
  CHECK(ticket[0] == "Ticket machines");
  auto ticketing = titles("ticketing");
  REQUIRE(ticketing.size() == 3);
  CHECK(ticketing[0] == "Ticketing at scale");
  // In a phrase or with a capital letter the word is taken as written.
  CHECK(titles("\"tickets for\"") == std::vector<std::string>{"Tickets for everyone"});
  CHECK(titles("ticket*").size() == 3);
}
