// fetch_all: a batch of HTTP(S) requests driven by one libcurl multi handle on the calling thread.
//
// Every request is an entry in a schedule ordered by the time it may start (now for first attempts,
// now + backoff or Retry-After for retries). The loop starts due entries while fewer than `jobs` run,
// lets curl_multi_perform move every transfer along, concludes finished ones (success, failure, or a
// new schedule entry), and waits in curl_multi_poll for socket activity, curl's timers or the next
// due retry, whichever comes first. So a request waiting to retry never holds up the others.
#include "talkdex/indexer/fetch/fetch.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <memory>
#include <queue>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "curl_handles.h"
#include "talkdex/sha256.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

using Clock = std::chrono::steady_clock;

// One attempt at one request. Owns its easy handle and header list; registered with the multi handle
// until destroyed. Never moved once made (curl holds pointers to `body`, `error` and itself).
struct Attempt {
  Attempt(CURLM* multi_handle, std::size_t request_index, std::size_t body_limit)
      : multi(multi_handle), index(request_index), max_body(body_limit), easy(curl_easy_init()) {
    if (!easy) throw Error("libcurl", "cannot create a transfer handle");
  }
  ~Attempt() {
    if (added) curl_multi_remove_handle(multi, easy.get());
  }
  Attempt(const Attempt&) = delete;
  Attempt& operator=(const Attempt&) = delete;

  CURLM* multi;
  std::size_t index;
  std::size_t max_body;
  std::string body;
  bool body_too_large = false;
  bool added = false;
  char error[CURL_ERROR_SIZE] = {};
  CurlSlist headers;  // declared before `easy` so that the handle using it goes first
  CurlEasy easy;
};

size_t write_body(char* data, size_t size, size_t count, void* user) {
  auto* attempt = static_cast<Attempt*>(user);
  size_t bytes = size * count;
  if (attempt->body.size() + bytes > attempt->max_body) {
    attempt->body_too_large = true;
    return 0;  // anything but `bytes` aborts the transfer with CURLE_WRITE_ERROR
  }
  attempt->body.append(data, bytes);
  return bytes;
}

template <typename T>
void set(CURL* easy, CURLoption option, T value) {
  CURLcode code = curl_easy_setopt(easy, option, value);
  if (code != CURLE_OK) throw Error("libcurl", std::string("cannot set a transfer option: ") + curl_easy_strerror(code));
}

// A validator is echoed into a request header: one with a line break would inject headers.
bool safe_header_value(const std::string& value) {
  return !value.empty() && value.find_first_of("\r\n") == std::string::npos;
}

