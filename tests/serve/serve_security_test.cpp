// talkdex serve's security: files only by id, every string escaped under a CSP without inline script,
// bounded requests, slow clients that do not block the others.
#include <atomic>
#include <regex>

#include "serve_fixture.h"
#include "talkdex/store.h"

using namespace talkdex;
using test::RawSocket;
using test::ServeArchive;
using test::ServerProcess;

namespace {

// True when an HTML document has a <script> element without a src (inline script) or an on...= handler.
bool has_inline_script(const std::string& html) {
  static const std::regex inline_script(R"(<script(?![^>]*\bsrc=)[^>]*>)", std::regex::icase);
  static const std::regex handler(R"(<[a-z][^>]*\son[a-z]+\s*=)", std::regex::icase);
  return std::regex_search(html, inline_script) || std::regex_search(html, handler);
}

}  // namespace

TEST_CASE("serve: hostile titles are escaped on every page, under a CSP without inline script") {
  ServeArchive a;
  ServerProcess server(a.archive);
  for (const std::string& path : {"/talks/" + a.xss_id, "/talks/" + a.lottery_id, std::string("/?q=alert"),
                                 std::string("/?q=onerror"), std::string("/?q=%3Cscript%3E"), std::string("/"),
                                 std::string("/nothing-here")}) {
    auto r = server.get(path);
    CAPTURE(path);
    CHECK(r.body.find(test::kXssTitle) == std::string::npos);
    CHECK(r.body.find(test::kXssChapter) == std::string::npos);
    CHECK(r.body.find("<img src=x") == std::string::npos);
    CHECK(r.body.find("<b>Bold</b>") == std::string::npos);
    CHECK_FALSE(has_inline_script(r.body));
    std::string csp = r.header("content-security-policy");
    CHECK(csp.find("script-src 'self'") != std::string::npos);
    CHECK(csp.find("default-src 'none'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
    CHECK(r.header("x-content-type-options") == "nosniff");
  }
  auto evil = server.get("/talks/" + a.xss_id);
  CHECK(evil.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(evil.body.find("Mallory &lt;b&gt;Bold&lt;/b&gt;") != std::string::npos);
  auto chapter = server.get("/talks/" + a.lottery_id);
  CHECK(chapter.body.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  auto found = server.get("/?q=alert");
  CHECK(found.body.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  // In the WebVTT chapters too: no markup in a cue.
  auto vtt = server.get("/api/talks/" + a.lottery_id + "/chapters.vtt");
  CHECK(vtt.body.find("\"&gt;&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  // The JSON API gives the title as data.
  auto api = nlohmann::json::parse(server.get("/api/talks/" + a.xss_id).body);
  CHECK(api["title"] == test::kXssTitle);
  // A javascript: link from the schedule is kept as data but never becomes a link on the page.
  REQUIRE(api["links"].size() == 1);
  CHECK(api["links"][0]["url"] == "javascript:alert(1)");
  CHECK(evil.body.find("javascript:") == std::string::npos);
}

TEST_CASE("serve: a recording by its id with Range (206 and 416) and never by a path from the URL") {
  ServeArchive a;
  ServerProcess server(a.archive);
  auto show = a.json({"show", "--json", a.lottery_id});
  std::string file = test::read_file(a.recording);
  Store store(std::filesystem::path(a.archive) / "talkdex.sqlite");
  auto row = store.recording_by_uri(a.recording);
  REQUIRE(row);
  std::string url = "/media/recordings/" + std::to_string(row->id);

  auto whole = server.get(url);
  CHECK(whole.status == 200);
  CHECK(whole.header("accept-ranges") == "bytes");
  CHECK(whole.header("content-type") == "video/mp4");
  CHECK(whole.body == file);

  auto part = server.get(url, {"Range: bytes=100-199"});
  CHECK(part.status == 206);
  CHECK(part.header("content-range") == "bytes 100-199/" + std::to_string(file.size()));
  CHECK(part.body == file.substr(100, 100));
  auto tail = server.get(url, {"Range: bytes=-50"});
  CHECK(tail.status == 206);
  CHECK(tail.body == file.substr(file.size() - 50));
  auto open_end = server.get(url, {"Range: bytes=" + std::to_string(file.size() - 10) + "-"});
  CHECK(open_end.status == 206);
  CHECK(open_end.body == file.substr(file.size() - 10));
  auto beyond = server.get(url, {"Range: bytes=" + std::to_string(file.size()) + "-"});
  CHECK(beyond.status == 416);
  CHECK(beyond.header("content-range") == "bytes */" + std::to_string(file.size()));

  CHECK(server.get("/media/recordings/999999").status == 404);
  // A recording that is a URL is linked to, never fetched and served.
  store.put_recording(RecordingInfo{"https://video.example/talk.mp4", "", std::nullopt, 60.0, {}},
      {.probe_json = "{}"});
  auto remote = store.recording_by_uri("https://video.example/talk.mp4");
  REQUIRE(remote);
  auto r = server.get("/media/recordings/" + std::to_string(remote->id));
  CHECK(r.status == 404);
  CHECK(r.body.find("not a file on this machine") != std::string::npos);
}

TEST_CASE("serve: .., %2e%2e, absolute paths and symbolic links reach no file") {
  ServeArchive a(false);
  // A secret beside the archive, and a link to it inside the archive folder.
  test::write_file(a.dir / "secret.txt", "TOP-SECRET-CONTENT");
  std::filesystem::create_directories(std::filesystem::path(a.archive) / "thumbs");
  std::filesystem::create_symlink(a.dir / "secret.txt", std::filesystem::path(a.archive) / "thumbs" / "evil.jpg");
  std::filesystem::create_symlink(a.dir.path(), std::filesystem::path(a.archive) / "up");
  test::write_file(std::filesystem::path(a.archive) / "thumbs" / "ok.jpg", "JPEG-BYTES");
  // Items whose thumbnails are: a real file, a link out of the archive, a path that climbs out.
  std::int64_t talk = std::stoll(a.lottery_id);
  std::int64_t ok_item = 0, evil_item = 0, climb_item = 0;
  {
    Store store(std::filesystem::path(a.archive) / "talkdex.sqlite");
    RecordingInfo rec{"/nonexistent/session.mp4", "", std::nullopt, 100.0, {}};
    std::string key = store.talk(talk)->info.key;
    auto item = [&key](double start, const std::string& title, const std::string& thumb) {
      TocEntry e;
      e.key = title;
      e.start = start;
      e.title = title;
      e.source = kTocManual;
      e.thumbnail = thumb;
      e.talk_key = key;
      return e;
    };
    rec.items = {item(1, "ok", "thumbs/ok.jpg"), item(2, "evil", "thumbs/evil.jpg"), item(3, "climb", "../secret.txt")};
    store.put_recording(rec, {.talk_id = talk, .probe_json = "{}"});
    for (const auto& i : store.toc_items_for_talk(talk)) {
      if (i.entry.title == "ok") ok_item = i.id;
      if (i.entry.title == "evil") evil_item = i.id;
      if (i.entry.title == "climb") climb_item = i.id;
    }
  }
  REQUIRE(ok_item);
  ServerProcess server(a.archive);
  std::string thumbs = "/media/thumbnails/" + a.lottery_id + "/";
  auto ok = server.get(thumbs + std::to_string(ok_item));
  CHECK(ok.status == 200);
  CHECK(ok.body == "JPEG-BYTES");
  CHECK(ok.header("content-type") == "image/jpeg");
  CHECK(server.get(thumbs + std::to_string(evil_item)).status == 404);
  CHECK(server.get(thumbs + std::to_string(climb_item)).status == 404);
  CHECK(server.get("/media/thumbnails/999/" + std::to_string(ok_item)).status == 404);  // not that talk's item

  const std::string secrets[] = {"TOP-SECRET", "SQLite format", "root:x:"};
  for (const std::string target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/static/../talkdex.sqlite",
        "/static/%2e%2e/talkdex.sqlite", "/static/..%2ftalkdex.sqlite", "/media/recordings/../../secret.txt",
        "/media/recordings/%2e%2e%2f%2e%2e%2fsecret.txt", "/media/thumbnails/1/..%2f..%2fsecret.txt", "/etc/passwd",
        "//etc/passwd", "/talkdex.sqlite", "/up/secret.txt", "/static//etc/passwd", "/thumbs/ok.jpg",
        "/media/recordings//etc/passwd", "http://127.0.0.1/etc/passwd", "/api/talks/..%2f..%2fsecret.txt"}) {
    std::string answer;
    int status = test::raw_status(server.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                                  &answer);
    CAPTURE(target);
    CHECK(status >= 400);
    for (const auto& s : secrets) CHECK(answer.find(s) == std::string::npos);
  }
  // Read-only: no method that writes is routed.
  for (const std::string method : {"POST", "PUT", "DELETE", "PATCH"}) {
    int status = test::raw_status(
        server.port(), method + " /api/talks/" + a.lottery_id + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    CAPTURE(method);
    CHECK(status >= 400);
  }
}

TEST_CASE("serve: oversize requests are refused and the server goes on") {
  ServeArchive a(false);
  ServerProcess server(a.archive);
  std::string long_uri = "/?q=" + std::string(20000, 'a');
  CHECK(test::raw_status(server.port(), "GET " + long_uri + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n") >= 400);
  std::string big_header = "X-Big: " + std::string(20000, 'b') + "\r\n";
  int header_status =
      test::raw_status(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n" + big_header + "Connection: close\r\n\r\n");
  CHECK((header_status >= 400 || header_status == 0));
  std::string many_headers;
  for (int i = 0; i < 500; ++i) many_headers += "X-H" + std::to_string(i) + ": " + std::string(100, 'h') + "\r\n";
  int many_status =
      test::raw_status(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n" + many_headers + "Connection: close\r\n\r\n");
  CHECK((many_status >= 400 || many_status == 0));
  std::string body(200000, 'c');
  CHECK(test::raw_status(server.port(), "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                            std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body) >= 400);
  CHECK(server.get("/api/search?q=lottery").status == 200);
}

TEST_CASE("serve: slow clients (slowloris) do not block the others") {
  ServeArchive a(false);
  ServerProcess server(a.archive, {"--threads", "2", "--max-connections", "64"});
  // More slow clients than the threads kept: each sends a request line and then a header byte at a time.
  std::vector<std::unique_ptr<RawSocket>> slow;
  for (int i = 0; i < 24; ++i) {
    slow.push_back(std::make_unique<RawSocket>(server.port()));
    slow.back()->send("GET /api/search?q=lottery HTTP/1.1\r\nHost: x\r\n");
  }
  std::atomic<bool> done{false};
  std::thread dribble([&] {
    while (!done) {
      for (auto& s : slow) s->send("X");
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  // Others are answered while every slow client is still sending its headers.
  for (int i = 0; i < 5; ++i) {
    auto r = server.get("/api/search?q=lottery");
    CHECK(r.status == 200);
    CHECK(nlohmann::json::parse(r.body)["hits"].size() == 1);
  }
  int waiting = 0;
  for (auto& s : slow) waiting += s->still_waiting();
  done = true;
  dribble.join();
  CHECK(waiting == 24);
}
