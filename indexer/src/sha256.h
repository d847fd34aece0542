// SHA-256 of a byte string as 64 lower-case hex digits, with libavutil's av_sha.
// Used to tell whether fetched content changed since the last fetch.
#pragma once

#include <string>
#include <string_view>

namespace talkdex {

std::string sha256_hex(std::string_view data);

}  // namespace talkdex
