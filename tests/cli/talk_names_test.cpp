// Talks named as the schedule names them (issue 17, §4): the frab id (frab:255), the slug, the start of
// the guid; an ambiguous start is a usage error listing the talks. The schedule's own page of a talk is
// kept as a link.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "process.h"
#include "test_support.h"

using namespace talkdex;

namespace {

// Two conferences whose talks share the frab id 255; two guids that begin alike.
constexpr const char* kCongress = R"(<?xml version="1.0" encoding="UTF-8"?>
<schedule><version>1</version><conference><acronym>cx24</acronym><title>Congress</title></conference>
<day index="1" date="2024-12-28"><room name="Saal 1">
<event guid="abcd1111-0000-4000-8000-000000000001" id="255"><date>2024-12-28T11:00:00+01:00</date>
<start>11:00</start><duration>00:40</duration><room>Saal 1</room><title>Health records for clinics</title>
<type>Talk</type><language>en</language><slug>cx24-255-health-records</slug>
<url>https://fahrplan.example/cx24/talk/255.html</url></event>
<event guid="abcd2222-0000-4000-8000-000000000002" id="256"><date>2024-12-28T12:00:00+01:00</date>
<start>12:00</start><duration>00:40</duration><room>Saal 1</room><title>Clinics under attack</title>
<type>Talk</type><language>en</language><slug>cx24-256-clinics-under-attack</slug></event>
</room></day></schedule>
)";

constexpr const char* kCamp = R"({"schedule": {"version": "1", "conference": {"acronym": "camp", "title": "Camp",
  "start": "2025-08-01", "end": "2025-08-01", "daysCount": 1, "timeslot_duration": "00:15", "days": [
  {"index": 0, "date": "2025-08-01", "day_start": "2025-08-01T10:00:00+02:00", "day_end": "2025-08-01T20:00:00+02:00",
   "rooms": {"Tent": [{"id": 255, "guid": "ffff0000-0000-4000-8000-000000000009", "date": "2025-08-01T10:00:00+02:00",
     "start": "10:00", "duration": "00:30", "room": "Tent", "slug": "camp-255-soldering", "title": "Soldering",
     "subtitle": "", "track": "", "type": "Talk", "language": "en", "abstract": "", "description": "",
     "persons": [], "links": [], "url": "https://camp.example/talk/255"}]}}]}}})";

struct Archive {
  test::TempDir dir;
  std::string archive = (dir.path() / "archive").string();
  Archive() {
    test::write_file(dir / "congress.xml", kCongress);
    test::write_file(dir / "camp.json", kCamp);
    auto imp = run({"import", (dir / "congress.xml").string(), (dir / "camp.json").string()});
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
  }
  test::ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return test::run_process(args);
  }
  nlohmann::json show(const std::string& ref) {
    auto r = run({"show", "--json", ref});
    INFO(ref << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
  }
};

}  // namespace

TEST_CASE("a talk is named by its number, its slug, frab:ID or the start of its guid") {
  Archive a;
  auto health = a.show("abcd1111");  // the start of the guid
  CHECK(health["title"] == "Health records for clinics");
  CHECK(health["schedule_id"] == "255");
  CHECK(health["slug"] == "cx24-255-health-records");
  std::string number = std::to_string(health["talk_id"].get<long long>());
  CHECK(a.show(number)["title"] == "Health records for clinics");  // a plain number stays the talk's number
  CHECK(a.show("cx24-256-clinics-under-attack")["title"] == "Clinics under attack");
  CHECK(a.show("camp-255-soldering")["title"] == "Soldering");  // schedule.json's slug
  CHECK(a.show("frab:256")["title"] == "Clinics under attack");
  CHECK(a.show("abcd1111-0000-4000-8000-000000000001")["title"] == "Health records for clinics");  // the key
  CHECK(a.show("ABCD2222")["title"] == "Clinics under attack");  // a guid typed in capitals

  // Two talks have the id 255 and two guids begin with abcd: a usage error naming each candidate.
  auto two_ids = a.run({"show", "frab:255"});
  CHECK(two_ids.exit_code == 2);
  CHECK(two_ids.err.find("talk frab:255: ambiguous") != std::string::npos);
  CHECK(two_ids.err.find("Health records for clinics") != std::string::npos);
  CHECK(two_ids.err.find("Soldering") != std::string::npos);
  auto prefix = a.run({"play", "--print", "abcd"});
  CHECK(prefix.exit_code == 2);
  CHECK(prefix.err.find("talk abcd: ambiguous") != std::string::npos);
  CHECK(prefix.err.find("abcd1111-0000-4000-8000-000000000001") != std::string::npos);
  CHECK(prefix.err.find("abcd2222-0000-4000-8000-000000000002") != std::string::npos);
  CHECK(std::count(prefix.err.begin(), prefix.err.end(), '\n') == 1);  // one line

  auto none = a.run({"show", "frab:999"});
  CHECK(none.exit_code == 3);
  CHECK(none.err.find("talk frab:999: no talk has this schedule id") != std::string::npos);
  CHECK(a.run({"show", "nothing-like-this"}).exit_code == 3);
}

TEST_CASE("the talk's own page from the schedule is kept as a link: show, show --json") {
  Archive a;
  auto health = a.show("frab:256");
  CHECK(health["url"].is_null());  // no <url>
  auto page = a.show("cx24-255-health-records");
  CHECK(page["url"] == "https://fahrplan.example/cx24/talk/255.html");
  CHECK(a.show("camp-255-soldering")["url"] == "https://camp.example/talk/255");
  auto text = a.run({"show", "cx24-255-health-records"});
  CHECK(text.out.find("  page       https://fahrplan.example/cx24/talk/255.html\n") != std::string::npos);
}
