// An AVIOContext over another one that keeps the first bytes of the input and seeks lazily.
//
// Over HTTP every backward seek is a new request. Demuxers read the start of a file, jump to the header
// (an MP4 moov at the end), come back for small items near the start (the titles of QuickTime chapters)
// and jump again; with the head kept in memory and seeks made only when data is needed, such a probe
// costs one request for the start and one for the header. Does not own the inner context.
#pragma once

#include <cstdint>
#include <vector>

#include "libav.h"

namespace talkdex::media_detail {

class HeadCachedIO {
 public:
  static constexpr std::size_t kHeadBytes = 256 * 1024;

  explicit HeadCachedIO(AVIOContext* inner);
  HeadCachedIO(const HeadCachedIO&) = delete;
  HeadCachedIO& operator=(const HeadCachedIO&) = delete;

  // The context to give the demuxer; nullptr when it could not be allocated.
  AVIOContext* context() const { return outer_.get(); }

 private:
  static int read(void* opaque, std::uint8_t* buf, int size);
  static std::int64_t seek(void* opaque, std::int64_t offset, int whence);

  AVIOContext* inner_;
  std::vector<std::uint8_t> head_;  // bytes [0, head_.size()) of the input
  std::int64_t pos_ = 0;            // where the next read starts
  av::CustomIOContext outer_;
};

}  // namespace talkdex::media_detail
