// Real schedules shown cleanly (issue 17, §4): frab abstracts hold HTML and deep indents; snippets show
// the words, and do not repeat the title and speakers printed above them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "process.h"
#include "test_support.h"

using namespace talkdex;

namespace {

constexpr const char* kSchedule = R"(<?xml version="1.0" encoding="UTF-8"?>
<schedule><version>1</version><conference><acronym>cx24</acronym><title>Congress</title></conference>
<day index="1" date="2024-12-28"><room name="Saal 1">
<event guid="11111111-0000-4000-8000-000000000001" id="255"><date>2024-12-28T11:00:00+01:00</date>
<start>11:00</start><duration>00:40</duration><room>Saal 1</room><title>Health records for clinics</title>
<type>Talk</type><language>en</language><track>Health &amp; Care</track>
<abstract><![CDATA[<p>We deploy <a href="http://openmrs.org/">OpenMRS</a> in rural clinics.</p>
                    <p>Lessons   learned &amp; next steps.</p>]]></abstract>
<persons><person id="1">Grace Hopper</person></persons>
<url>https://fahrplan.example/talk/255.html</url></event>
</room><room name="Saal GLITCH">
<event guid="22222222-0000-4000-8000-000000000002" id="256"><date>2024-12-29T12:00:00+01:00</date>
<start>12:00</start><duration>00:40</duration><room>Saal GLITCH</room><title>Clinics under attack</title>
<type>Talk</type><language>en</language><track>Security</track><slug>cx24-256-clinics-under-attack</slug>
<persons><person id="2">Ada Lovelace</person></persons></event>
</room></day></schedule>
)";

struct ScheduleArchive {
  test::TempDir dir;
  std::string archive = (dir.path() / "archive").string();
  ScheduleArchive() {
    test::write_file(dir / "schedule.xml", kSchedule);
    auto imp = test::run_process({TALKDEX_EXE, "--archive", archive, "import", (dir / "schedule.xml").string()});
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
  }
  test::ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return test::run_process(args);
  }
};

}  // namespace

TEST_CASE("frab HTML is stored as its words: snippets show no markup, and markup finds nothing") {
  ScheduleArchive a;
  auto r = a.run({"search", "--json", "openmrs"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto hit = nlohmann::json::parse(r.out)["hits"][0];
  std::string snippet = hit["snippet"];
  CHECK(snippet.find("href") == std::string::npos);
  CHECK(snippet.find('\n') == std::string::npos);
  CHECK(snippet.find("  ") == std::string::npos);
  CHECK(snippet.find("<mark>OpenMRS</mark> in rural clinics. Lessons learned &amp; next steps.") != std::string::npos);
  // The snippet is the abstract: the title and speakers are printed above it already.
  CHECK(snippet.find("Health records") == std::string::npos);
  CHECK(snippet.find("Grace Hopper") == std::string::npos);
  CHECK(a.run({"search", "href"}).exit_code == 1);
  auto text = a.run({"search", "clinics"});
  CHECK(text.out.find("   We deploy OpenMRS in rural clinics.") != std::string::npos);
}

TEST_CASE("track: and room: filter, and facets count talks by track, room and day") {
  ScheduleArchive a;
  auto ids = [&](std::vector<std::string> q) {
    q.insert(q.begin(), {"search", "--json"});
    auto r = a.run(q);
    INFO(r.err);
    std::vector<std::string> titles;
    auto found = nlohmann::json::parse(r.out);
    for (const auto& h : found["hits"]) titles.push_back(h["title"].get<std::string>());
    return titles;
  };
  CHECK(ids({"clinics"}).size() == 2);
  CHECK(ids({"clinics", "track:security"}) == std::vector<std::string>{"Clinics under attack"});
  CHECK(ids({"clinics", "track:\"health & care\""}) == std::vector<std::string>{"Health records for clinics"});
  CHECK(ids({"clinics", "room:\"saal 1\""}) == std::vector<std::string>{"Health records for clinics"});
  CHECK(ids({"clinics", "room:saal-g*"}) == std::vector<std::string>{"Clinics under attack"});
  CHECK(ids({"clinics", "-room:\"saal 1\""}) == std::vector<std::string>{"Clinics under attack"});
  auto r = a.run({"search", "--json", "--facets", "clinics"});
  auto facets = nlohmann::json::parse(r.out)["facets"];
  CHECK(facets["track"].size() == 2);
  CHECK(facets["room"][0]["count"] == 1);
  CHECK(facets["day"] == nlohmann::json::parse(R"([{"value":"2024-12-28","count":1},{"value":"2024-12-29","count":1}])"));
  auto text = a.run({"search", "--facets", "clinics"});
  CHECK(text.out.find("room:    Saal 1 (1) · Saal GLITCH (1)") != std::string::npos);
}

TEST_CASE("talkdex events lists the events with their numbers and talk counts") {
  ScheduleArchive a;
  auto text = a.run({"events"});
  CHECK(text.exit_code == 0);
  CHECK(text.out == "[1] Congress  2024-12-28  2 talks · eventid:1 · frab:cx24\n");
  auto json = nlohmann::json::parse(a.run({"events", "--json"}).out);
  REQUIRE(json.size() == 1);
  CHECK(json[0]["id"] == 1);
  CHECK(json[0]["talks"] == 2);
  CHECK(a.run({"search", "--json", "eventid:1", "clinics"}).exit_code == 0);
}