void configure(Attempt& attempt, const FetchRequest& request, const FetchOptions& options, long timeout_ms) {
  CURL* easy = attempt.easy.get();
  set(easy, CURLOPT_TIMEOUT_MS, std::max(1L, timeout_ms));  // what is left of the request's deadline
  set(easy, CURLOPT_URL, request.url.c_str());
  set(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  set(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(easy, CURLOPT_FOLLOWLOCATION, 1L);
  set(easy, CURLOPT_MAXREDIRS, options.max_redirects);
  set(easy, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for DNS timeouts: we may not be the only thread
  set(easy, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
  set(easy, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit);
  set(easy, CURLOPT_LOW_SPEED_TIME, options.low_speed_time_s);
  // Refuses early when the server announces a too-large Content-Length; write_body catches the rest.
  set(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_body_bytes));
  set(easy, CURLOPT_USERAGENT, "talkdex/" TALKDEX_VERSION);
  set(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl decodes; the cap applies decoded
  set(easy, CURLOPT_WRITEFUNCTION, write_body);
  set(easy, CURLOPT_WRITEDATA, static_cast<void*>(&attempt));
  set(easy, CURLOPT_ERRORBUFFER, attempt.error);
  set(easy, CURLOPT_PRIVATE, static_cast<void*>(&attempt));
  if (safe_header_value(request.etag)) append_header(attempt.headers, ("If-None-Match: " + request.etag).c_str());
  if (safe_header_value(request.last_modified))
    append_header(attempt.headers, ("If-Modified-Since: " + request.last_modified).c_str());
  if (attempt.headers) set(easy, CURLOPT_HTTPHEADER, attempt.headers.get());
}

std::string response_header(CURL* easy, const char* name) {
  curl_header* header = nullptr;
  // -1: the last request of the transfer, i.e. the response after any redirects.
  if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &header) == CURLHE_OK && header && header->value)
    return trim(header->value);
  return {};
}

std::string info_string(CURL* easy, CURLINFO info) {
  char* value = nullptr;
  if (curl_easy_getinfo(easy, info, &value) == CURLE_OK && value) return value;
  return {};
}

// Why a transfer that ended with a libcurl error failed, and whether trying again may help.
struct CurlFailure {
  std::string reason;
  bool transient = false;
};

std::string past_deadline(const FetchOptions& options) {
  return fmt::format("not finished within {} s (the limit)", options.deadline_s);
}

CurlFailure describe(const Attempt& attempt, CURLcode code, const FetchOptions& options, bool deadline_passed) {
  CURL* easy = attempt.easy.get();
  std::string detail = attempt.error[0] ? attempt.error : curl_easy_strerror(code);
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: {
      if (deadline_passed) return {past_deadline(options)};
      // Nothing sent means no connection was made (the connect time is 0 on a reused one too).
      long request_bytes = 0;
      curl_easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_bytes);
      if (request_bytes == 0)
        return {"timed out connecting after " + std::to_string(options.connect_timeout_ms) + " ms", true};
      return {"timed out (less than " + std::to_string(options.low_speed_limit) + " bytes/s for " +
                  std::to_string(options.low_speed_time_s) + " s)",
              true};
    }
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      return {detail.find("reset") != std::string::npos ? "connection reset" : "connection failed: " + detail, true};
    case CURLE_GOT_NOTHING:
      return {"connection closed without a response", true};
    case CURLE_PARTIAL_FILE:
      return {"connection closed before the end of the body", true};
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
      if (attempt.body_too_large || code == CURLE_FILESIZE_EXCEEDED)
        return {"body larger than " + std::to_string(options.max_body_bytes) + " bytes"};
      return {detail};
    case CURLE_UNSUPPORTED_PROTOCOL: {
      // The request's own URL was checked to be http(s) before starting, so this is a redirect.
      // libcurl has already moved its effective URL to the refused target (it never connects to it).
      std::string target = info_string(easy, CURLINFO_EFFECTIVE_URL);
      return {"redirect to a non-HTTP URL refused" + (target.empty() ? "" : " (" + target + ")")};
    }
    case CURLE_TOO_MANY_REDIRECTS:
      return {"more than " + std::to_string(options.max_redirects) + " redirects"};
    case CURLE_COULDNT_RESOLVE_HOST:
      return {"cannot resolve the host: " + detail};
    case CURLE_COULDNT_CONNECT:
      return {"cannot connect: " + detail};
    default:
      return {detail};
  }
}

bool is_http_url(const std::string& url) {
  return starts_with_icase(url, "http://") || starts_with_icase(url, "https://");
}

std::string with_attempts(std::string reason, int attempts) {
  if (attempts > 1) reason += " after " + std::to_string(attempts) + " attempts";
  return reason;
}

// Fills `result` from a finished attempt. Returns the delay before the next attempt when it is to be
// retried, nullopt when the request is finished (successfully or not).
std::optional<double> conclude(Attempt& attempt, CURLcode code, const FetchRequest& request,
                               const FetchOptions& options, bool deadline_passed, FetchResult& result) {
  CURL* easy = attempt.easy.get();
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  result.status = status;
  result.effective_url = info_string(easy, CURLINFO_EFFECTIVE_URL);
  result.content_type = info_string(easy, CURLINFO_CONTENT_TYPE);
  result.etag = response_header(easy, "ETag");
  result.last_modified = response_header(easy, "Last-Modified");
  result.body.clear();
  result.content_hash.clear();
  result.not_modified = false;
  result.fetch_status = Status::Ok();

  std::string reason;
  bool transient = false;
  if (code != CURLE_OK) {
    auto failure = describe(attempt, code, options, deadline_passed);
    reason = std::move(failure.reason);
    transient = failure.transient;
  } else if (status == 304) {
    result.not_modified = true;
    if (result.etag.empty()) result.etag = request.etag;
    if (result.last_modified.empty()) result.last_modified = request.last_modified;
    result.content_hash = request.previous_hash;
    return std::nullopt;
  } else if (status >= 200 && status < 300) {
    result.body = std::move(attempt.body);
    result.content_hash = sha256_hex(result.body);
    result.not_modified = !request.previous_hash.empty() && result.content_hash == request.previous_hash;
    return std::nullopt;
  } else {
    reason = "HTTP " + std::to_string(status);
    transient = status >= 500 || status == 429 || status == 408;
  }

  if (transient && result.attempts <= options.max_retries) {
    curl_off_t retry_after = 0;
    if ((status == 429 || status == 503) && curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK &&
        retry_after > 0)
      return std::min(static_cast<double>(retry_after), options.max_retry_after_s);
    return options.backoff_base_s * std::ldexp(1.0, result.attempts - 1);
  }
  result.fetch_status = Failure{request.url, with_attempts(std::move(reason), result.attempts),
                                status == 404 || status == 410 ? ErrorCode::not_found : ErrorCode::io};
  return std::nullopt;
}

