// talkdex serve follows the archive as `import`, `index` and `rebuild` change it, without a restart:
// 503 while there is no index, then the new talks, across a rebuild's switch to a fresh index folder.
#include <atomic>

#include "serve_fixture.h"
#include "talkdex/store.h"

using namespace talkdex;
using test::ServeArchive;
using test::ServerProcess;

namespace {

std::string one_talk_schedule(const std::string& code, const std::string& title) {
  auto doc = nlohmann::json::parse(test::serve_schedule_json());
  auto& room = doc["schedule"]["conference"]["days"][0]["rooms"]["Hall A"];
  nlohmann::json talk = room[0];
  talk["code"] = code;
  talk["guid"] = "9b0c2d3e-4f50-4a61-8b72-" + code + "00000000";
  talk["title"] = title;
  doc["schedule"]["conference"]["acronym"] = code;
  doc["schedule"]["conference"]["title"] = "Conference " + code;
  room = nlohmann::json::array({talk});
  return doc.dump();
}

std::size_t hits(const ServerProcess& server, const std::string& query) {
  auto r = server.get("/api/search?q=" + query);
  REQUIRE(r.status == 200);
  return nlohmann::json::parse(r.body)["hits"].size();
}

}  // namespace

TEST_CASE("serve: 503 while there is no index, then it follows import, index and rebuild") {
  test::TempDir dir;
  std::string archive = (dir.path() / "archive").string();
  std::filesystem::create_directories(archive);
  { Store store(std::filesystem::path(archive) / "talkdex.sqlite"); }  // a store, no index yet
  ServerProcess server(archive);
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    auto r = test::run_process(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  };

  auto none = server.get("/api/search?q=anything");
  CHECK(none.status == 503);
  CHECK(nlohmann::json::parse(none.body)["error"].get<std::string>().find("no index") != std::string::npos);
  CHECK(server.get("/?q=anything").status == 503);

  test::write_file(dir / "a.json", one_talk_schedule("AAA", "Albatross migration"));
  run({"import", (dir / "a.json").string()});
  CHECK(hits(server, "albatross") == 1);

  // Searches keep being answered while another import writes the index.
  test::write_file(dir / "b.json", one_talk_schedule("BBB", "Bumblebee flight"));
  std::atomic<bool> writing{true};
  std::atomic<int> answered{0}, failed{0};
  std::thread reader([&] {
    while (writing) {
      auto r = server.get("/api/search?q=albatross");
      (r.status == 200 ? answered : failed)++;
    }
  });
  run({"import", (dir / "b.json").string()});
  writing = false;
  reader.join();
  CHECK(failed == 0);
  CHECK(answered > 0);
  CHECK(hits(server, "bumblebee") == 1);

  // After a rebuild the index lives in another folder: the server follows the stub there.
  auto before = std::filesystem::path(archive) / "index.stub";
  std::string stub_before = test::read_file(before);
  run({"rebuild"});
  CHECK(test::read_file(before) != stub_before);
  CHECK(hits(server, "albatross") == 1);
  test::write_file(dir / "c.json", one_talk_schedule("CCC", "Cormorant diving"));
  run({"import", (dir / "c.json").string()});
  CHECK(hits(server, "cormorant") == 1);
  CHECK(server.stop() == 0);
}

TEST_CASE("serve: a cached answer is searched again after index and rebuild change the index") {
  test::TempDir dir;
  std::string archive = (dir.path() / "archive").string();
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    auto r = test::run_process(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  };
  test::write_file(dir / "a.json", one_talk_schedule("AAA", "Albatross migration"));
  run({"import", (dir / "a.json").string()});
  ServerProcess server(archive, {"--cache-mb", "4"});
  auto titles = [&](const std::string& query) {
    auto r = server.get("/api/search?q=" + query);
    REQUIRE(r.status == 200);
    auto answer = nlohmann::json::parse(r.body);
    std::vector<std::string> out;
    for (const auto& h : answer["hits"]) out.push_back(h["title"].get<std::string>());
    return out;
  };
  auto page_has = [&](const std::string& query, const std::string& text) {
    auto r = server.get("/?q=" + query);
    REQUIRE(r.status == 200);
    return r.body.find(text) != std::string::npos;
  };
  // Asked twice: the second answer is the cache's.
  for (int i = 0; i < 2; ++i) {
    CHECK(titles("migration") == std::vector<std::string>{"Albatross migration"});
    CHECK(titles("bumblebee").empty());
    CHECK(page_has("migration", "Albatross migration"));
  }

  // `index` takes in the changed schedule: the same queries answer what it wrote.
  test::write_file(dir / "a.json", one_talk_schedule("AAA", "Albatross migration with a bumblebee"));
  run({"index"});
  CHECK(titles("migration") == std::vector<std::string>{"Albatross migration with a bumblebee"});
  CHECK(titles("bumblebee") == std::vector<std::string>{"Albatross migration with a bumblebee"});
  CHECK(page_has("migration", "Albatross migration with a bumblebee"));

  // A talk written to the store alone is not searched until `rebuild` makes a fresh index of the store
  // (whose revisions start again): then the cached query finds it.
  {
    Store store(std::filesystem::path(archive) / "talkdex.sqlite");
    EventInfo event;
    event.key = "own-event";
    event.title = "Own recordings";
    TalkInfo talk;
    talk.key = "own-talk";
    talk.title = "Cormorant migration";
    (void)store.put_own_talk(event, talk);
  }
  CHECK(titles("migration").size() == 1);
  run({"rebuild"});
  auto after = titles("migration");
  CHECK(after.size() == 2);
  CHECK(std::find(after.begin(), after.end(), "Cormorant migration") != after.end());
  CHECK(page_has("migration", "Cormorant migration"));
  CHECK(server.stop() == 0);
}
