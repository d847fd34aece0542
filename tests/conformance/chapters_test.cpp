// youtube-dl's real video descriptions (../shared/corpus/chapters/youtube) read as chapter lists.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "corpus.h"
#include "talkdex/indexer/chapters/chapters.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::corpus_file;
using talkdex::test::read_file;

TEST_CASE("youtube: every real description of the corpus gives its expected chapters") {
  auto cases = nlohmann::json::parse(read_file(corpus_file("chapters/youtube/cases.json")));
  REQUIRE(cases.size() == 6);
  int passed = 0;
  for (size_t n = 0; n < cases.size(); ++n) {
    const auto& c = cases[n];
    std::string name = "case " + std::to_string(n);
    auto got = parse_youtube_description(c.at("description_html").get<std::string>(), name, c.at("duration").get<double>());
    REQUIRE(got.ok());
    const auto& want = c.at("chapters");
    INFO(name);
    REQUIRE(got->items.size() == want.size());
    for (size_t i = 0; i < want.size(); ++i) {
      const TocEntry& t = got->items[i];
      INFO("chapter " << i << ": " << t.title);
      CHECK(t.start == doctest::Approx(want[i].at("start_time").get<double>()));
      REQUIRE(t.end.has_value());
      CHECK(*t.end == doctest::Approx(want[i].at("end_time").get<double>()));
      CHECK(t.title == want[i].at("title").get<std::string>());
      CHECK(t.source == kTocFile);
      CHECK(t.confidence == 1.0);
    }
    ++passed;
  }
  MESSAGE("YouTube description cases: " << passed << " of " << cases.size() << " match");
}