// A request waiting for its time to start.
struct Due {
  Clock::time_point at;
  std::size_t index;
  bool operator>(const Due& other) const { return std::tie(at, index) > std::tie(other.at, other.index); }
};

}  // namespace

std::vector<FetchResult> fetch_all(const std::vector<FetchRequest>& requests, const FetchOptions& options) {
  const std::size_t total = requests.size();
  std::vector<FetchResult> results(total);
  if (total == 0) return results;
  ensure_curl_global_init();
  CurlMulti multi(curl_multi_init());
  if (!multi) throw Error("libcurl", "cannot create a multi handle");
  const std::size_t jobs = static_cast<std::size_t>(std::max(1, options.jobs));

  std::size_t done = 0;
  auto finished = [&] {
    ++done;
    if (options.progress) options.progress(done, total);
  };

  std::priority_queue<Due, std::vector<Due>, std::greater<>> schedule;
  const auto start = Clock::now();
  const auto deadline = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.deadline_s));
  std::vector<Clock::time_point> first_attempt(total);  // when each request's first attempt began
  for (std::size_t i = 0; i < total; ++i) {
    results[i].url = requests[i].url;
    if (is_http_url(requests[i].url)) {
      schedule.push({start, i});
    } else {
      results[i].fetch_status = Failure{requests[i].url, "not an http:// or https:// URL", ErrorCode::invalid_input};
      finished();
    }
  }

  // Declared after `multi`, so every attempt leaves the multi handle before it is cleaned up.
  std::unordered_map<CURL*, std::unique_ptr<Attempt>> running;
  while (done < total) {
    const auto now = Clock::now();
    while (running.size() < jobs && !schedule.empty() && schedule.top().at <= now) {
      std::size_t index = schedule.top().index;
      schedule.pop();
      if (results[index].attempts == 0) first_attempt[index] = now;
      auto left = first_attempt[index] + deadline - now;
      if (left <= Clock::duration::zero()) {  // a retry whose turn came after the deadline
        results[index].fetch_status =
            Failure::io(requests[index].url, with_attempts(past_deadline(options), results[index].attempts));
        finished();
        continue;
      }
      auto attempt = std::make_unique<Attempt>(multi.get(), index, options.max_body_bytes);
      configure(*attempt, requests[index], options,
                static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(left).count()));
      CURLMcode added = curl_multi_add_handle(multi.get(), attempt->easy.get());
      if (added != CURLM_OK) throw Error("libcurl", std::string("cannot start a transfer: ") + curl_multi_strerror(added));
      attempt->added = true;
      ++results[index].attempts;
      CURL* key = attempt->easy.get();
      running.emplace(key, std::move(attempt));
    }

    int still_running = 0;
    CURLMcode performed = curl_multi_perform(multi.get(), &still_running);
    if (performed != CURLM_OK) throw Error("libcurl", curl_multi_strerror(performed));

    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      // The message dies with the handle's removal: copy what is needed first.
      CURL* easy = message->easy_handle;
      CURLcode code = message->data.result;
      auto it = running.find(easy);
      if (it == running.end()) continue;
      std::unique_ptr<Attempt> attempt = std::move(it->second);
      running.erase(it);
      std::size_t index = attempt->index;
      bool deadline_passed = Clock::now() - first_attempt[index] >= deadline - std::chrono::milliseconds(50);
      std::optional<double> retry_in = conclude(*attempt, code, requests[index], options, deadline_passed, results[index]);
      attempt.reset();
      if (retry_in) {
        auto delay = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, *retry_in)));
        schedule.push({Clock::now() + delay, index});
      } else {
        finished();
      }
    }
    if (done == total) break;

    // Sleep until a socket is ready or curl's next timer (curl_multi_poll caps the wait by both), or
    // until the next scheduled request is due while a slot is free for it.
    long wait_ms = 1000;
    if (!schedule.empty() && running.size() < jobs) {
      auto until_due = std::chrono::ceil<std::chrono::milliseconds>(schedule.top().at - Clock::now()).count();
      wait_ms = std::clamp<long>(static_cast<long>(until_due), 0, wait_ms);
    }
    if (wait_ms > 0 || !running.empty()) {
      CURLMcode polled = curl_multi_poll(multi.get(), nullptr, 0, static_cast<int>(wait_ms), nullptr);
      if (polled != CURLM_OK) throw Error("libcurl", curl_multi_strerror(polled));
    }
  }
  return results;
}

}  // namespace talkdex
