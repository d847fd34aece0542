#include "memory_io.h"

#include <algorithm>
#include <cstring>

namespace talkdex::media_detail {

MemoryIO::MemoryIO(std::string_view bytes)
    : bytes_(bytes), io_(av::make_custom_io(this, &MemoryIO::read, &MemoryIO::seek)) {
  if (io_) io_->seekable = AVIO_SEEKABLE_NORMAL;
}

int MemoryIO::read(void* opaque, std::uint8_t* buf, int size) {
  auto* self = static_cast<MemoryIO*>(opaque);
  if (size <= 0) return 0;
  const std::int64_t left = self->size() - self->pos_;
  if (left <= 0) return AVERROR_EOF;
  const int n = static_cast<int>(std::min<std::int64_t>(size, left));
  std::memcpy(buf, self->bytes_.data() + self->pos_, static_cast<std::size_t>(n));
  self->pos_ += n;
  return n;
}

std::int64_t MemoryIO::seek(void* opaque, std::int64_t offset, int whence) {
  auto* self = static_cast<MemoryIO*>(opaque);
  whence &= ~AVSEEK_FORCE;
  std::int64_t base = 0;
  switch (whence) {
    case AVSEEK_SIZE: return self->size();
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = self->pos_; break;
    case SEEK_END: base = self->size(); break;
    default: return AVERROR(EINVAL);
  }
  // Offsets come from the demuxer, which takes them from the data: any value, so no overflow either.
  std::int64_t target = 0;
  if (__builtin_add_overflow(base, offset, &target) || target < 0) return AVERROR(EINVAL);
  self->pos_ = target;  // past the end is allowed, as for a file: the next read gives AVERROR_EOF
  return target;
}

}  // namespace talkdex::media_detail
