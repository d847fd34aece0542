// What the benchmarks share: their options, and finding the peer programs they run beside talkdex.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "talkdex/text.h"

namespace talkdex::bench {

// `--name value` anywhere on the command line, or the fallback when absent.

inline int arg(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == name) return std::atoi(argv[i + 1]);
  return fallback;
}

inline std::string arg(int argc, char** argv, const char* name, const std::string& fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == name) return argv[i + 1];
  return fallback;
}

// A program's full path, looked up on the PATH once, so that every run does not search it again.
inline std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  for (const auto& dir : talkdex::split(path ? path : "/usr/bin:/bin", ':')) {
    auto candidate = std::filesystem::path(dir.empty() ? "." : dir) / name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  throw std::runtime_error(name + " is not on the PATH");
}

}  // namespace talkdex::bench
