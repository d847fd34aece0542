// talkdex search end to end: the seed workshop and transcripts imported with the real binary, then the
// listing, --json, --facets, paging, suggestions, exit codes and bad queries.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "process.h"
#include "talkdex/store.h"
#include "test_support.h"

using namespace talkdex;
using test::ProcessResult;

namespace {

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// A transcript of the lottery-tickets spotlight as the day recording holds it (it starts at 1:00:00).
std::string lottery_vtt() {
  return "WEBVTT\n\n"
         "01:00:05.000 --> 01:00:09.000\nGood morning, this is joint work with my colleagues.\n\n"
         "01:00:09.000 --> 01:00:15.000\nWe look at <v Speaker>masks</v> over the weights.\n\n"
         "01:07:30.000 --> 01:07:36.000\nWe call the winning ticket a subnetwork\n\n"
         "01:07:36.000 --> 01:07:41.000\nthat trains well from its original initialisation.\n";
}

struct SearchCli {
  test::TempDir dir;
  std::string archive = (dir.path() / "archive").string();

  SearchCli() {
    auto imp = run({"import", "--year", "2019", test::sample_page().string()});
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
  }
  ProcessResult run(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return test::run_process(args, env);
  }
  nlohmann::json json(std::vector<std::string> args) {
    args.insert(args.begin(), {"search", "--json"});
    auto r = run(args);
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    return nlohmann::json::parse(r.out);
  }
  std::string talk_id(const std::string& query) {
    return std::to_string(json({query})["hits"][0]["talk_id"].get<long long>());
  }
};

}  // namespace

TEST_CASE("a transcript imported onto a talk makes its spoken words findable at their moment") {
  SearchCli cli;
  test::write_file(cli.dir / "lottery.vtt", lottery_vtt());
  auto imp = cli.run({"import", (cli.dir / "lottery.vtt").string(), "--talk", cli.talk_id("lottery tickets")});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  CHECK(imp.out.find("passages of transcript") != std::string::npos);

  auto j = cli.json({"winning ticket"});
  REQUIRE(j["hits"].size() == 1);
  const auto& h = j["hits"][0];
  CHECK(h["title"] == "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask");
  CHECK(h["kind"] == "spotlight");
  CHECK(h["offset"] == 4050.0);  // 1:07:30, where the passage that says it begins
  CHECK(h["moment"]["source"] == "transcript");
  CHECK(h["link"] == "https://videoken.com/embed/NJjqOnuvpKc#t=4050");
  CHECK(h["snippet"].get<std::string>().find("<mark>winning</mark> <mark>ticket</mark>") != std::string::npos);
  for (const char* key : {"talk_id", "title", "speakers", "event", "kind", "start", "offset", "link", "score",
                          "moment", "snippet"})
    CHECK_MESSAGE(h.contains(key), key);
  CHECK(j.contains("suggestion"));

  // Markup is gone from what is indexed; the same file again changes nothing.
  CHECK(cli.json({"said:speaker"})["hits"].empty());
  auto again = cli.run({"import", (cli.dir / "lottery.vtt").string(), "--talk", cli.talk_id("lottery tickets")});
  CHECK(again.out.find("unchanged") != std::string::npos);
}

TEST_CASE("a transcript beside its recording attaches by name, with the language from the name") {
  SearchCli cli;
  {
    Store store(std::filesystem::path(cli.archive) / "talkdex.sqlite");
    RecordingInfo r;
    r.uri = (cli.dir / "keynote.mp4").string();
    store.put_recording(r, {.container = "mp4"});
  }
  test::write_file(cli.dir / "keynote.en.srt",
                   "1\r\n00:00:01,000 --> 00:00:04,000\r\nThe albatross glides for hours.\r\n\r\n"
                   "2\r\n00:02:00,000 --> 00:02:03,000\r\nPetrels follow the ships.\r\n");
  auto imp = cli.run({"import", (cli.dir / "keynote.en.srt").string()});
  INFO(imp.err);
  REQUIRE(imp.exit_code == 0);
  auto h = cli.json({"petrels lang:en"})["hits"];
  REQUIRE(h.size() == 1);
  CHECK(h[0]["title"] == "keynote.mp4");  // a recording of no known talk
  CHECK(h[0]["offset"] == 120.0);
  CHECK(h[0]["talk_id"].is_null());

  test::write_file(cli.dir / "orphan.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nhello\n");
  auto orphan = cli.run({"import", (cli.dir / "orphan.vtt").string()});
  CHECK(orphan.exit_code == 3);
  CHECK(count_lines(orphan.err) == 1);
  CHECK(orphan.err.find("orphan.vtt: no recording to attach this transcript to") != std::string::npos);
}

