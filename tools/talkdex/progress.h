// A one-line progress bar on stderr, drawn only when stderr is a terminal (and so never in pipes, logs
// or tests); it erases itself when done.
#pragma once

#include <cstddef>
#include <string>

namespace talkdex::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::size_t done, std::size_t total);
  // Erases the bar now, before the results are printed (stdout and stderr share the terminal line).
  void done();

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
};

}  // namespace talkdex::cli
