// What every fuzz target shares: the input as text, and the kind detection every input meets first.
//
// A fuzz target calls a reader the way talkdex does on a file it was given, and returns 0 whatever the
// reader answers: a Failure is a correct answer to bad input. What the fuzzer looks for is everything
// else: a crash, a sanitizer report (ASan, UBSan), a leak, a hang (-timeout) or memory past -rss_limit_mb.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "talkdex/indexer/import/input_kind.h"

namespace talkdex::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// `talkdex import` tells an input's kind from its first 4 KiB (and its name) before reading it.
inline void detect(std::string_view name, std::string_view content) {
  (void)detect_kind(name, content.substr(0, 4096));
}

}  // namespace talkdex::fuzz
