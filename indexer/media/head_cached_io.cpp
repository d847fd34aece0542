#include "head_cached_io.h"

#include <algorithm>
#include <cstring>

namespace talkdex::media_detail {

HeadCachedIO::HeadCachedIO(AVIOContext* inner)
    : inner_(inner), outer_(av::make_custom_io(this, &HeadCachedIO::read, &HeadCachedIO::seek)) {
  if (outer_) outer_->seekable = inner->seekable;
}

int HeadCachedIO::read(void* opaque, std::uint8_t* buf, int size) {
  auto* self = static_cast<HeadCachedIO*>(opaque);
  if (size <= 0) return 0;
  const auto cached = static_cast<std::int64_t>(self->head_.size());
  if (self->pos_ < cached) {
    const int n = static_cast<int>(std::min<std::int64_t>(size, cached - self->pos_));
    std::memcpy(buf, self->head_.data() + self->pos_, static_cast<std::size_t>(n));
    self->pos_ += n;
    return n;
  }
  if (avio_tell(self->inner_) != self->pos_) {
    const std::int64_t r = avio_seek(self->inner_, self->pos_, SEEK_SET);
    if (r < 0) return static_cast<int>(r);
  }
  const int n = avio_read_partial(self->inner_, buf, size);
  if (n <= 0) return n == 0 ? AVERROR_EOF : n;
  // Keep what extends the cached head.
  if (self->pos_ == cached && self->head_.size() < kHeadBytes) {
    const std::size_t keep = std::min<std::size_t>(static_cast<std::size_t>(n), kHeadBytes - self->head_.size());
    self->head_.insert(self->head_.end(), buf, buf + keep);
  }
  self->pos_ += n;
  return n;
}

std::int64_t HeadCachedIO::seek(void* opaque, std::int64_t offset, int whence) {
  auto* self = static_cast<HeadCachedIO*>(opaque);
  whence &= ~AVSEEK_FORCE;
  if (whence == AVSEEK_SIZE) return avio_size(self->inner_);
  std::int64_t base = 0;
  if (whence == SEEK_CUR) {
    base = self->pos_;
  } else if (whence == SEEK_END) {
    base = avio_size(self->inner_);
    if (base < 0) return base;
  } else if (whence != SEEK_SET) {
    return AVERROR(EINVAL);
  }
  // The offset comes from the demuxer, which reads it from untrusted data: any value.
  std::int64_t target = 0;
  if (__builtin_add_overflow(base, offset, &target) || target < 0) return AVERROR(EINVAL);
  self->pos_ = target;  // the inner context seeks when data is next needed
  return target;
}

}  // namespace talkdex::media_detail
