// libcurl's handles owned by std::unique_ptr, and libcurl's one-time global set-up.
// Internal to the indexer; nothing here appears in a public header.
#pragma once

#include <curl/curl.h>

#include <memory>

namespace talkdex {

struct CurlEasyCleanup {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct CurlMultiCleanup {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct CurlSlistFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyCleanup>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiCleanup>;
using CurlSlist = std::unique_ptr<curl_slist, CurlSlistFree>;

// Runs curl_global_init once per process before the first handle is made; throws talkdex::Error when
// it fails. See the definition for why this is the one piece of process-wide state.
void ensure_curl_global_init();

// Appends a header line to a list, keeping ownership in `list`; throws talkdex::Error when out of memory.
void append_header(CurlSlist& list, const char* line);

}  // namespace talkdex
