// Running a program from a test: arguments as a list (no shell), stdout and stderr captured.
#pragma once

#include <string>
#include <vector>

namespace talkdex::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string out;
  std::string err;
};

// Runs `argv` with optional extra environment entries ("NAME=value") and `input` on stdin.
ProcessResult run_process(const std::vector<std::string>& argv, const std::vector<std::string>& env = {},
                          const std::string& input = "");

}  // namespace talkdex::test
