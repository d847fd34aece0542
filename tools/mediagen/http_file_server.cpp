#include "http_file_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include "talkdex/text.h"

namespace talkdex::mediagen {
namespace {

constexpr int kPollMs = 50;

// Waits until fd is ready for `events` or the server stops; false on stop, error or hang-up.
bool wait_ready(int fd, short events, const std::atomic<bool>& stop) {
  while (!stop.load()) {
    pollfd p{fd, events, 0};
    int n = ::poll(&p, 1, kPollMs);
    if (n < 0 && errno != EINTR) return false;
    if (n > 0) return (p.revents & events) != 0;
  }
  return false;
}

}  // namespace

HttpFileServer::HttpFileServer(std::filesystem::path root, Mode mode) : root_(std::move(root)), mode_(mode) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) throw std::runtime_error("cannot create a socket");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0 || ::listen(listen_fd_, 64) < 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) < 0) {
    ::close(listen_fd_);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

HttpFileServer::~HttpFileServer() {
  stop_ = true;
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<std::thread> connections;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    connections.swap(connections_);
  }
  for (auto& t : connections) t.join();
  ::close(listen_fd_);
}

std::string HttpFileServer::url(const std::string& name) const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/" + name;
}

std::vector<std::string> HttpFileServer::ranges() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return ranges_;
}

void HttpFileServer::reset_counters() {
  std::lock_guard<std::mutex> lock(mutex_);
  ranges_.clear();
  requests_ = 0;
  bytes_sent_ = 0;
}

void HttpFileServer::accept_loop() {
  while (wait_ready(listen_fd_, POLLIN, stop_)) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    // A small send buffer keeps bytes_sent close to what the client really consumed.
    int sndbuf = 16 * 1024;
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    std::lock_guard<std::mutex> lock(mutex_);
    connections_.emplace_back([this, fd] {
      serve(fd);
      ::close(fd);
    });
  }
}

bool HttpFileServer::send_all(int fd, const char* data, std::size_t size, bool count) {
  while (size > 0) {
    if (!wait_ready(fd, POLLOUT, stop_)) return false;
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return false;  // the client went away: it has read what it wanted
    if (count) bytes_sent_ += static_cast<std::uint64_t>(n);
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

void HttpFileServer::serve(int fd) {
  if (mode_ == Mode::Silent) {
    // Accept and say nothing until the client gives up or the server stops.
    char sink[4096];
    while (wait_ready(fd, POLLIN, stop_))
      if (::recv(fd, sink, sizeof sink, 0) <= 0) return;
    return;
  }
  std::string request;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos && request.size() < 65536) {
    if (!wait_ready(fd, POLLIN, stop_)) return;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return;
    request.append(buf, static_cast<std::size_t>(n));
  }
  const auto lines = split(request.substr(0, request.find("\r\n\r\n")), '\n');
  if (lines.empty()) return;
  const auto words = split(trim(lines[0]), ' ');
  std::string range;
  for (std::size_t i = 1; i < lines.size(); ++i)
    if (starts_with_icase(lines[i], "range:")) range = trim(lines[i].substr(6));
  ++requests_;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ranges_.push_back(range);
  }

  auto reply = [&](const char* status) {
    std::string head = std::string("HTTP/1.1 ") + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    send_all(fd, head.data(), head.size(), false);
  };
  if (words.size() < 2 || (words[0] != "GET" && words[0] != "HEAD")) return reply("405 Method Not Allowed");
  std::string name = words[1].substr(0, words[1].find('?'));
  if (name.find("..") != std::string::npos || name.empty() || name[0] != '/') return reply("404 Not Found");
  std::ifstream file(root_ / name.substr(1), std::ios::binary);
  std::error_code ec;
  const auto size = static_cast<std::int64_t>(std::filesystem::file_size(root_ / name.substr(1), ec));
  if (!file || ec) return reply("404 Not Found");

  std::int64_t first = 0, last = size - 1;
  bool partial = false;
  if (!range.empty()) {
    long long a = -1, b = -1;
    if (std::sscanf(range.c_str(), "bytes=%lld-%lld", &a, &b) >= 1 && a >= 0) {
      first = a;
      if (b >= a) last = std::min<std::int64_t>(b, size - 1);
      partial = true;
    }
    if (first >= size) return reply("416 Range Not Satisfiable");
  }
  std::string head = partial ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n";
  head += "Content-Type: application/octet-stream\r\nAccept-Ranges: bytes\r\nConnection: close\r\n";
  head += "Content-Length: " + std::to_string(last - first + 1) + "\r\n";
  if (partial)
    head += "Content-Range: bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" + std::to_string(size) + "\r\n";
  head += "\r\n";
  if (!send_all(fd, head.data(), head.size(), false) || words[0] == "HEAD") return;
  file.seekg(first);
  std::vector<char> chunk(16 * 1024);
  std::int64_t left = last - first + 1;
  while (left > 0) {
    const auto n = static_cast<std::streamsize>(std::min<std::int64_t>(left, static_cast<std::int64_t>(chunk.size())));
    if (!file.read(chunk.data(), n)) return;
    if (!send_all(fd, chunk.data(), static_cast<std::size_t>(n), true)) return;
    left -= n;
  }
}

}  // namespace talkdex::mediagen
