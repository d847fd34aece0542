// talkdex serve: the search page, the talk page and the JSON API, against the command's own output.
#include <regex>

#include "serve_fixture.h"

using namespace talkdex;
using test::ServeArchive;
using test::ServerProcess;

TEST_CASE("serve: the API gives exactly what search --json and show --json print") {
  ServeArchive a;
  ServerProcess server(a.archive);

  auto cli = a.json({"search", "--json", "--facets", "--limit", "5", "tickets"});
  auto api = server.get("/api/search?q=tickets&limit=5&facets=1");
  CHECK(api.status == 200);
  CHECK(api.header("content-type").find("application/json") == 0);
  auto served = nlohmann::json::parse(api.body);
  CHECK(served == cli);
  CHECK(served["hits"].size() == 2);
  CHECK(served["facets"]["kind"].size() == 2);

  auto paged = nlohmann::json::parse(server.get("/api/search?q=tickets&limit=1&offset=1").body);
  CHECK(paged == a.json({"search", "--json", "--limit", "1", "--offset", "1", "tickets"}));

  auto show = a.json({"show", "--json", a.lottery_id});
  auto talk = server.get("/api/talks/" + a.lottery_id);
  CHECK(talk.status == 200);
  CHECK(nlohmann::json::parse(talk.body) == show);
  CHECK(show["recordings"].size() == 1);
  // By its key too.
  CHECK(nlohmann::json::parse(server.get("/api/talks/" + show["key"].get<std::string>()).body) == show);
}

TEST_CASE("serve: API errors are JSON with their status") {
  ServeArchive a(false);
  ServerProcess server(a.archive);
  auto error_of = [&](const std::string& path, long status) {
    auto r = server.get(path);
    CAPTURE(path);
    CHECK(r.status == status);
    CHECK(r.header("content-type").find("application/json") == 0);
    auto j = nlohmann::json::parse(r.body);
    CHECK(j["status"] == status);
    return j["error"].get<std::string>();
  };
  CHECK(error_of("/api/search?q=colour:red", 400).find("no field \"colour:\"") != std::string::npos);
  CHECK(error_of("/api/search?q=year:soon", 400).find("year:") != std::string::npos);
  CHECK(error_of("/api/search", 400).find("q is missing") != std::string::npos);
  CHECK(error_of("/api/search?q=x&limit=0", 400).find("limit=0") != std::string::npos);
  CHECK(error_of("/api/search?q=x&limit=ten", 400).find("limit=ten") != std::string::npos);
  CHECK(error_of("/api/talks/999999", 404).find("talk 999999: no such talk") != std::string::npos);
  CHECK(error_of("/api/talks/no-such-key", 404).find("no such talk") != std::string::npos);
  CHECK(error_of("/api/nothing/here", 404).find("no API") != std::string::npos);
  // Nothing found is not an error.
  auto none = server.get("/api/search?q=zebra");
  CHECK(none.status == 200);
  CHECK(nlohmann::json::parse(none.body)["hits"].empty());
}

TEST_CASE("serve: the search page lists hits by talk with their moment and links to the talk page there") {
  ServeArchive a;
  ServerProcess server(a.archive);
  auto page = server.get("/?q=supermask");
  CHECK(page.status == 200);
  CHECK(page.header("content-type").find("text/html") == 0);
  auto hit = a.json({"search", "--json", "supermask"})["hits"][0];
  REQUIRE(hit["offset"].is_number());
  double offset = hit["offset"].get<double>();
  CHECK(offset >= 20);
  std::string seconds = std::to_string(static_cast<int>(offset) % 60) + "s";
  CHECK(page.body.find("href=\"/talks/" + a.lottery_id + "?t=" + seconds + "\"") != std::string::npos);
  CHECK(page.body.find("<mark>") != std::string::npos);
  CHECK(page.body.find("Lottery tickets in deep networks") != std::string::npos);
  CHECK(page.body.find("value=\"supermask\"") != std::string::npos);  // the query stays in the box

  // Facets are links that add a filter; paging; did you mean.
  auto tickets = server.get("/?q=tickets");
  std::string kind;  // the keynote's kind as the archive spells it
  auto facets = nlohmann::json::parse(server.get("/api/search?q=tickets&facets=1").body)["facets"];
  for (const auto& k : facets["kind"])
    if (auto v = k["value"].get<std::string>(); v != "talk") kind = v;
  REQUIRE(kind.size() == 7);  // keynote
  std::string filter = "tickets%20kind%3A%22" + kind + "%22";
  CHECK(tickets.body.find("href=\"/?q=" + filter + "\"") != std::string::npos);
  auto keynote = server.get("/?q=" + filter);
  CHECK(keynote.body.find("Grokking") != std::string::npos);
  CHECK(keynote.body.find("Lottery tickets in deep") == std::string::npos);
  auto misspelt = server.get("/?q=lotery");
  CHECK(misspelt.body.find("Did you mean <a href=\"/?q=lottery\">lottery</a>") != std::string::npos);
  auto bad = server.get("/?q=colour:red");
  CHECK(bad.status == 400);
  CHECK(bad.body.find("no field") != std::string::npos);
  CHECK(server.get("/?q=tickets&offset=x").status == 400);
  // The empty query: the archive at a glance.
  CHECK(server.get("/").body.find("3 talks") != std::string::npos);
}

