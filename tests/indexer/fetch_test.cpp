// fetch_all against a real HTTP server on 127.0.0.1 (tests/support/http_fixture.py).
#include "talkdex/indexer/fetch/fetch.h"

#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "http_fixture.h"
#include "refusing_port.h"
#include "talkdex/sha256.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::HttpFixture;

namespace {

std::filesystem::path fixture_script() { return test::source_dir() / "tests" / "support" / "http_fixture.py"; }

// Short limits so that every case takes at most a few seconds. The low-speed window also covers the wait
// for the first byte, so it leaves a loaded machine's test server time to answer; the cases about stalled
// transfers shorten it themselves.
FetchOptions quick_options() {
  FetchOptions options;
  options.connect_timeout_ms = 2000;
  options.low_speed_time_s = 3;
  options.low_speed_limit = 1000;
  options.max_body_bytes = 4096;
  options.max_retries = 3;
  options.backoff_base_s = 0.02;
  options.max_retry_after_s = 2;
  options.max_redirects = 3;
  return options;
}

FetchRequest request_for(std::string url) {
  FetchRequest request;
  request.url = std::move(url);
  return request;
}

FetchResult fetch_one(const FetchRequest& request, const FetchOptions& options = quick_options()) {
  auto results = fetch_all({request}, options);
  REQUIRE(results.size() == 1);
  return results[0];
}

FetchResult fetch_one(std::string url, const FetchOptions& options = quick_options()) {
  return fetch_one(request_for(std::move(url)), options);
}

std::string reason_of(const FetchResult& result) { return result.ok() ? "(no failure)" : result.failure().reason; }

}  // namespace

TEST_CASE("sha256_hex gives the standard digests") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("content_type_matches tells a wrong content type from a right one") {
  CHECK(content_type_matches("application/xml", InputKind::FrabXml));
  CHECK(content_type_matches("Text/XML; charset=UTF-8", InputKind::FrabXml));
  CHECK(content_type_matches("application/json; charset=utf-8", InputKind::ScheduleJson));
  CHECK(content_type_matches("text/plain", InputKind::ScheduleJson));
  CHECK(content_type_matches("", InputKind::FrabXml));
  CHECK(content_type_matches("application/octet-stream", InputKind::ChaptersJson));
  CHECK(content_type_matches("text/html", InputKind::WorkshopPage));
  CHECK(content_type_matches("text/vtt", InputKind::Subtitles));
  CHECK(content_type_matches("video/mp4", InputKind::Media));
  CHECK_FALSE(content_type_matches("text/html; charset=utf-8", InputKind::FrabXml));
  CHECK_FALSE(content_type_matches("text/html", InputKind::ScheduleJson));
  CHECK_FALSE(content_type_matches("application/json", InputKind::FrabXml));
  CHECK_FALSE(content_type_matches("application/xml", InputKind::ScheduleJson));
  CHECK_FALSE(content_type_matches("text/html", InputKind::Media));
  CHECK_FALSE(content_type_matches("image/png", InputKind::Subtitles));
}

TEST_CASE("fetch: a normal body, a followed redirect, an empty batch") {
  HttpFixture server(fixture_script());

  auto ok = fetch_one(server.url("/ok/plain"));
  CHECK(ok.ok());
  CHECK(ok.url == server.url("/ok/plain"));
  CHECK(ok.effective_url == server.url("/ok/plain"));
  CHECK(ok.status == 200);
  CHECK(ok.body == "body of /ok/plain");
  CHECK(ok.content_type == "text/plain");
  CHECK(ok.content_hash == sha256_hex("body of /ok/plain"));
  CHECK_FALSE(ok.not_modified);
  CHECK(ok.attempts == 1);
  CHECK(server.count("/ok/plain") == 1);

  auto hop = fetch_one(server.url("/hop/target"));
  CHECK(hop.ok());
  CHECK(hop.status == 200);
  CHECK(hop.effective_url == server.url("/ok/target"));
  CHECK(hop.body == "body of /ok/target");
  CHECK(server.count("/hop/target") == 1);

  CHECK(fetch_all({}, quick_options()).empty());
}

