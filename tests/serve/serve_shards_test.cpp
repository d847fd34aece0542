// talkdex serve on a front archive with a remote shard: the real `talkdex shard serve` (xapian-tcpsrv)
// on a free 127.0.0.1 port, listed with `talkdex shards add`. The search page and /api/search answer from
// the front's index and the shard as one; a shard's talk has its page and JSON at /talks/KEY@SHARD; a
// shard added while the server runs is searched without a restart; a shard that dies is left out with a
// note naming it.
#include <fmt/format.h>

#include <cctype>
#include <set>

#include "background_process.h"
#include "serve_fixture.h"

using namespace talkdex;
using namespace talkdex::test;

namespace {

// Percent-encoding as a browser sends a path or query value ('@' as %40, ' ' as %20).
std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

struct FrontAndShard {
  TempDir dir;
  std::string front = (dir.path() / "front").string();
  std::string shard = (dir.path() / "shard").string();
  int shard_port = free_port();
  std::string shard_address = "tcp://127.0.0.1:" + std::to_string(shard_port);
  std::unique_ptr<BackgroundProcess> shard_server;

  FrontAndShard() {
    write_file(dir / "icml.html", read_file(source_dir() / "data" / "icml2019-deep-phenomena.html"));
    REQUIRE(run(shard, {"import", (dir / "icml.html").string()}).exit_code == 0);
    write_file(dir / "front.json", serve_schedule_json());
    REQUIRE(run(front, {"import", (dir / "front.json").string()}).exit_code == 0);
    shard_server = std::make_unique<BackgroundProcess>(
        std::vector<std::string>{TALKDEX_EXE, "--archive", shard, "shard", "serve", "--listen",
                                 "127.0.0.1:" + std::to_string(shard_port)},
        dir / "shard-logs");
    bool up = eventually([&] {
      return shard_server->out().find("xapian-tcpsrv serving") != std::string::npos || !shard_server->running();
    });
    INFO(shard_server->err());
    REQUIRE(up);
    REQUIRE(shard_server->running());
  }
  ProcessResult run(const std::string& archive, std::vector<std::string> args) const {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    auto r = run_process(args);
    INFO(r.err);
    return r;
  }
};

nlohmann::json api(const ServerProcess& server, const std::string& path, long status = 200) {
  auto a = server.get(path);
  INFO(path << " answered " << a.body);
  REQUIRE(a.status == status);
  return nlohmann::json::parse(a.body);
}

}  // namespace

TEST_CASE("serve searches its index and a remote shard as one, and a shard's talk has a page at KEY@SHARD") {
  FrontAndShard a;
  ServerProcess server(a.front, {"--shard-timeout", "2000"});

  // Before the shard is listed, the front knows only its own talks.
  CHECK(api(server, "/api/search?q=supermask")["hits"].empty());
  REQUIRE(a.run(a.front, {"shards", "add", a.shard_address, "--name", "icml"}).exit_code == 0);

  // Listed while the server runs: the next search reaches it, no restart.
  auto found = api(server, "/api/search?q=supermask");
  REQUIRE(found["hits"].size() >= 1);
  const auto& hit = found["hits"][0];
  CHECK(hit["title"].get<std::string>().find("Lottery Tickets") != std::string::npos);
  CHECK(hit["shard"] == "icml");
  CHECK(hit["talk_id"].is_null());
  std::string ref = hit["ref"].get<std::string>();
  REQUIRE(ref == hit["key"].get<std::string>() + "@icml");
  CHECK(found["unreachable"].empty());

  // One ranking over both: a word of the front's talks and one of the shard's.
  auto both = api(server, "/api/search?any=1&q=" + url_encode("supermask grokking"));
  std::set<std::string> shards;
  for (const auto& h : both["hits"]) shards.insert(h["shard"].is_null() ? "" : h["shard"].get<std::string>());
  CHECK(shards == std::set<std::string>{"", "icml"});

  // The search page links the shard's talk by KEY@SHARD at its moment, and the moment to where it is
  // published, at that second.
  auto page = server.get("/?q=supermask");
  REQUIRE(page.status == 200);
  std::string talk_path = "/talks/" + url_encode(ref);
  CHECK(page.body.find("href=\"" + talk_path + "?t=") != std::string::npos);
  std::string link = hit["link"].get<std::string>();
  REQUIRE(link.find('&') == std::string::npos);  // so that the page holds it as it is, unescaped
  REQUIRE(hit["offset"].is_number());
  CHECK(page.body.find(fmt::format("class=\"jump\" data-offset=\"{:.3f}\" href=\"{}\"", hit["offset"].get<double>(), link)) !=
        std::string::npos);

  // Its page and JSON: what the shard's index holds.
  auto talk = server.get(talk_path);
  INFO(talk.body);
  REQUIRE(talk.status == 200);
  CHECK(talk.body.find("Deconstructing Lottery Tickets") != std::string::npos);
  CHECK(talk.body.find("From shard <strong>icml</strong>") != std::string::npos);
  CHECK(talk.header("content-security-policy").find("script-src 'self'") != std::string::npos);
  auto json = api(server, "/api/talks/" + url_encode(ref));
  CHECK(json["ref"] == ref);
  CHECK(json["shard"] == "icml");
  CHECK(json["title"] == hit["title"]);
  CHECK(json["link"].get<std::string>().find("videoken.com") != std::string::npos);
  CHECK(api(server, "/api/talks/" + url_encode("no-such-key@icml"), 404)["error"].get<std::string>().find(
            "no such talk on shard icml") != std::string::npos);
  CHECK(server.get("/talks/" + url_encode("no-such-key@icml")).status == 404);

  // The shard dies: the front's own talks still come, with the shard named as left out.
  REQUIRE(a.shard_server->stop() == 0);
  auto after = api(server, "/api/search?q=grokking");
  CHECK(after["hits"].size() == 1);
  REQUIRE(after["unreachable"].size() == 1);
  CHECK(after["unreachable"][0].get<std::string>().rfind("icml (", 0) == 0);
  auto note = server.get("/?q=grokking");
  CHECK(note.status == 200);
  CHECK(note.body.find("Shard icml (") != std::string::npos);
  CHECK(note.body.find("its talks are missing from these results") != std::string::npos);
  CHECK(server.get(talk_path).status == 502);
  CHECK(server.stop() == 0);
}
