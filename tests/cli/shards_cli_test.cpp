// Shards end to end, with Xapian's real servers: `talkdex shard serve` (xapian-tcpsrv), a front that
// lists it with `talkdex shards add` and searches it with its own index as one, keys that say which shard
// a talk is on (show, play, chapters take them), exclusions across shards, faults (down, too slow,
// garbage), and a replica (xapian-replicate-server, xapian-replicate) that catches up and takes over.
// Every server runs on a free 127.0.0.1 port and is stopped at the end of its test.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "background_process.h"
#include "process.h"
#include "refusing_port.h"
#include "test_support.h"

using namespace talkdex;
using test::ProcessResult;

namespace {

// A frab schedule.xml with talks given as (guid, title) pairs, one after another from 10:00.
std::string frab_xml(const std::string& acronym, const std::vector<std::pair<std::string, std::string>>& talks) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule><conference><acronym>" + acronym +
                    "</acronym><title>" + acronym + " conference</title></conference>"
                    "<day index=\"1\" date=\"2024-03-01\"><room name=\"Main\">";
  int hour = 10;
  for (const auto& [guid, title] : talks) {
    xml += "<event guid=\"" + guid + "\" id=\"" + std::to_string(hour) + "\"><date>2024-03-01T" +
           std::to_string(hour) + ":00:00+01:00</date><start>" + std::to_string(hour) +
           ":00</start><duration>00:30</duration><room>Main</room><title>" + title +
           "</title><type>Lecture</type><persons><person id=\"1\">Ada Lovelace</person></persons></event>";
    ++hour;
  }
  return xml + "</room></day></schedule>";
}

struct Archives {
  test::TempDir dir;
  std::string front = (dir.path() / "front").string();
  std::string shard = (dir.path() / "shard").string();

