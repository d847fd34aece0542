// talkdex import of a media.ccc.de conference served on 127.0.0.1: one line for the event that fails,
// everything else imported and searchable; `index` afterwards re-reads it with conditional requests only.
#include <doctest/doctest.h>

#include "http_fixture.h"
#include "process.h"
#include "talkdex/store.h"
#include "test_support.h"
#include "voctoweb_fixture.h"

using namespace talkdex;

namespace {

int count_lines(const std::string& text, const std::string& needle) {
  int n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("import of a voctoweb conference: a 404 event is one error line, the rest is searchable") {
  test::TempDir dir;
  test::HttpFixture server{test::source_dir() / "tests" / "support" / "http_fixture.py"};
  test::VoctowebFixture api(dir / "api", server.url("/file" + (dir / "api").string()));
  api.write_all(20);
  std::string gone = server.url("/status/404/public/events/7.json");
  api.write_conference(20, {{7, gone}});
  std::string archive = (dir.path() / "archive").string();
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return test::run_process(args);
  };

  auto imported = run({"import", api.conference_url()});
  INFO(imported.err);
  CHECK(imported.exit_code == 3);
  CHECK(count_lines(imported.err, "talkdex: error:") == 1);
  CHECK(imported.err.find("talkdex: error: " + gone + ": HTTP 404") != std::string::npos);
  CHECK(imported.out.find("20 events (19 changed, 0 unchanged, 1 failed): 19 talks added") != std::string::npos);

  auto found = run({"search", "--json", "said:randomness"});
  CHECK(found.exit_code == 0);
  CHECK(found.out.find("\"total\": 19") != std::string::npos);

  // `index`: the conference and its 19 good events answer 304; the failed one is asked again.
  server.reset_counts();
  auto index = run({"index"});
  CHECK(index.exit_code == 3);  // the 404 is still there, and says so once
  CHECK(count_lines(index.err, "talkdex: error:") == 1);
  CHECK(server.total_count() == 21);
  CHECK(server.conditional_count() == 20);
}
