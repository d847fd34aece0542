// A real HTTP server on 127.0.0.1 for the fetching tests and the fetch benchmark: runs
// tests/support/http_fixture.py (see its docstring for the routes) in a child python3 process for as
// long as the HttpFixture object lives. The destructor kills and reaps the child; should this process
// die first, the server sees its stdin pipe close and exits on its own.
// Header-only, with no test-framework dependency, so that tools/bench_fetch.cpp can use it too.
// Throws std::runtime_error when the server cannot be started or asked for its counts.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "talkdex/links.h"

extern char** environ;

namespace talkdex::test {

class HttpFixture {
 public:
  explicit HttpFixture(const std::filesystem::path& script) {
    int out[2], in[2];
    // O_CLOEXEC: no other child (the benchmark spawns curl) may hold the server's stdin open.
    if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("http fixture: pipe: " + std::string(std::strerror(errno)));
    if (::pipe2(in, O_CLOEXEC) != 0) {
      close_both(out);
      throw std::runtime_error("http fixture: pipe: " + std::string(std::strerror(errno)));
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    std::string script_path = script.string();
    char* argv[] = {const_cast<char*>("python3"), script_path.data(), const_cast<char*>("0"), nullptr};
    int spawned = ::posix_spawnp(&pid_, "python3", &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(in[0]);
    stdin_ = in[1];
    if (spawned != 0) {
      ::close(out[0]);
      ::close(stdin_);
      throw std::runtime_error("http fixture: cannot run python3: " + std::string(std::strerror(spawned)));
    }
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    try {
      port_ = std::stoi(line);
    } catch (const std::exception&) {
      stop();
      throw std::runtime_error("http fixture: " + script_path + " did not print its port");
    }
  }
  ~HttpFixture() { stop(); }
  HttpFixture(const HttpFixture&) = delete;
  HttpFixture& operator=(const HttpFixture&) = delete;

  int port() const { return port_; }
  // "http://127.0.0.1:PORT" + path
  std::string url(std::string_view path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  // How many requests the server has had for `path` (without a query string).
  long count(std::string_view path) const { return std::stol(get("/_count?path=" + talkdex::percent_encode(path, "/-._~"))); }
  void reset_counts() const { get("/_reset"); }
  // How many requests (of every path) carried If-None-Match or If-Modified-Since since the last reset.
  long conditional_count() const { return std::stol(get("/_conditional")); }
  // How many requests (of every path) there were since the last reset.
  long total_count() const { return std::stol(get("/_total")); }

  // The body of a plain HTTP/1.0 GET made over a raw socket, independent of the libcurl under test.
  std::string get(const std::string& target) const {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("http fixture: socket: " + std::string(std::strerror(errno)));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port_));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string response;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
      std::string request = "GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
      if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
        char buffer[4096];
        ssize_t n;
        while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) response.append(buffer, static_cast<size_t>(n));
      }
    }
    ::close(fd);
    auto body = response.find("\r\n\r\n");
    // "HTTP/1.x 200 OK"
    if (response.size() < 12 || response.compare(9, 3, "200") != 0 || body == std::string::npos)
      throw std::runtime_error("http fixture: GET " + target + " failed");
    return response.substr(body + 4);
  }

 private:
  static void close_both(int fds[2]) {
    ::close(fds[0]);
    ::close(fds[1]);
  }

  void stop() noexcept {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
      }
      pid_ = -1;
    }
    if (stdin_ >= 0) {
      ::close(stdin_);
      stdin_ = -1;
    }
  }

  pid_t pid_ = -1;
  int stdin_ = -1;
  int port_ = 0;
};

}  // namespace talkdex::test
