// A re-import of a schedule that lacks talks (issue 16, probe item 7): a partial export must not detach
// what the user attached. More than half of a source's talks missing keeps them all, with a warning; a
// talk with a recording attached is kept however few are missing; --prune removes them.
#include <doctest/doctest.h>

#include <string>

#include "cli_archive.h"
#include "schedule_gen.h"

using namespace talkdex;
using json = nlohmann::json;

namespace {

// The generated schedule of its first `talks` talks written to `schedule` and imported (with `options`):
// the import succeeds; its warnings, which the caller checks.
std::string import_first(test::CliArchive& a, const std::string& schedule, int talks,
                         std::vector<std::string> options = {}) {
  test::write_file(schedule, mediagen::frab_schedule_xml(talks));
  options.insert(options.begin(), "import");
  options.push_back(schedule);
  auto r = a.run(options);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  return r.err;
}

}  // namespace

TEST_CASE("a partial schedule export keeps the source's talks and the recordings attached to them") {
  test::CliArchive a;
  std::string schedule = (a.dir / "schedule.xml").string();
  std::string guid = mediagen::frab_schedule_guid(39);
  test::write_file(schedule, mediagen::frab_schedule_xml(40));
  REQUIRE(a.run({"import", schedule}).exit_code == 0);
  std::string recording = a.make_recording();
  auto attach = a.run({"import", "--talk", guid, recording});
  INFO(attach.err);
  REQUIRE(attach.exit_code == 0);
  json before = a.run_json({"show", "--json", guid});
  REQUIRE(before["recordings"].size() == 1);

  // The last talk left the schedule, but the user attached a recording to it.
  CHECK(import_first(a, schedule, 39) == "talkdex: warning: " + schedule +
                                              ": 1 talk the schedule no longer has kept: a recording is attached to "
                                              "it (import --prune removes it)\n");
  CHECK(a.run_json({"show", "--json", guid})["recordings"].size() == 1);

  // An export of one event: 39 of the 40 talks missing, more than half.
  CHECK(import_first(a, schedule, 1) == "talkdex: warning: " + schedule +
                                             ": 39 of the 40 talks imported from it before are missing, more than "
                                             "half: kept, as this looks like a partial export (import --prune "
                                             "removes them)\n");
  CHECK(a.run_json({"show", "--json", mediagen::frab_schedule_guid(20)})["title"] == mediagen::frab_schedule_title(20));

  // The full file again: the same talk, with its number and its recording.
  test::write_file(schedule, mediagen::frab_schedule_xml(40));
  REQUIRE(a.run({"import", schedule}).exit_code == 0);
  json after = a.run_json({"show", "--json", guid});
  CHECK(after["talk_id"] == before["talk_id"]);
  CHECK(after["recordings"] == before["recordings"]);

  // --prune removes what the file lacks, attached recording or not.
  test::write_file(schedule, mediagen::frab_schedule_xml(39));
  auto pruned = a.run({"import", "--prune", schedule});
  INFO(pruned.err);
  CHECK(pruned.exit_code == 0);
  CHECK(pruned.out.find("1 removed") != std::string::npos);
  CHECK(a.run({"show", guid}).exit_code != 0);
}