TEST_CASE("fetch: conditional requests give not_modified") {
  HttpFixture server(fixture_script());
  const std::string url = server.url("/cached/schedule.xml");

  auto first = fetch_one(url);
  REQUIRE(first.ok());
  CHECK(first.status == 200);
  CHECK_FALSE(first.not_modified);
  CHECK_FALSE(first.etag.empty());
  CHECK(first.last_modified == "Wed, 21 Oct 2015 07:28:00 GMT");

  SUBCASE("a matching If-None-Match gets a 304 without a body") {
    auto again = fetch_one({url, first.etag, "", first.content_hash});
    CHECK(again.ok());
    CHECK(again.status == 304);
    CHECK(again.not_modified);
    CHECK(again.body.empty());
    CHECK(again.etag == first.etag);
    CHECK(again.content_hash == first.content_hash);
  }
  SUBCASE("a stale If-None-Match gets the body again") {
    auto again = fetch_one({url, "\"v0-old\"", "", "0123"});
    CHECK(again.status == 200);
    CHECK_FALSE(again.not_modified);
    CHECK(again.body == first.body);
  }
  SUBCASE("If-Modified-Since alone gets a 304") {
    auto again = fetch_one({url, "", first.last_modified, first.content_hash});
    CHECK(again.status == 304);
    CHECK(again.not_modified);
    CHECK(again.last_modified == first.last_modified);
  }
  SUBCASE("a 200 with the previous content hash is not modified either") {
    auto again = fetch_one({url, "", "", first.content_hash});
    CHECK(again.status == 200);
    CHECK(again.not_modified);
    CHECK(again.content_hash == first.content_hash);
  }
  SUBCASE("a 200 with another hash is modified") {
    auto again = fetch_one({url, "", "", sha256_hex("something else")});
    CHECK(again.status == 200);
    CHECK_FALSE(again.not_modified);
  }
  CHECK(server.count("/cached/schedule.xml") == 2);
}

TEST_CASE("fetch: Retry-After is honoured on 429 and 503, and a waiting retry holds up no one") {
  HttpFixture server(fixture_script());
  auto options = quick_options();
  options.jobs = 1;
  options.max_retry_after_s = 5;
  // With one transfer at a time, the /ok requests are made while the throttled one waits for its
  // retry: when the first request finishes, the throttled path has been asked only once.
  long throttled_count_at_first_finish = -1;
  options.progress = [&](std::size_t done, std::size_t) {
    if (done == 1) throttled_count_at_first_finish = server.count("/throttle/429/1/a");
  };
  auto results = fetch_all(
      {request_for(server.url("/throttle/429/1/a")), request_for(server.url("/ok/b")), request_for(server.url("/ok/c"))},
      options);
  REQUIRE(results.size() == 3);
  CHECK(results[0].ok());
  CHECK(results[0].status == 200);
  CHECK(results[0].attempts == 2);
  CHECK(results[0].body == "body of /throttle/429/1/a");
  CHECK(results[1].body == "body of /ok/b");
  CHECK(results[2].body == "body of /ok/c");
  CHECK(throttled_count_at_first_finish == 1);
  CHECK(server.count("/throttle/429/1/a") == 2);

  auto dated = fetch_one(server.url("/throttle/503/date/d"));
  CHECK(dated.ok());
  CHECK(dated.attempts == 2);
  CHECK(server.count("/throttle/503/date/d") == 2);

  // An hour's Retry-After is cut to max_retry_after_s.
  options = quick_options();
  options.max_retry_after_s = 0.1;
  auto capped = fetch_one(server.url("/throttle/503/3600/e"), options);
  CHECK(capped.ok());
  CHECK(capped.attempts == 2);
}

