// A TCP port on 127.0.0.1 that refuses connections, for tests of "connection refused".
#pragma once

#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace talkdex::test {

// A TCP socket bound to 127.0.0.1 on a port the kernel chooses (`port` is set to it), listening when
// `backlog` > 0. The caller closes it.
inline int loopback_socket(int& port, int backlog = 0) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  if (backlog > 0) REQUIRE(::listen(fd, backlog) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  port = ntohs(address.sin_port);
  return fd;
}

// Nothing listens on the port for as long as the object lives: the socket is bound but never listens,
// so a connection is refused, and it is held, so that no other process (ctest runs tests in parallel)
// can take the port between the test choosing it and connecting to it.
class RefusingPort {
 public:
  RefusingPort() : fd_(loopback_socket(port_)) {}
  ~RefusingPort() { ::close(fd_); }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;
  int port() const { return port_; }

 private:
  int port_ = 0;
  int fd_ = -1;
};

}  // namespace talkdex::test
