// Reading one local input within the limits (talkdex/limits.h): at most kMaxInputBytes, never a device,
// and a pipe read once, through the same buffer that told its kind (it cannot be opened twice).
//
// A path named on the command line may be a regular file or a pipe (`import <(cat schedule.xml)`, a
// FIFO); a pipe is opened without blocking (a FIFO with no writer is an empty input, not a hang) and read
// within a deadline (kInputDeadlineSeconds unless `import --deadline` says). A file found beside a recording or in a followed folder must be a regular
// file: a FIFO, /dev/zero or any other device there is refused, and its caller skips it with a warning.
// Internal to talkdex_indexer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "talkdex/error.h"
#include "talkdex/limits.h"
#include "talkdex/unique_fd.h"

namespace talkdex {

enum class InputUse {
  Named,   // named by the user: a regular file or a pipe
  Beside,  // found by talkdex (a sidecar, a followed folder's file): a regular file only
};

class InputFile {
 public:
  // A Failure names the path and why: missing, a folder, a device, a FIFO beside a recording, larger
  // than kMaxInputBytes, unreadable. A pipe that has not ended deadline_s after it was opened fails.
  static Result<InputFile> open(const std::string& path, InputUse use,
                                double deadline_s = limits::kInputDeadlineSeconds);
  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&&) = delete;
  InputFile(const InputFile&) = delete;
  ~InputFile();

  bool is_pipe() const { return pipe_; }
  // The first (up to) n bytes; reading on is read_all, from the same buffer.
  Result<std::string_view> head(std::size_t n);
  // The whole content, the head included; more than kMaxInputBytes is a Failure naming the limit.
  Result<std::string> read_all();

 private:
  InputFile(std::string path, int fd, bool pipe, double deadline_s);
  // Reads until the buffer holds `want` bytes or the input ends.
  Status fill(std::size_t want);

  std::string path_;
  UniqueFd fd_;
  bool pipe_ = false;
  bool eof_ = false;
  double deadline_s_ = 0;      // pipes: the limit, for the message
  long long deadline_ms_ = 0;  // pipes: CLOCK_MONOTONIC milliseconds by which the input must have ended
  std::string buffer_;
};

// A Failure naming the first line longer than kMaxLineBytes, for the line-based text formats (SubRip,
// WebVTT, ffmetadata, descriptions); JSON, XML and HTML may well be one long line.
Status check_line_lengths(std::string_view content, const std::string& item);

// What kind of file a path is, for messages: "a FIFO", "a character device", ...; empty for a regular file.
std::string special_file_kind(const std::string& path);

}  // namespace talkdex