TEST_CASE("fetch: server errors are retried with backoff, client errors are not") {
  HttpFixture server(fixture_script());

  auto always = fetch_one(server.url("/always-500/x"));
  CHECK(always.status == 500);
  REQUIRE_FALSE(always.ok());
  CHECK(always.failure().item == server.url("/always-500/x"));
  CHECK(always.failure().reason == "HTTP 500 after 4 attempts");
  CHECK(always.failure().code == talkdex::ErrorCode::io);
  CHECK(always.attempts == 4);
  CHECK(server.count("/always-500/x") == 4);

  auto flaky = fetch_one(server.url("/flaky/2/y"));
  CHECK(flaky.ok());
  CHECK(flaky.status == 200);
  CHECK(flaky.body == "body of /flaky/2/y");
  CHECK(flaky.attempts == 3);
  CHECK(server.count("/flaky/2/y") == 3);

  auto missing = fetch_one(server.url("/status/404/z"));
  CHECK(missing.status == 404);
  CHECK(reason_of(missing) == "HTTP 404");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.failure().code == talkdex::ErrorCode::not_found);
  CHECK(missing.attempts == 1);
  CHECK(server.count("/status/404/z") == 1);
}

TEST_CASE("fetch: a stalled body times out, a reset connection is retried") {
  HttpFixture server(fixture_script());
  auto options = quick_options();
  options.max_retries = 1;
  options.low_speed_time_s = 1;

  auto slow = fetch_one(server.url("/slow/s"), options);
  REQUIRE_FALSE(slow.ok());
  CHECK(slow.failure().reason == "timed out (less than 1000 bytes/s for 1 s) after 2 attempts");
  CHECK(slow.body.empty());
  CHECK(slow.attempts == 2);
  CHECK(server.count("/slow/s") == 2);

  // 50 bytes/s is above this floor: only the overall deadline ends it (before it, the 2000 bytes came).
  auto dribbling_options = quick_options();
  dribbling_options.low_speed_limit = 10;
  dribbling_options.deadline_s = 2;
  auto dribbling = fetch_one(server.url("/slow/d"), dribbling_options);
  CHECK(reason_of(dribbling) == "not finished within 2 s (the limit)");
  CHECK(dribbling.body.empty());

  auto reset = fetch_one(server.url("/reset/r"));
  CHECK(reason_of(reset) == "connection reset after 4 attempts");
  CHECK(reset.attempts == 4);
  CHECK(server.count("/reset/r") == 4);

  test::RefusingPort nobody;
  auto refused = fetch_one("http://127.0.0.1:" + std::to_string(nobody.port()) + "/nothing");
  CHECK(reason_of(refused).rfind("cannot connect", 0) == 0);
  CHECK(refused.attempts == 1);
}

TEST_CASE("fetch: redirects stay within http and https and within the hop limit") {
  HttpFixture server(fixture_script());

  auto loop = fetch_one(server.url("/loop/l"));
  CHECK(reason_of(loop) == "more than 3 redirects");
  CHECK(loop.attempts == 1);
  CHECK(server.count("/loop/l") == 4);

  auto to_file = fetch_one(server.url("/to-file/f"));
  REQUIRE_FALSE(to_file.ok());
  CHECK(to_file.failure().reason == "redirect to a non-HTTP URL refused (file:///etc/passwd)");
  CHECK(to_file.body.empty());
  CHECK(to_file.status == 302);
  CHECK(to_file.attempts == 1);

  auto direct = fetch_one("file:///etc/passwd");
  CHECK(reason_of(direct) == "not an http:// or https:// URL");
  CHECK(direct.body.empty());
  CHECK(direct.attempts == 0);
}

TEST_CASE("fetch: a body over the limit is a failure, announced or not") {
  HttpFixture server(fixture_script());
  auto announced = fetch_one(server.url("/big/5000/a"));
  CHECK(reason_of(announced) == "body larger than 4096 bytes");
  CHECK(announced.body.empty());
  CHECK(announced.attempts == 1);

  auto chunked = fetch_one(server.url("/big-chunked/50000/b"));
  CHECK(reason_of(chunked) == "body larger than 4096 bytes");
  CHECK(chunked.body.empty());

  auto at_limit = fetch_one(server.url("/big-chunked/4096/c"));
  CHECK(at_limit.ok());
  CHECK(at_limit.body == std::string(4096, 'c'));
}

