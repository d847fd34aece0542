// SHA-256 of a byte string as 64 lower-case hex digits, with OpenSSL's libcrypto
// (which libcurl loads anyway, so it costs the command no library of its own).
// Used to tell whether fetched content changed since the last fetch.
#pragma once

#include <string>
#include <string_view>

namespace talkdex {

std::string sha256_hex(std::string_view data);

}  // namespace talkdex