  ProcessResult run(const std::string& archive, std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return test::run_process(args);
  }
  void import(const std::string& archive, const std::string& name, const std::string& content) {
    test::write_file(dir / name, content);
    auto r = run(archive, {"import", (dir / name).string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  nlohmann::json search(const std::string& archive, std::vector<std::string> args, int expect = 0) {
    args.insert(args.begin(), {"search", "--json", "--limit", "100"});
    auto r = run(archive, args);
    INFO(r.err);
    REQUIRE(r.exit_code == expect);
    return nlohmann::json::parse(r.out);
  }
  // `talkdex shard serve` for `archive` on a free port, once it accepts connections.
  std::unique_ptr<test::BackgroundProcess> serve(const std::string& archive, int port, const std::string& logs,
                                                 std::vector<std::string> extra = {}) {
    std::vector<std::string> argv = {TALKDEX_EXE, "--archive", archive, "shard", "serve", "--listen",
                                     "127.0.0.1:" + std::to_string(port)};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto p = std::make_unique<test::BackgroundProcess>(argv, dir / logs);
    bool up = test::eventually([&] { return p->out().find("xapian-tcpsrv serving") != std::string::npos || !p->running(); });
    INFO(p->err());
    REQUIRE(up);
    REQUIRE(p->running());
    return p;
  }
};

// The ICML workshop page of data/ (17 talks with moments and links) on the shard; four frab talks on the
// front, so that the front's talk numbers 1..4 are numbers of the shard's talks too.
void fill(Archives& a) {
  a.import(a.shard, "icml.html", test::read_file(test::source_dir() / "data" / "icml2019-deep-phenomena.html"));
  a.import(a.front, "front.xml",
           frab_xml("front2024", {{"f0000000-0000-4000-8000-000000000001", "Compilers for quilting machines"},
                                  {"f0000000-0000-4000-8000-000000000002", "Sourdough fermentation dynamics"},
                                  {"f0000000-0000-4000-8000-000000000003", "Bird migration radar"},
                                  {"f0000000-0000-4000-8000-000000000004", "Tidal energy storage"}}));
}

std::vector<std::string> titles(const nlohmann::json& results) {
  std::vector<std::string> out;
  for (const auto& h : results["hits"]) out.push_back(h["title"].get<std::string>());
  return out;
}

bool has_title(const nlohmann::json& results, const std::string& part) {
  for (const auto& t : titles(results))
    if (t.find(part) != std::string::npos) return true;
  return false;
}

// A server that answers every connection with an HTTP error and hangs up: not Xapian's protocol.
class GarbageServer {
 public:
  GarbageServer() {
    fd_ = test::loopback_socket(port_, 8);
    thread_ = std::thread([this] {
      while (!stop_) {
        int c = ::accept(fd_, nullptr, nullptr);
        if (c < 0) continue;
        const char reply[] = "HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
        (void)!::write(c, reply, sizeof reply - 1);
        ::close(c);
      }
    });
  }
  ~GarbageServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  int port() const { return port_; }

 private:
  int fd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A port that takes connections (the kernel completes them) but never answers: a stopped or stuck server.
class SilentPort {
 public:
  SilentPort() { fd_ = test::loopback_socket(port_, 8); }
  ~SilentPort() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1, port_ = 0;
};

std::string tcp(int port) { return "tcp://127.0.0.1:" + std::to_string(port); }

// Both archives filled (fill), the shard served on `port` and added to the front's shards as "icml".
std::unique_ptr<test::BackgroundProcess> serve_filled_shard(Archives& a, int port) {
  fill(a);
  auto server = a.serve(a.shard, port, "serve");
  REQUIRE(a.run(a.front, {"shards", "add", tcp(port), "--name", "icml"}).exit_code == 0);
  return server;
}

}  // namespace

TEST_CASE("shards add, list and remove; a bad address or a repeated one is refused, naming it") {
  Archives a;
  auto bad = a.run(a.front, {"shards", "add", "http://example.org:80"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("shard http://example.org:80") != std::string::npos);
  CHECK(a.run(a.front, {"shards", "add", "tcp://127.0.0.1:99999"}).exit_code == 2);
  REQUIRE(a.run(a.front, {"shards", "add", "tcp://127.0.0.1:7101", "--name", "east"}).exit_code == 0);
  REQUIRE(a.run(a.front, {"shards", "add", "tcp://127.0.0.1:7102", "--name", "east"}).exit_code == 0);
  REQUIRE(a.run(a.front, {"shards", "add", "tcp://127.0.0.1:7201"}).exit_code == 0);
  auto again = a.run(a.front, {"shards", "add", "tcp://127.0.0.1:7101", "--name", "west"});
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("already listed (as east)") != std::string::npos);
  CHECK(a.run(a.front, {"shards", "add", "tcp://127.0.0.1:7301", "--name", "a@b"}).exit_code == 2);

  auto list = a.run(a.front, {"shards", "list", "--json"});
  REQUIRE(list.exit_code == 0);
  auto j = nlohmann::json::parse(list.out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["name"] == "127.0.0.1-7201");
  CHECK(j[1]["name"] == "east");
  CHECK(j[1]["addresses"] == nlohmann::json({"tcp://127.0.0.1:7101", "tcp://127.0.0.1:7102"}));

  CHECK(a.run(a.front, {"shards", "remove", "tcp://127.0.0.1:7101"}).exit_code == 0);
  CHECK(a.run(a.front, {"shards", "remove", "127.0.0.1-7201"}).exit_code == 0);
  CHECK(a.run(a.front, {"shards", "remove", "nowhere"}).exit_code == 1);
  j = nlohmann::json::parse(a.run(a.front, {"shards", "list", "--json"}).out);
  REQUIRE(j.size() == 1);
  CHECK(j[0]["addresses"] == nlohmann::json({"tcp://127.0.0.1:7102"}));
}

TEST_CASE("a front searches its index and a served shard as one; remote hits carry KEY@SHARD") {
  Archives a;
  int port = test::free_port();
  auto server = serve_filled_shard(a, port);

  // A word only the shard has: the hit shows what the shard's index holds, keyed by key and shard.
  auto lottery = a.search(a.front, {"lottery"});
  REQUIRE(lottery["hits"].size() >= 1);
  const auto& hit = lottery["hits"][0];
  CHECK(hit["title"].get<std::string>().find("Lottery Tickets") != std::string::npos);
  CHECK(hit["shard"] == "icml");
  CHECK(hit["talk_id"].is_null());  // the shard's store numbers mean nothing on the front
  std::string ref = hit["ref"].get<std::string>();
  CHECK(ref == hit["key"].get<std::string>() + "@icml");
  CHECK(hit["link"].get<std::string>().find("#t=3600") != std::string::npos);
  CHECK(hit["moment"]["offset"] == 3600.0);
  CHECK(lottery["unreachable"].empty());

  // A word of the front's own talks: local hits, by number, without a shard.
  auto local = a.search(a.front, {"sourdough"});
  REQUIRE(local["hits"].size() == 1);
  CHECK(local["hits"][0]["shard"].is_null());
  CHECK(local["hits"][0]["talk_id"].is_number());
  CHECK(local["hits"][0]["ref"] == "f0000000-0000-4000-8000-000000000002");

  // One ranking over both: words of either side in one query (--any).
  auto both = a.search(a.front, {"--any", "lottery", "sourdough"});
  CHECK(has_title(both, "Lottery"));
  CHECK(has_title(both, "Sourdough"));

  // show, play and chapters take the key.
  auto show = a.run(a.front, {"show", ref});
  INFO(show.err);
  REQUIRE(show.exit_code == 0);
  CHECK(show.out.find("Deconstructing Lottery Tickets") != std::string::npos);
  CHECK(show.out.find("1:00:00") != std::string::npos);
  auto play = a.run(a.front, {"play", ref, "--json"});
  REQUIRE(play.exit_code == 0);
  auto pj = nlohmann::json::parse(play.out);
  CHECK(pj["offset"] == 3600.0);
  CHECK(pj["link"].get<std::string>().find("videoken.com") != std::string::npos);
  auto chapters = a.run(a.front, {"chapters", ref, "--format", "json"});
  INFO(chapters.err);
  REQUIRE(chapters.exit_code == 0);
  CHECK(chapters.out.find("3600") != std::string::npos);
  auto missing = a.run(a.front, {"show", "no-such-key@icml"});
  CHECK(missing.exit_code == 3);
  CHECK(missing.err.find("talk no-such-key@icml: no such talk on shard icml") != std::string::npos);

  // Exclusions alone, across shards: every talk of both without the word. The front's talk numbered like
  // the shard's lottery talk stays (store-local numbers would have left it out).
  auto all = a.search(a.front, {"--", "-zzzznothing"});
  auto without = a.search(a.front, {"--", "-lottery"});
  CHECK(all["hits"].size() == 21);  // 17 on the shard, 4 on the front
  CHECK(without["hits"].size() == all["hits"].size() - lottery["hits"].size());
  CHECK_FALSE(has_title(without, "Lottery"));
  for (const char* t : {"Compilers", "Sourdough", "Bird", "Tidal"}) CHECK(has_title(without, t));

  CHECK(server->stop() == 0);
}

TEST_CASE("shard serve follows a rebuild's switch of the index") {
  Archives a;
  int port = test::free_port();
  auto server = serve_filled_shard(a, port);
  REQUIRE(a.search(a.front, {"lottery"})["hits"].size() >= 1);
  a.import(a.shard, "more.xml", frab_xml("more2024", {{"m0000000-0000-4000-8000-000000000001", "Glacier acoustics"}}));
  auto rebuilt = a.run(a.shard, {"rebuild"});
  REQUIRE(rebuilt.exit_code == 0);
  // The server is started again on the new index, and the front finds the new talk through it.
  REQUIRE(test::eventually([&] { return server->err().find("the index was switched") != std::string::npos; }));
  REQUIRE(test::eventually([&] {
    auto r = a.run(a.front, {"search", "--json", "glacier"});
    return r.exit_code == 0 && r.out.find("Glacier acoustics") != std::string::npos;
  }));
  CHECK(server->running());
  CHECK(server->stop() == 0);
}

TEST_CASE("faults: a shard down or silent is left out with one warning; one answering garbage is an error") {
  Archives a;
  fill(a);
  test::RefusingPort down;
  SilentPort silent;
  REQUIRE(a.run(a.front, {"shards", "add", tcp(down.port()), "--name", "downshard"}).exit_code == 0);
  REQUIRE(a.run(a.front, {"shards", "add", tcp(silent.port()), "--name", "slowshard"}).exit_code == 0);

  auto r = a.run(a.front, {"search", "--shard-timeout", "300", "sourdough"});
  INFO(r.err);
  CHECK(r.exit_code == 0);  // the others' results: partial, said on stderr
  CHECK(r.out.find("Sourdough fermentation dynamics") != std::string::npos);
  CHECK(r.err.find("warning: shard downshard (" + tcp(down.port())) != std::string::npos);
  CHECK(r.err.find("warning: shard slowshard (" + tcp(silent.port())) != std::string::npos);
  CHECK(r.err.find("no answer within 300 ms") != std::string::npos);
  auto j = a.search(a.front, {"--shard-timeout", "300", "sourdough"});
  CHECK(j["unreachable"].size() == 2);

  GarbageServer garbage;
  REQUIRE(a.run(a.front, {"shards", "add", tcp(garbage.port()), "--name", "junk"}).exit_code == 0);
  auto g = a.run(a.front, {"search", "--shard-timeout", "300", "sourdough"});
  CHECK(g.exit_code == 3);
  CHECK(g.out.empty());
  CHECK(g.err.find("error: shard junk (" + tcp(garbage.port()) + "): it does not answer as a Xapian index server") !=
        std::string::npos);
}

TEST_CASE("a replica kept by xapian-replicate catches up after an index, and a front moves to it when the primary dies") {
  Archives a;
  fill(a);
  int port = test::free_port(), replication = test::free_port(), replica_port = test::free_port();
  auto primary = a.serve(a.shard, port, "primary", {"--replication-port", std::to_string(replication)});
  std::string folder = (a.dir / "replica").string();
  test::BackgroundProcess replica({TALKDEX_EXE, "shard", "replica", "127.0.0.1:" + std::to_string(replication), folder,
                                   "--listen", "127.0.0.1:" + std::to_string(replica_port), "--interval", "1"},
                                  a.dir / "replica-logs");
  // A front that knows only the replica, to watch it catch up.
  std::string watcher = (a.dir / "watcher").string();
  REQUIRE(a.run(watcher, {"shards", "add", tcp(replica_port), "--name", "icml"}).exit_code == 0);
  bool copied = test::eventually([&] {
    auto r = a.run(watcher, {"search", "--json", "lottery"});
    return r.exit_code == 0 && r.out.find("Lottery Tickets") != std::string::npos;
  }, std::chrono::seconds(60));
  INFO(replica.err());
  REQUIRE(copied);

  // An update on the primary (an `index` of a new schedule): the replica applies it.
  a.import(a.shard, "more.xml", frab_xml("more2024", {{"m0000000-0000-4000-8000-000000000001", "Glacier acoustics"}}));
  REQUIRE(test::eventually([&] {
    auto r = a.run(watcher, {"search", "--json", "glacier"});
    return r.exit_code == 0 && r.out.find("Glacier acoustics") != std::string::npos;
  }, std::chrono::seconds(60)));

  // A rebuild on the primary (a new index behind the stub): the replica takes a whole copy, switches its
  // own stub to it, and its server follows.
  std::string copy_before = test::read_file(std::filesystem::path(folder) / "XAPIANDB");
  REQUIRE(a.run(a.shard, {"rebuild"}).exit_code == 0);
  REQUIRE(test::eventually([&] {
    return test::read_file(std::filesystem::path(folder) / "XAPIANDB") != copy_before &&
           replica.err().find("the replica in " + folder + " on " + tcp(replica_port) + ": the index was switched") !=
               std::string::npos;
  }, std::chrono::seconds(60)));
  REQUIRE(test::eventually([&] {
    auto r = a.run(watcher, {"search", "--json", "glacier"});
    return r.exit_code == 0 && r.out.find("Glacier acoustics") != std::string::npos;
  }));

  // The front lists the primary first and the replica after it under one name.
  REQUIRE(a.run(a.front, {"shards", "add", tcp(port), "--name", "icml"}).exit_code == 0);
  REQUIRE(a.run(a.front, {"shards", "add", tcp(replica_port), "--name", "icml"}).exit_code == 0);
  auto before = a.run(a.front, {"search", "glacier"});
  CHECK(before.exit_code == 0);
  CHECK(before.err.find("warning") == std::string::npos);

  primary->stop();  // the primary's machine goes away
  auto after = a.run(a.front, {"search", "--json", "--shard-timeout", "1000", "glacier"});
  INFO(after.err);
  CHECK(after.exit_code == 0);
  CHECK(after.out.find("Glacier acoustics") != std::string::npos);
  CHECK(after.err.find("warning") == std::string::npos);  // a copy answered: nothing is missing
  auto j = nlohmann::json::parse(after.out);
  CHECK(j["hits"][0]["ref"] == "m0000000-0000-4000-8000-000000000001@icml");
  CHECK(replica.stop() == 0);
}

TEST_CASE("shard serve: no index, or a port another program holds, is one error naming it") {
  Archives a;
  auto none = a.run(a.front, {"shard", "serve", "--listen", "127.0.0.1:7001"});
  CHECK(none.exit_code == 3);
  CHECK(none.err.find("no index to serve") != std::string::npos);
  fill(a);
  SilentPort taken;  // listens, as another server would
  auto busy = a.run(a.shard, {"shard", "serve", "--listen", "127.0.0.1:" + std::to_string(taken.port())});
  CHECK(busy.exit_code == 3);
  CHECK(busy.out.empty());
  CHECK(busy.err.find("error: xapian-tcpsrv serving " + a.shard + " on " + tcp(taken.port()) + ": cannot listen: port " +
                      std::to_string(taken.port()) + " is taken by another program") != std::string::npos);
  auto bad = a.run(a.shard, {"shard", "serve", "--listen", "nowhere"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--listen nowhere: give HOST:PORT") != std::string::npos);
}
