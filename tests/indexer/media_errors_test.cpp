// probe_recording on bad input and untrusted input: every failure names the item and the reason, and
// playlists or lists of files never make libav read anything else.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <fstream>

#include "http_fixture.h"
#include "media_fixtures.h"
#include "refusing_port.h"
#include "talkdex/indexer/media/media.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::TempDir;

namespace {

Failure probe_failure(const std::string& item, const ProbeOptions& options = {}) {
  test::quiet_libav();
  auto r = probe_recording(item, options);
  REQUIRE_MESSAGE(!r.ok(), item << " was expected to fail");
  CHECK(r.failure().item == item);
  CHECK_FALSE(r.failure().reason.empty());
  return r.failure();
}

void truncate_copy(const std::filesystem::path& from, const std::filesystem::path& to, double fraction) {
  std::string bytes = test::read_file(from);
  test::write_file(to, bytes.substr(0, static_cast<std::size_t>(static_cast<double>(bytes.size()) * fraction)));
}

}  // namespace

TEST_CASE("probe errors: a missing file") {
  TempDir dir;
  auto f = probe_failure((dir / "nothing-here.mp4").string());
  CHECK(f.reason.find("No such file") != std::string::npos);
}

TEST_CASE("probe errors: a zero-byte file") {
  TempDir dir;
  test::write_file(dir / "empty.mp4", "");
  auto f = probe_failure((dir / "empty.mp4").string());
  CHECK(f.reason.find("empty") != std::string::npos);
}

TEST_CASE("probe errors: a text file named .mp4") {
  TempDir dir;
  test::write_file(dir / "notes.mp4", "These are my notes about the talk, not a video.\nSecond line.\n");
  auto f = probe_failure((dir / "notes.mp4").string());
  CHECK(f.reason.find("Invalid data") != std::string::npos);
}

TEST_CASE("probe errors: truncated MP4 files") {
  TempDir dir;
  auto spec = test::talk_spec(dir / "whole.mp4");
  test::make_media(spec);
  auto late = test::talk_spec(dir / "late.mp4");
  late.faststart = false;
  test::make_media(late);

  SUBCASE("header first, media data cut short: the sample table points past the end") {
    truncate_copy(spec.path, dir / "cut.mp4", 0.6);
    auto f = probe_failure((dir / "cut.mp4").string());
    CHECK(f.reason.find("truncated") != std::string::npos);
  }
  SUBCASE("header last, cut off with the end of the file") {
    truncate_copy(late.path, dir / "cut.mp4", 0.6);
    probe_failure((dir / "cut.mp4").string());
  }
  SUBCASE("only the first bytes") {
    truncate_copy(spec.path, dir / "cut.mp4", 0.01);
    probe_failure((dir / "cut.mp4").string());
  }
}

TEST_CASE("probe errors: a folder") {
  TempDir dir;
  auto f = probe_failure(dir.path().string());
  CHECK(f.reason.find("folder") != std::string::npos);
}

TEST_CASE("probe errors: an unreachable URL") {
  test::RefusingPort nobody;
  const std::string url = "http://127.0.0.1:" + std::to_string(nobody.port()) + "/talk.mp4";
  auto f = probe_failure(url);
  CHECK(f.reason.find("refused") != std::string::npos);
}

TEST_CASE("probe errors: a server that accepts and never answers fails at the timeout") {
  TempDir dir;
  mediagen::HttpFileServer silent(dir.path(), mediagen::HttpFileServer::Mode::Silent);
  ProbeOptions options;
  options.timeout_seconds = 1;
  auto f = probe_failure(silent.url("talk.mp4"), options);
  CHECK(f.reason.find("timed out") != std::string::npos);
}

TEST_CASE("probe errors: a URL that is not there") {
  TempDir dir;
  mediagen::HttpFileServer server(dir.path());
  auto f = probe_failure(server.url("missing.mp4"));
  CHECK(f.reason.find("404") != std::string::npos);
}

TEST_CASE("probe safety: other schemes and protocol prefixes are not followed") {
  TempDir dir;
  auto spec = test::talk_spec(dir / "talk.mp4");
  test::make_media(spec);
  CHECK(probe_failure("file://" + spec.path).reason.find("unsupported") != std::string::npos);
  CHECK(probe_failure("ftp://127.0.0.1/talk.mp4").reason.find("unsupported") != std::string::npos);
  // A local name is only ever a file name: "concat:" or "subfile," inside it are not protocols.
  CHECK(probe_failure("concat:" + spec.path + "|" + spec.path).reason.find("No such file") != std::string::npos);
  CHECK(probe_failure("subfile,,start,0,end,0,,:" + spec.path).reason.find("No such file") != std::string::npos);
}

TEST_CASE("probe safety: playlists and file lists pointing outside are refused without reading the target") {
  TempDir archive, outside;
  auto secret_spec = test::talk_spec(outside / "secret.mp4");
  test::make_media(secret_spec);
  const auto secret = outside / "secret.mp4";
  test::OpenWatch watch(secret);
  { std::ifstream check(secret); }  // the watch itself works: this open is seen
  REQUIRE(watch.touched());

  const std::string m3u8 = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:12\n#EXT-X-MEDIA-SEQUENCE:0\n"
                           "#EXTINF:12.0,\n" + secret.string() + "\n#EXTINF:12.0,\nfile://" + secret.string() +
                           "\n#EXT-X-ENDLIST\n";
  const std::string ffconcat = "ffconcat version 1.0\nfile '" + secret.string() + "'\nfile 'file:" +
                               secret.string() + "'\n";
  struct Case {
    const char* name;
    std::string content;
    const char* format;
  };
  const Case cases[] = {{"talk.m3u8", m3u8, "hls"},
                        {"playlist-named.mp4", m3u8, "hls"},
                        {"list.ffconcat", ffconcat, "concat"},
                        {"list-named.mkv", ffconcat, "concat"}};
  for (const Case& c : cases) {
    CAPTURE(c.name);
    test::write_file(archive / c.name, c.content);
    auto f = probe_failure((archive / c.name).string());
    CHECK(f.reason.find("refused") != std::string::npos);
    CHECK(f.reason.find(c.format) != std::string::npos);
    CHECK_FALSE(watch.touched());
  }
}

TEST_CASE("probe safety: a redirect to file: is refused, saying why") {
  test::HttpFixture server(test::source_dir() / "tests" / "support" / "http_fixture.py");
  auto f = probe_failure(server.url("/to-file/talk.mp4"));
  CHECK(f.reason == "cannot open: it redirects to a URL that is not http or https (such as file:), which is refused");
}
