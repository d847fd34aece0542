#include "curl_handles.h"

#include "talkdex/error.h"

namespace talkdex {

void ensure_curl_global_init() {
  // libcurl requires curl_global_init before any handle exists, once per process; before 7.84 it was
  // not thread-safe, so it must not be called per fetch. A function-local static gives exactly one
  // call, thread-safely (C++11 "magic statics"), on first use, and nothing at all for programs that
  // never fetch. It is the only process-wide state of the fetching layer. curl_global_cleanup is
  // deliberately never called: at exit the OS reclaims everything, and calling it from a static
  // destructor could run while another thread (or another static's destructor) still uses libcurl.
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (init != CURLE_OK) throw Error("libcurl", std::string("cannot initialise: ") + curl_easy_strerror(init));
}

void append_header(CurlSlist& list, const char* line) {
  curl_slist* grown = curl_slist_append(list.get(), line);
  if (!grown) throw Error("libcurl", "out of memory building request headers");
  // On success curl_slist_append returns the same head (or a new one when the list was empty).
  (void)list.release();
  list.reset(grown);
}

}  // namespace talkdex
