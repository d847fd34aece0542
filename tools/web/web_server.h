// talkdex's web front end: the search page, the talk pages with their player, the JSON API and the
// recordings and thumbnails, read-only, over HTTP (cpp-httplib).
//
// Promises:
//  - Read-only: only GET and HEAD are routed; nothing in the archive is written.
//  - Files are served only when the store lists them (a recording by its id, a thumbnail by its item's
//    id); no part of a URL is ever used as a path.
//  - Every page is rendered on the server with every string HTML-escaped, under a Content-Security-Policy
//    that allows only the server's own script and style files; JavaScript only enhances the pages.
//  - Requests are bounded (URI and headers 8 KiB, no bodies), and a slow client holds only its own thread.
//  - It follows `index` and `rebuild` without a restart (archive_access.h); its cache of search answers
//    never answers from before a commit or a switch of the index.
//  - It searches the archive's index and its remote shards as one, as `talkdex search` does; a remote
//    talk "KEY@SHARD" has a page of what its shard's index holds.
// Errors: an address that cannot be bound throws talkdex::Error naming it. A request that fails gets one
// error (HTML for pages, JSON {"error": ...} under /api/) with its status: 400, 404, 416, 503 or 500.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

namespace talkdex::web {

struct ServeOptions {
  std::filesystem::path archive;
  std::string host = "127.0.0.1";
  int port = 8080;             // 0: any free port (bind() says which)
  int threads = 8;             // threads kept for connections
  int max_connections = 256;   // connections served at once (one thread each); more wait
  // How long a remote shard may take before a search leaves it out (named on the page and in the JSON).
  std::chrono::milliseconds shard_timeout{5000};
  // The search answers kept for repeated queries (archive_access.h); 0: none. 16 MiB hold some 5,000
  // answers of the API (about 3 KiB each); with what the allocator leaves between them they cost about
  // 21 MiB of memory, which keeps the server within issue 11's 100 MiB.
  std::size_t cache_bytes = 16u << 20;
};

class WebServer {
 public:
  explicit WebServer(ServeOptions options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds the address; returns the port. Throws talkdex::Error when it cannot.
  int bind();
  // Serves until stop(); then returns once the requests in flight are answered.
  void run();
  // Stops accepting and ends run(); safe from another thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace talkdex::web
