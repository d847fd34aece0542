// A small HTTP/1.1 server on 127.0.0.1 for tests and benchmarks of reading recordings by URL.
//
// Serves the files of one folder (GET and HEAD, single byte ranges "Range: bytes=A-" / "bytes=A-B",
// one request per connection) and counts the requests and body bytes it sent. In silent mode it accepts
// connections and never answers, to test timeouts. Binds an ephemeral port on the loopback address
// only; the destructor stops it and joins its threads. Python's http.server cannot be used instead:
// it ignores Range.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace talkdex::mediagen {

class HttpFileServer {
 public:
  enum class Mode { Serve, Silent };

  // Throws std::runtime_error when no socket can be bound.
  explicit HttpFileServer(std::filesystem::path root, Mode mode = Mode::Serve);
  ~HttpFileServer();
  HttpFileServer(const HttpFileServer&) = delete;
  HttpFileServer& operator=(const HttpFileServer&) = delete;

  int port() const { return port_; }
  // http://127.0.0.1:PORT/NAME
  std::string url(const std::string& name) const;

  int requests() const { return requests_.load(); }
  std::uint64_t bytes_sent() const { return bytes_sent_.load(); }
  // The Range header of each request so far ("" when it had none), in arrival order.
  std::vector<std::string> ranges() const;
  void reset_counters();

 private:
  void accept_loop();
  void serve(int fd);
  bool send_all(int fd, const char* data, std::size_t size, bool count);

  std::filesystem::path root_;
  Mode mode_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::atomic<std::uint64_t> bytes_sent_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> ranges_;
  std::vector<std::thread> connections_;
  std::thread acceptor_;
};

}  // namespace talkdex::mediagen
