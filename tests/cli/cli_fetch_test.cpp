// talkdex import URL: fetched from a real HTTP server on 127.0.0.1, re-fetched conditionally.
#include <doctest/doctest.h>

#include "http_fixture.h"
#include "process.h"
#include "schedule_gen.h"
#include "talkdex/store.h"
#include "test_support.h"

using namespace talkdex;

namespace {

struct Served {
  test::TempDir dir;
  test::HttpFixture server{test::source_dir() / "tests" / "support" / "http_fixture.py"};
  std::string archive = (dir.path() / "archive").string();

  test::ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return test::run_process(args);
  }
  std::string file_url(const std::filesystem::path& p) { return server.url("/file" + p.string()); }
  std::int64_t revision() { return Store(std::filesystem::path(archive) / "talkdex.sqlite").revision(); }
};

}  // namespace

TEST_CASE("a schedule fetched by URL imports, and an unchanged one costs one 304 and no write") {
  Served s;
  test::write_file(s.dir / "schedule.xml", mediagen::frab_schedule_xml(123));
  std::string url = s.file_url(s.dir / "schedule.xml");

  auto first = s.run({"import", url});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("123 talks added") != std::string::npos);
  auto rev = s.revision();
  {
    Store store(std::filesystem::path(s.archive) / "talkdex.sqlite");
    auto src = store.source(url);
    REQUIRE(src);
    CHECK(src->kind == "frab-xml");
    CHECK_FALSE(src->etag.empty());
    CHECK(src->content_hash.size() == 64);
  }

  auto again = s.run({"import", url});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("unchanged") != std::string::npos);
  CHECK(s.revision() == rev);
  CHECK(s.server.count("/file" + (s.dir / "schedule.xml").string()) == 2);

  // The schedule changes: one talk renamed, updated in place.
  std::string text = test::read_file(s.dir / "schedule.xml");
  const std::string title = "<title>" + mediagen::frab_schedule_title(7) + "</title>";
  auto at = text.find(title);
  REQUIRE(at != std::string::npos);
  text.replace(at, title.size(), "<title>Renamed talk</title>");
  test::write_file(s.dir / "schedule.xml", text);
  auto changed = s.run({"import", url});
  CHECK(changed.exit_code == 0);
  CHECK(changed.out.find("1 updated") != std::string::npos);
}

TEST_CASE("a failing URL is one error line, keeps the previous import and is shown by sources") {
  Served s;
  test::write_file(s.dir / "schedule.xml", mediagen::frab_schedule_xml(36));
  std::string url = s.file_url(s.dir / "schedule.xml");
  REQUIRE(s.run({"import", url}).exit_code == 0);
  auto rev = s.revision();

  test::write_file(s.dir / "schedule.xml", "<schedule><conference><title>Cut off");  // broken
  auto broken = s.run({"import", url});
  CHECK(broken.exit_code == 3);
  CHECK(broken.err.find(url) != std::string::npos);
  CHECK(s.revision() == rev);
  Store store(std::filesystem::path(s.archive) / "talkdex.sqlite");
  CHECK(store.counts().talks == 36);
  auto sources = s.run({"sources", "--json"});
  CHECK(sources.out.find("\"failed\"") != std::string::npos);

  auto html = s.run({"import", "--kind", "frab-xml", s.server.url("/html/login")});
  CHECK(html.exit_code == 3);
  CHECK(html.err.find("text/html") != std::string::npos);

  auto down = s.run({"import", s.server.url("/status/404/gone.xml"), url});
  CHECK(down.exit_code == 3);
  CHECK(down.err.find("HTTP 404") != std::string::npos);
}