TEST_CASE("serve: the talk page plays the local recording with its chapters, transcript and deep links") {
  ServeArchive a;
  ServerProcess server(a.archive);
  auto page = server.get("/talks/" + a.lottery_id);
  REQUIRE(page.status == 200);
  const std::string& b = page.body;
  auto show = a.json({"show", "--json", a.lottery_id});
  std::string rec = "/media/recordings/";
  CHECK(b.find("<h1 id=\"talk-title\">Lottery tickets in deep networks</h1>") != std::string::npos);
  CHECK(b.find("Grace Hopper") != std::string::npos);
  CHECK(b.find("Sparse subnetworks that train well.") != std::string::npos);
  CHECK(b.find("<video id=\"player\"") != std::string::npos);
  CHECK(b.find("#t=0.000\"") != std::string::npos);
  CHECK(b.find("<track kind=\"chapters\"") != std::string::npos);
  CHECK(b.find("data-seek=\"20.000\"") != std::string::npos);  // the third chapter
  CHECK(b.find("Supermask results") != std::string::npos);
  CHECK(b.find("the supermask reaches forty percent accuracy") != std::string::npos);  // the transcript
  CHECK(b.find("id=\"moment-link\"") != std::string::npos);
  CHECK(b.find("<script src=\"/static/app.js\" defer></script>") != std::string::npos);

  auto at = server.get("/talks/" + a.lottery_id + "?t=21s");
  CHECK(at.body.find("#t=21.000\"") != std::string::npos);
  CHECK(server.get("/talks/" + a.lottery_id + "?t=0h0m21s").body.find("#t=21.000\"") != std::string::npos);
  CHECK(server.get("/talks/" + a.lottery_id + "?t=0:21").body.find("#t=21.000\"") != std::string::npos);
  auto bad = server.get("/talks/" + a.lottery_id + "?t=soon");
  CHECK(bad.status == 400);
  CHECK(bad.body.find("t=soon: not a time") != std::string::npos);
  CHECK(server.get("/talks/" + show["key"].get<std::string>()).status == 200);
  auto missing = server.get("/talks/424242");
  CHECK(missing.status == 404);
  CHECK(missing.body.find("talk 424242: no such talk") != std::string::npos);

  auto chapters = server.get("/api/talks/" + a.lottery_id + "/chapters.vtt");
  CHECK(chapters.status == 200);
  CHECK(chapters.header("content-type").find("text/vtt") == 0);
  CHECK(chapters.body.rfind("WEBVTT\n", 0) == 0);
  CHECK(chapters.body.find("00:00:20.000 --> 00:00:30.000\nSupermask results\n") != std::string::npos);
  auto transcript = server.get("/api/talks/" + a.lottery_id + "/transcript.vtt");
  CHECK(transcript.body.find("the supermask reaches forty percent accuracy") != std::string::npos);

  // The static files come from the binary.
  auto css = server.get("/static/app.css");
  CHECK(css.status == 200);
  CHECK(css.header("content-type").find("text/css") == 0);
  CHECK(server.get("/static/app.js").body.find("currentTime") != std::string::npos);
  CHECK(server.get("/static/nothing.js").status == 404);
}

TEST_CASE("serve: a talk without a local recording links to it and SIGTERM ends the server with 0") {
  ServeArchive a(false);
  ServerProcess server(a.archive);
  auto page = server.get("/talks/" + a.lottery_id);
  CHECK(page.status == 200);
  CHECK(page.body.find("<video") == std::string::npos);
  CHECK(page.body.find("Lottery tickets in deep networks") != std::string::npos);
  CHECK(server.stop() == 0);
}

TEST_CASE("serve: a bad --listen or a port in use is one error line and a non-zero exit") {
  ServeArchive a(false);
  auto bad = a.run({"serve", "--listen", "nonsense"});
  CHECK(bad.exit_code == 3);
  CHECK(bad.err == "talkdex: error: --listen nonsense: not HOST:PORT (127.0.0.1:8080, [::1]:8080; port 0 picks a free one)\n");
  CHECK(bad.out.empty());
  ServerProcess first(a.archive);
  auto taken = a.run({"serve", "--listen", "127.0.0.1:" + std::to_string(first.port())});
  CHECK(taken.exit_code == 3);
  CHECK(taken.err.find("talkdex: error: listen 127.0.0.1:" + std::to_string(first.port()) + ": cannot bind") == 0);
  CHECK(taken.out.empty());
  test::TempDir empty;
  auto none = test::run_process({TALKDEX_EXE, "--archive", (empty / "none").string(), "serve"});
  CHECK(none.exit_code == 3);
  CHECK(none.err.find("no talkdex archive here") != std::string::npos);
}
