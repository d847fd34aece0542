// Failures carry a code the caller can act on: not found, invalid input, I/O (error.h).
#include <doctest/doctest.h>

#include <optional>

#include "refusing_port.h"
#include "talkdex/error.h"
#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/indexer/fetch/fetch.h"
#include "talkdex/indexer/import/importer.h"
#include "talkdex/indexer/media/media.h"
#include "talkdex/indexer/schedule/schedule_formats.h"
#include "talkdex/indexer/transcripts/subtitles.h"
#include "test_support.h"

using namespace talkdex;

namespace {

// The code of a failed result; none when it succeeded.
template <typename T>
std::optional<ErrorCode> code_of(const Result<T>& r) {
  if (r.ok()) return std::nullopt;
  return r.failure().code;
}

}  // namespace

TEST_CASE("error codes: a missing file is not found; a folder, an empty file or the wrong bytes are invalid input") {
  test::TempDir dir;
  const std::string missing = (dir / "nothing.mp4").string(), folder = dir.path().string();
  CHECK(code_of(read_input_file(missing)) == ErrorCode::not_found);
  CHECK(code_of(read_input_file(folder)) == ErrorCode::invalid_input);
  // Recordings (libav) alike.
  CHECK(code_of(probe_recording(missing)) == ErrorCode::not_found);
  CHECK(code_of(probe_recording(folder)) == ErrorCode::invalid_input);
  test::write_file(dir / "empty.mp4", "");
  CHECK(code_of(probe_recording((dir / "empty.mp4").string())) == ErrorCode::invalid_input);
  test::write_file(dir / "notes.mp4", std::string(4096, 'x'));
  CHECK(code_of(probe_recording((dir / "notes.mp4").string())) == ErrorCode::invalid_input);
  CHECK(code_of(probe_recording("ftp://example.org/talk.mp4")) == ErrorCode::invalid_input);
}

TEST_CASE("error codes: content that is not what it should be is invalid input") {
  auto vtt = parse_webvtt("not a WebVTT file\n", "talk.vtt");
  REQUIRE_FALSE(vtt.ok());
  CHECK(vtt.failure().code == ErrorCode::invalid_input);
  CHECK(vtt.failure().item == "talk.vtt");
  auto xml = parse_frab_xml("<html><body>login</body></html>", "schedule.xml");
  REQUIRE_FALSE(xml.ok());
  CHECK(xml.failure().code == ErrorCode::invalid_input);
  auto ffmetadata = parse_ffmetadata("[CHAPTER]\n", "talk.ffmetadata");
  REQUIRE_FALSE(ffmetadata.ok());
  CHECK(ffmetadata.failure().code == ErrorCode::invalid_input);
}

TEST_CASE("error codes: a URL nobody answers is I/O, a URL that is no http(s) URL is invalid input") {
  test::RefusingPort nobody;
  FetchOptions options;
  options.max_retries = 0;
  std::vector<FetchRequest> requests(2);
  requests[0].url = "http://127.0.0.1:" + std::to_string(nobody.port()) + "/schedule.xml";
  requests[1].url = "ftp://host/x";
  auto results = fetch_all(requests, options);
  REQUIRE(results.size() == 2);
  REQUIRE_FALSE(results[0].ok());
  CHECK(results[0].failure().code == ErrorCode::io);
  REQUIRE_FALSE(results[1].ok());
  CHECK(results[1].failure().code == ErrorCode::invalid_input);
}

TEST_CASE("error codes: an Error thrown from a Result keeps the failure's code") {
  Result<int> r = Failure::not_found("talk 12", "no such talk");
  try {
    (void)r.value();
    FAIL("value() of a failure did not throw");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::not_found);
    CHECK(std::string(e.what()) == "talk 12: no such talk");
  }
  CHECK(std::string(error_code_name(ErrorCode::busy)) == "busy");
}