TEST_CASE("fetch: the content type comes back for the caller to check") {
  HttpFixture server(fixture_script());
  auto results = fetch_all({request_for(server.url("/html/login")), request_for(server.url("/json/s")), request_for(server.url("/xml/s"))},
                           quick_options());
  REQUIRE(results.size() == 3);
  CHECK(results[0].content_type == "text/html; charset=utf-8");
  CHECK_FALSE(content_type_matches(results[0].content_type, InputKind::FrabXml));
  CHECK_FALSE(content_type_matches(results[0].content_type, InputKind::ScheduleJson));
  CHECK(content_type_matches(results[1].content_type, InputKind::ScheduleJson));
  CHECK(content_type_matches(results[2].content_type, InputKind::FrabXml));
}

TEST_CASE("fetch: results come in request order, the same with 1 job and with 8") {
  HttpFixture server(fixture_script());
  const std::vector<std::string> paths = {
      "/slow/m",        "/ok/1",           "/always-500/m", "/flaky/2/m", "/throttle/429/1/m", "/ok/2",
      "/reset/m",       "/loop/m",         "/to-file/m",    "/big/9000/m", "/html/m",          "/cached/m",
      "/status/404/m",  "/hop/m",          "/ok/3",         "/flaky/1/n",
  };
  std::vector<FetchRequest> requests;
  for (const auto& path : paths) requests.push_back(request_for(server.url(path)));
  requests.push_back(request_for("ftp://127.0.0.1/file"));

  auto run = [&](int jobs) {
    server.reset_counts();
    auto options = quick_options();
    options.jobs = jobs;
    options.max_retries = 1;  // keeps the stalled transfer's 2 attempts to about 2 s
    options.low_speed_time_s = 1;
    std::vector<std::size_t> progress;
    options.progress = [&](std::size_t done, std::size_t total) {
      CHECK(total == requests.size());
      progress.push_back(done);
    };
    auto results = fetch_all(requests, options);
    REQUIRE(results.size() == requests.size());
    REQUIRE(progress.size() == requests.size());
    for (std::size_t i = 0; i < progress.size(); ++i) CHECK(progress[i] == i + 1);
    for (std::size_t i = 0; i < requests.size(); ++i) CHECK(results[i].url == requests[i].url);
    // Server-side counts of the paths whose connections are never reused mid-request.
    CHECK(server.count("/always-500/m") == 2);
    CHECK(server.count("/flaky/2/m") == 2);
    CHECK(server.count("/flaky/1/n") == 2);
    CHECK(server.count("/throttle/429/1/m") == 2);
    CHECK(server.count("/slow/m") == 2);
    CHECK(server.count("/ok/1") == 1);
    return results;
  };
  auto one = run(1);
  auto eight = run(8);

  for (std::size_t i = 0; i < requests.size(); ++i) {
    CAPTURE(requests[i].url);
    CHECK(one[i].status == eight[i].status);
    CHECK(one[i].not_modified == eight[i].not_modified);
    CHECK(one[i].body == eight[i].body);
    CHECK(one[i].content_hash == eight[i].content_hash);
    CHECK(one[i].effective_url == eight[i].effective_url);
    CHECK(one[i].attempts == eight[i].attempts);
    CHECK(reason_of(one[i]) == reason_of(eight[i]));
  }
  CHECK(reason_of(eight[0]) == "timed out (less than 1000 bytes/s for 1 s) after 2 attempts");
  CHECK(eight[1].body == "body of /ok/1");
  CHECK(reason_of(eight[2]) == "HTTP 500 after 2 attempts");
  CHECK(reason_of(eight[3]) == "HTTP 500 after 2 attempts");
  CHECK(eight[4].attempts == 2);
  CHECK(reason_of(eight[6]) == "connection reset after 2 attempts");
  CHECK(reason_of(eight[7]) == "more than 3 redirects");
  CHECK(reason_of(eight[9]) == "body larger than 4096 bytes");
  CHECK(eight[10].content_type == "text/html; charset=utf-8");
  CHECK(reason_of(eight[12]) == "HTTP 404");
  CHECK(eight[13].body == "body of /ok/m");
  CHECK(eight[15].body == "body of /flaky/1/n");
  CHECK(eight[15].attempts == 2);
  CHECK(reason_of(eight[16]) == "not an http:// or https:// URL");
}
