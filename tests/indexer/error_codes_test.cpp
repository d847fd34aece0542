// Failures carry a code the caller can act on: not found, invalid input, I/O (error.h).
#include <doctest/doctest.h>

#include "refusing_port.h"
#include "talkdex/error.h"
#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/indexer/fetch/fetch.h"
#include "talkdex/indexer/import/importer.h"
#include "talkdex/indexer/schedule/schedule_formats.h"
#include "talkdex/indexer/transcripts/subtitles.h"
#include "test_support.h"

using namespace talkdex;

TEST_CASE("error codes: a missing file is not found, a folder is invalid input") {
  test::TempDir dir;
  auto missing = read_input_file((dir / "nothing.xml").string());
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.failure().code == ErrorCode::not_found);
  auto folder = read_input_file(dir.path().string());
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.failure().code == ErrorCode::invalid_input);
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
  REQUIRE(results[0].failure);
  CHECK(results[0].failure->code == ErrorCode::io);
  REQUIRE(results[1].failure);
  CHECK(results[1].failure->code == ErrorCode::invalid_input);
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
