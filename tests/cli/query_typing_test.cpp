// Queries as people type them (issue 17, §2 and §3): "-word" is a word of the query, global options work
// anywhere, an empty field is a usage error, hints say what left everything out, a misspelt query shows
// its correction's talks, and counts are exact. The archive is a frab schedule written here.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "process.h"
#include "test_support.h"

using namespace talkdex;

namespace {

// A congress day of `n` talks: "Security talk N" in English, the odd ones also about hacking, and one
// German talk on Datenschutz.
std::string congress_xml(int n) {
  std::string events;
  for (int i = 1; i <= n; ++i) {
    events += fmt::format(
        R"(<event guid="00000000-0000-4000-8000-{:012}" id="{}"><date>2024-12-28T{:02}:00:00+01:00</date>
<start>{:02}:00</start><duration>00:40</duration><room>Saal 1</room><title>Security talk {}</title>
<type>Talk</type><language>en</language><abstract>{}</abstract>
<persons><person id="{}">Speaker {}</person></persons></event>
)",
        i, i, 10 + i % 12, 10 + i % 12, i, i % 2 ? "hacking the planet" : "a quiet abstract", i, i);
  }
  events += R"(<event guid="00000000-0000-4000-8000-999999999999" id="999"><date>2024-12-28T23:00:00+01:00</date>
<start>23:00</start><duration>00:40</duration><room>Saal 1</room><title>Datenschutz im Alltag</title>
<type>Talk</type><language>de</language><persons><person id="999">Erika Mustermann</person></persons></event>
)";
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<schedule><version>1</version><conference><acronym>cx24</acronym><title>Congress</title>
<start>2024-12-28</start><end>2024-12-28</end></conference>
<day index="1" date="2024-12-28"><room name="Saal 1">
)" + events + "</room></day></schedule>\n";
}

struct Congress {
  test::TempDir dir;
  std::string archive = (dir.path() / "archive").string();
  explicit Congress(int talks = 30) {
    test::write_file(dir / "schedule.xml", congress_xml(talks));
    auto imp = test::run_process({TALKDEX_EXE, "--archive", archive, "import", (dir / "schedule.xml").string()});
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
  }
  test::ProcessResult search(std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive, "search"});
    return test::run_process(args);
  }
  nlohmann::json json(std::vector<std::string> args) {
    args.insert(args.begin(), "--json");  // before the words: after "--" everything is a word
    auto r = search(args);
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    return nlohmann::json::parse(r.out);
  }
};

}  // namespace

TEST_CASE("every word after search is the query, -word included; only the documented options are options") {
  Congress c;
  auto minus = c.json({"security", "-hacking"});
  CHECK(minus["query"] == "security -hacking");
  CHECK(minus["total"] == 15);  // the even talks have no "hacking"
  for (const auto& h : minus["hits"]) CHECK(h["title"].get<std::string>().find("Security talk") == 0);
  auto short_like = c.json({"security", "-nsa"});  // not "-n sa"
  CHECK(short_like["query"] == "security -nsa");
  CHECK(short_like["total"] == 30);
  auto dashes = c.json({"security", "--", "-hacking"});
  CHECK(dashes["query"] == "security -hacking");
  CHECK(dashes["total"] == 15);
  // Documented options keep working anywhere among the words, with their values.
  auto limited = c.json({"security", "-n", "3", "-hacking", "--offset", "1"});
  CHECK(limited["query"] == "security -hacking");
  CHECK(limited["hits"].size() == 3);
  auto text = c.search({"security", "-hacking"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("Usage") == std::string::npos);
}

TEST_CASE("global options work before and after the command") {
  Congress c;
  auto after = test::run_process({TALKDEX_EXE, "search", "datenschutz", "--archive", c.archive, "--json"});
  INFO(after.err);
  REQUIRE(after.exit_code == 0);
  CHECK(nlohmann::json::parse(after.out)["hits"][0]["title"] == "Datenschutz im Alltag");
}

TEST_CASE("an empty field is a usage error naming the field") {
  Congress c;
  for (std::string q : {"in:", "title:(", "security speaker:", "said:\"\"", "lang:"}) {
    CAPTURE(q);
    auto r = c.search({q});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("has nothing after it") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  // A word that merely ends in a colon is not a field.
  CHECK(c.search({"note:", "security"}).exit_code != 2);
}

TEST_CASE("a filter that leaves out every talk is named by the hint, not the words") {
  Congress c;
  auto r = c.search({"lang:en", "datenschutz"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("1 talk has the words, but none with lang:en") != std::string::npos);
  CHECK(r.err.find("--any") == std::string::npos);
  auto words = c.search({"datenschutz", "hacking"});
  CHECK(words.err.find("--any finds talks with some of them") != std::string::npos);
}

TEST_CASE("a query that finds nothing shows its correction's talks, saying so; one that finds some does not") {
  Congress c;
  auto r = c.json({"datenschutx"});
  CHECK(r["showing"] == "datenschutz");
  REQUIRE(r["hits"].size() == 1);
  CHECK(r["hits"][0]["title"] == "Datenschutz im Alltag");
  auto text = c.search({"datenschutx"});
  CHECK(text.exit_code == 0);
  CHECK(text.err.find("no talks match \"datenschutx\"; showing results for datenschutz") != std::string::npos);
  // "hacking" is found: no "did you mean", whatever the spelling data holds.
  auto found = c.json({"hacking"});
  CHECK(found["total"] == 15);
  CHECK(found["suggestion"].is_null());
  CHECK(found["showing"].is_null());
}

TEST_CASE("counts are exact over grouped talks, and a page past the end says so") {
  Congress c(60);
  auto r = c.json({"date:2024-12-28"});
  CHECK(r["total"] == 61);
  CHECK(r["total_exact"] == true);
  CHECK(r["hits"].size() == 10);
  auto text = c.search({"date:2024-12-28"});
  CHECK(text.err.find("1-10 of 61 talks; --offset 10 for more") != std::string::npos);
  auto past = c.search({"date:2024-12-28", "--offset", "100"});
  CHECK(past.exit_code == 1);
  CHECK(past.err.find("--offset 100 is past the end: 61 talks match") != std::string::npos);
  auto last = c.json({"date:2024-12-28", "--offset", "60"});
  CHECK(last["hits"].size() == 1);
  CHECK(last["total"] == 61);
}
