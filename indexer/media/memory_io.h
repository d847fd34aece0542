// An AVIOContext that reads bytes already in memory, seekable, as a file would be.
//
// What MediaInput::open_memory() demuxes: the media prober's fuzz target (tests/fuzz) feeds libav
// through it, so that the fuzzer reaches the same format checks and demuxer set-up as a file on disk
// without writing one. Does not own the bytes; they must outlive it.
#pragma once

#include <cstdint>
#include <string_view>

#include "libav.h"

namespace talkdex::media_detail {

class MemoryIO {
 public:
  explicit MemoryIO(std::string_view bytes);
  MemoryIO(const MemoryIO&) = delete;
  MemoryIO& operator=(const MemoryIO&) = delete;

  // nullptr when it could not be allocated.
  AVIOContext* context() const { return io_.get(); }
  std::int64_t size() const { return static_cast<std::int64_t>(bytes_.size()); }

 private:
  static int read(void* opaque, std::uint8_t* buf, int size);
  static std::int64_t seek(void* opaque, std::int64_t offset, int whence);

  std::string_view bytes_;
  std::int64_t pos_ = 0;
  av::CustomIOContext io_;
};

}  // namespace talkdex::media_detail
