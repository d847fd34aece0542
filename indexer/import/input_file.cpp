#include "import/input_file.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <utility>

#include <fmt/format.h>

#include "talkdex/limits.h"

namespace talkdex {
namespace {

long long monotonic_ms() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

std::string kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a pipe (FIFO)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISREG(mode)) return "";
  return "not a file";
}

std::string too_big() { return limits::limit_reason("bytes", limits::kMaxInputBytes); }

}  // namespace

std::string special_file_kind(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return "";
  return kind_of(st.st_mode);
}

Status check_line_lengths(std::string_view content, const std::string& item) {
  std::size_t line = 1, start = 0;
  while (start <= content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    if (end - start > limits::kMaxLineBytes)
      return Failure{item, fmt::format("line {} is longer than {} bytes (the limit)", line, limits::kMaxLineBytes), ErrorCode::invalid_input};
    start = end + 1;
    ++line;
  }
  return {};
}

Result<InputFile> InputFile::open(const std::string& path, InputUse use, double deadline_s) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Failure{path, "no such file", ErrorCode::not_found};
    return Failure{path, std::string("cannot read: ") + std::strerror(errno), ErrorCode::io};
  }
  if (S_ISDIR(st.st_mode))
    return Failure{path, "is a folder, not a file (talkdex follow DIR takes in the recordings in it)", ErrorCode::invalid_input};
  bool pipe = S_ISFIFO(st.st_mode);
  if (!S_ISREG(st.st_mode) && !(pipe && use == InputUse::Named))
    return Failure{path, "is " + kind_of(st.st_mode) + ", not a regular file", ErrorCode::invalid_input};
  if (!pipe && static_cast<unsigned long long>(st.st_size) > limits::kMaxInputBytes) return Failure{path, too_big(), ErrorCode::invalid_input};
  // A FIFO opened without O_NONBLOCK waits for a writer, maybe forever.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (pipe ? O_NONBLOCK : 0));
  if (fd < 0) return Failure{path, std::string("cannot read: ") + std::strerror(errno), ErrorCode::io};
  return InputFile(path, fd, pipe, deadline_s);
}

InputFile::InputFile(std::string path, int fd, bool pipe, double deadline_s)
    : path_(std::move(path)), fd_(fd), pipe_(pipe), deadline_s_(deadline_s) {
  if (pipe_) deadline_ms_ = monotonic_ms() + static_cast<long long>(deadline_s * 1000);
}

InputFile::InputFile(InputFile&& other) noexcept = default;
InputFile::~InputFile() = default;

Status InputFile::fill(std::size_t want) {
  char chunk[65536];
  while (!eof_ && buffer_.size() < want) {
    ssize_t r = ::read(fd_.get(), chunk, sizeof chunk);
    if (r > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(r));
      if (buffer_.size() > limits::kMaxInputBytes) return Failure{path_, too_big(), ErrorCode::invalid_input};
      continue;
    }
    if (r == 0) {
      eof_ = true;
      break;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return Failure{path_, std::string("cannot read: ") + std::strerror(errno), ErrorCode::io};
    long long left = deadline_ms_ - monotonic_ms();
    if (left <= 0)
      return Failure{path_, fmt::format("the pipe did not end within {:g} s (the limit)", deadline_s_), ErrorCode::io};
    pollfd p{fd_.get(), POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
  }
  return {};
}

Result<std::string_view> InputFile::head(std::size_t n) {
  if (Status s = fill(n); !s) return s.failure();
  return std::string_view(buffer_).substr(0, n);
}

Result<std::string> InputFile::read_all() {
  if (Status s = fill(limits::kMaxInputBytes + 1); !s) return s.failure();
  return std::move(buffer_);
}

}  // namespace talkdex