TEST_CASE("the listing, --json, --facets and paging") {
  SearchCli cli;
  auto listing = cli.run({"search", "lottery tickets"});
  CHECK(listing.exit_code == 0);
  CHECK(listing.out.rfind("1. Deconstructing Lottery Tickets", 0) == 0);
  CHECK(listing.out.find("at 1:00:00") != std::string::npos);
  CHECK(listing.out.find("\033[") == std::string::npos);  // not a terminal: no colour
  CHECK(listing.out.find("<mark>") == std::string::npos);

  auto facets = cli.json({"--facets", "--limit", "1", "deep"});
  CHECK(facets["hits"].size() == 1);
  CHECK(facets["total"] == 17);
  CHECK(facets["facets"]["kind"][0] == nlohmann::json{{"value", "spotlight"}, {"count", 6}});
  CHECK(facets["facets"]["year"][0]["value"] == "2019");
  auto text = cli.run({"search", "--facets", "kind:spotlight"});
  CHECK(text.out.find("kind:    spotlight (6)") != std::string::npos);

  auto all = cli.json({"--limit", "50", "networks"})["hits"];
  auto page = cli.json({"--limit", "2", "--offset", "2", "networks"})["hits"];
  REQUIRE(all.size() > 4);
  REQUIRE(page.size() == 2);
  CHECK(page[0]["talk_id"] == all[2]["talk_id"]);
  CHECK(page[1]["talk_id"] == all[3]["talk_id"]);
  auto more = cli.run({"search", "--limit", "2", "networks"});
  CHECK(more.err.find("--offset 2 for more") != std::string::npos);

  // Nothing matches as typed: the correction's talks are shown, saying so.
  auto misspelt = cli.json({"lotery tikets"});
  CHECK(misspelt["hits"].size() == 1);
  CHECK(misspelt["suggestion"] == "lottery tickets");
  CHECK(misspelt["showing"] == "lottery tickets");
  auto plain = cli.run({"search", "lotery tikets"});
  CHECK(plain.exit_code == 0);
  CHECK(plain.err.find("no talks match \"lotery tikets\"; showing results for lottery tickets") != std::string::npos);
}

TEST_CASE("bad queries through the command: one clear line and exit 2, or a reading with a note") {
  SearchCli cli;
  auto refused = [&](std::vector<std::string> query, const std::string& part) {
    query.insert(query.begin(), "search");
    auto r = cli.run(query);
    CAPTURE(part);
    CHECK(r.exit_code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK(r.err.find("talkdex: error: query \"") == 0);
    CHECK(r.err.find(part) != std::string::npos);
    CHECK(r.out.empty());
  };
  refused({"--", "-"}, "nothing to search for");
  refused({"colour:red"}, "no field \"colour:\"");
  refused({"year:soon"}, "year:2019..2020");
  refused({std::string(10000, 'a')}, "too long (10000 bytes");
  refused({"\xff\xfe"}, "nothing to search for");

  auto quote = cli.run({"search", "\"lottery tickets"});
  CHECK(quote.exit_code == 0);
  CHECK(quote.err.find("a quote is not closed") != std::string::npos);
  auto bytes = cli.json({"lottery \xc3\x28 tickets"});
  REQUIRE(bytes["hits"].size() == 1);
  CHECK(bytes["notes"][0].get<std::string>().find("UTF-8") != std::string::npos);
  CHECK(bytes["query"].get<std::string>().find("lottery") == 0);  // valid JSON, the bad bytes replaced
  auto op = cli.run({"search", "NOT"});
  CHECK((op.exit_code == 0 || op.exit_code == 1));
  CHECK(op.err.find("read AND, OR and NOT as words") != std::string::npos);
}
