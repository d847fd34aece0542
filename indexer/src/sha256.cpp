#include "sha256.h"

#include <cstdint>
#include <memory>

#include "talkdex/error.h"

extern "C" {
#include <libavutil/mem.h>
#include <libavutil/sha.h>
}

namespace talkdex {

std::string sha256_hex(std::string_view data) {
  struct FreeSha {
    void operator()(AVSHA* sha) const { av_free(sha); }
  };
  std::unique_ptr<AVSHA, FreeSha> sha(av_sha_alloc());
  if (!sha || av_sha_init(sha.get(), 256) < 0) throw Error("cannot set up SHA-256 (out of memory)");
  av_sha_update(sha.get(), reinterpret_cast<const uint8_t*>(data.data()), data.size());
  uint8_t digest[32];
  av_sha_final(sha.get(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (uint8_t byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  }
  return out;
}

}  // namespace talkdex
