// Fetching metadata over HTTP(S): many URLs at once, politely, with conditional requests.
//
// fetch_all() downloads a batch of URLs with libcurl's multi interface on the calling thread, at most
// `jobs` transfers at a time, and returns one FetchResult per request, in request order. It promises:
//  - only http and https, for the request and for every redirect (a redirect to file://, ftp://, ...
//    is refused and nothing is read from it), at most `max_redirects` hops;
//  - conditional requests from the validators of the last fetch (If-None-Match, If-Modified-Since);
//    a 304, or a 200 whose body hashes to `previous_hash`, comes back as `not_modified`;
//  - the body held in memory and capped at `max_body_bytes` (a bigger one is a failure, not truncated);
//  - retries with exponential backoff on 5xx, 429, timeouts and dropped connections, honouring
//    Retry-After (seconds or an HTTP date, capped at `max_retry_after_s`) on 429 and 503. A waiting
//    retry never holds up the other transfers: it is a time in the schedule, not a sleep;
//  - a stalled transfer (below `low_speed_limit` bytes/s for `low_speed_time_s`) is abandoned;
//  - a request that has not finished `deadline_s` after its first attempt began, retries included, fails
//    (a server dribbling just above the floor must not hold the archive's writer lock for days).
// Errors: a URL that fails (final 4xx/5xx, timeout, refused redirect, too big, ...) has `failure` set
// to Failure{url, readable reason} and the others go on; fetch_all itself throws talkdex::Error only
// when libcurl cannot be set up at all. The result owns its body; nothing is kept between calls.
// Thread safety: fetch_all may run on several threads at once (each call has its own curl handles;
// libcurl's global init happens once, see fetch.cpp).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/indexer/import/input_kind.h"
#include "talkdex/limits.h"

namespace talkdex {

struct FetchRequest {
  std::string url;
  // Validators and hash from the previous fetch of this URL; empty when there was none.
  std::string etag;           // sent as If-None-Match, verbatim (quotes included)
  std::string last_modified;  // sent as If-Modified-Since, verbatim
  std::string previous_hash;  // sha256 hex of the previous body
};

struct [[nodiscard]] FetchResult {
  std::string url;            // the request's URL
  std::string effective_url;  // after redirects
  long status = 0;            // the last HTTP status; 0 when no response came
  // A 304, or a 200 whose content hash equals the request's previous_hash (the body is then kept).
  bool not_modified = false;
  std::string body;          // empty on a 304
  std::string content_type;  // as sent, parameters included ("text/xml; charset=utf-8")
  std::string etag;          // the response's validators, or the request's on a 304 that omits them
  std::string last_modified;
  std::string content_hash;  // sha256 hex of the body (the request's previous_hash on a 304)
  int attempts = 0;          // requests made, retries included (0 when the URL was refused outright)
  Status fetch_status;       // not ok when the URL could not be fetched: Failure{url, reason, code}

  bool ok() const { return fetch_status.ok(); }
  const Failure& failure() const { return fetch_status.failure(); }  // when not ok()
};

struct FetchOptions {
  int jobs = 8;  // transfers at once (values below 1 mean 1)
  long connect_timeout_ms = 10000;
  long low_speed_time_s = 15;  // abandon a transfer below low_speed_limit bytes/s for this long
  long low_speed_limit = 64;
  std::size_t max_body_bytes = limits::kMaxInputBytes;
  double deadline_s = limits::kInputDeadlineSeconds;  // for each request, from its first attempt
  int max_retries = 3;  // retries after the first attempt
  double backoff_base_s = 0.5;  // wait before retry n (1-based): backoff_base_s * 2^(n-1)
  double max_retry_after_s = 30;  // a longer Retry-After is cut to this
  long max_redirects = 10;
  // Called on the calling thread each time a request is finished (done of total).
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// Fetches every request; results[i] answers requests[i].
std::vector<FetchResult> fetch_all(const std::vector<FetchRequest>& requests, const FetchOptions& options);

// Whether an HTTP Content-Type header fits content of the expected kind, so that a caller can reject
// an HTML error or login page served where a schedule.xml or schedule.json was expected.
// The media type is compared case-insensitively without its parameters. An empty type and the generic
// application/octet-stream match every kind (the content is then told by detect_kind); text/plain
// matches every text kind, since many servers (raw file hosts) send all text as text/plain; text/html
// matches only the workshop page.
bool content_type_matches(std::string_view content_type, InputKind expected);

}  // namespace talkdex
