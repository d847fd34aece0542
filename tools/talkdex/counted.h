// "1 document", "2 documents": counts in messages, with the noun agreeing.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace talkdex::cli {

inline std::string counted(long long n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace talkdex::cli
