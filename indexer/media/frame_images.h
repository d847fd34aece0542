// Pictures made from decoded frames for slide detection: the 80x45 luma grid that frames are compared
// by (cell averages of the luma plane, summed directly; swscale only for formats without an 8-bit luma
// plane), the grey picture OCR reads, and JPEG thumbnails (libav's mjpeg encoder). Each converter keeps
// its swscale context (and encoder) between frames and rebuilds it when the frame size or format changes.
// Errors: a frame that cannot be converted or encoded gives false / a Failure; nothing throws.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "libav.h"
#include "slide_tracker.h"
#include "talkdex/error.h"

namespace talkdex::slides {

class GridScaler {
 public:
  bool scale(const AVFrame* frame, LumaGrid& out);

 private:
  av::ScaleContext sws_;  // for frames whose first plane is not 8-bit luma
  std::vector<std::uint16_t> column_sums_;  // one cell row's luma, summed per column
};

struct GreyPicture {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;  // width * height, no padding
};

// Text is read best at 720 to 1080 lines: smaller frames are scaled up, larger ones down.
class OcrScaler {
 public:
  bool scale(const AVFrame* frame, GreyPicture& out);

 private:
  av::ScaleContext sws_;
};

class ThumbnailEncoder {
 public:
  explicit ThumbnailEncoder(int width) : width_(width) {}
  Result<std::vector<std::uint8_t>> encode(const AVFrame* frame);

 private:
  int width_;
  av::ScaleContext sws_;
  av::CodecContext encoder_;
  av::Frame picture_;
  av::Packet packet_{av_packet_alloc()};
  std::int64_t pts_ = 0;
};

}  // namespace talkdex::slides
