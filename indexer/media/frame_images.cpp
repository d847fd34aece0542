#include "frame_images.h"

#include <algorithm>

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace talkdex::slides {
namespace {

// Planar formats whose first plane is 8-bit luma (yuv420p, yuvj420p, nv12, yuv444p, gray, ...): their
// plane 0 is scaled as a grey picture, and the chroma planes are never touched.
bool luma_plane_first(AVPixelFormat format) {
  const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(format);
  if (!d || (d->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_HWACCEL)))
    return false;
  return d->nb_components >= 1 && d->comp[0].plane == 0 && d->comp[0].depth == 8 && d->comp[0].step == 1 &&
         d->comp[0].shift == 0;
}

// Scales `frame` into an 8-bit grey picture of w x h at `dst`.
bool scale_grey(av::ScaleContext& sws, const AVFrame* frame, int w, int h, int flags, std::uint8_t* dst, int stride) {
  const auto format = static_cast<AVPixelFormat>(frame->format);
  const bool luma = luma_plane_first(format);
  SwsContext* ctx = sws_getCachedContext(sws.release(), frame->width, frame->height, luma ? AV_PIX_FMT_GRAY8 : format,
                                         w, h, AV_PIX_FMT_GRAY8, flags, nullptr, nullptr, nullptr);
  sws.reset(ctx);
  if (!ctx) return false;
  std::uint8_t* dst_planes[4] = {dst, nullptr, nullptr, nullptr};
  int dst_strides[4] = {stride, 0, 0, 0};
  const int rows = sws_scale(ctx, frame->data, frame->linesize, 0, frame->height, dst_planes, dst_strides);
  return rows == h;
}

}  // namespace

// Each cell the plain average of the luma pixels it covers (cell edges rounded down to whole pixels),
// summed straight from the decoder's plane, and every decoded frame passes through here: the rows of a
// cell row are added up column by column first (vectorised), then each cell's columns. Cells of 8 rows
// or more (from 360 lines up) take every other row: half the cost, and a cell still averages over at
// least 4 rows (camera noise stays averaged away, and a text stroke of 2 pixels is never skipped).
bool GridScaler::scale(const AVFrame* frame, LumaGrid& out) {
  if (!frame || frame->width <= 0 || frame->height <= 0) return false;
  const auto format = static_cast<AVPixelFormat>(frame->format);
  // 16-bit column sums hold 257 rows of 255: pictures up to 11,000 lines high.
  if (!luma_plane_first(format) || frame->width < LumaGrid::kWidth || frame->height < LumaGrid::kHeight ||
      frame->height / LumaGrid::kHeight + 1 > 257)
    return scale_grey(sws_, frame, LumaGrid::kWidth, LumaGrid::kHeight, SWS_AREA, out.cells.data(), LumaGrid::kWidth);
  const int width = frame->width, height = frame->height;
  column_sums_.resize(static_cast<std::size_t>(width));
  std::uint16_t* sums = column_sums_.data();
  for (int cy = 0; cy < LumaGrid::kHeight; ++cy) {
    const int y0 = cy * height / LumaGrid::kHeight, y1 = (cy + 1) * height / LumaGrid::kHeight;
    const int step = y1 - y0 >= 8 ? 2 : 1;
    std::fill(column_sums_.begin(), column_sums_.end(), std::uint16_t{0});
    for (int y = y0; y < y1; y += step) {
      const std::uint8_t* line = frame->data[0] + static_cast<std::ptrdiff_t>(y) * frame->linesize[0];
      for (int x = 0; x < width; ++x) sums[x] = static_cast<std::uint16_t>(sums[x] + line[x]);
    }
    for (int cx = 0; cx < LumaGrid::kWidth; ++cx) {
      const int x0 = cx * width / LumaGrid::kWidth, x1 = (cx + 1) * width / LumaGrid::kWidth;
      std::uint32_t total = 0;
      for (int x = x0; x < x1; ++x) total += sums[x];
      const auto area = static_cast<std::uint32_t>((y1 - y0 + step - 1) / step * (x1 - x0));
      out.cells[static_cast<std::size_t>(cy * LumaGrid::kWidth + cx)] = static_cast<std::uint8_t>((total + area / 2) / area);
    }
  }
  return true;
}

bool OcrScaler::scale(const AVFrame* frame, GreyPicture& out) {
  if (!frame || frame->width <= 0 || frame->height <= 0) return false;
  const int target = std::clamp(frame->height, 720, 1080);
  out.height = target;
  out.width = std::max(2, static_cast<int>(static_cast<std::int64_t>(frame->width) * target / frame->height));
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  const int flags = target > frame->height ? SWS_BICUBIC : SWS_AREA;
  return scale_grey(sws_, frame, out.width, out.height, flags, out.pixels.data(), out.width);
}

Result<std::vector<std::uint8_t>> ThumbnailEncoder::encode(const AVFrame* frame) {
  if (!frame || frame->width <= 0 || frame->height <= 0) return Failure{"thumbnail", "no picture"};
  const int w = std::max(16, std::min(width_, frame->width)) & ~1;
  const int h = std::max(16, static_cast<int>(static_cast<std::int64_t>(frame->height) * w / frame->width)) & ~1;
  if (!encoder_ || encoder_->width != w || encoder_->height != h) {
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
    if (!codec) return Failure{"thumbnail", "this libavcodec has no JPEG encoder"};
    encoder_.reset(avcodec_alloc_context3(codec));
    picture_.reset(av_frame_alloc());
    if (!encoder_ || !picture_) return Failure{"thumbnail", "out of memory"};
    encoder_->width = w;
    encoder_->height = h;
    encoder_->pix_fmt = AV_PIX_FMT_YUVJ420P;  // full-range 4:2:0, what JPEG files hold
    encoder_->time_base = AVRational{1, 25};
    encoder_->flags |= AV_CODEC_FLAG_QSCALE;
    encoder_->global_quality = FF_QP2LAMBDA * 4;  // small files that still show a slide's layout
    int ret = avcodec_open2(encoder_.get(), codec, nullptr);
    if (ret < 0) {
      encoder_.reset();
      return Failure{"thumbnail", "cannot open the JPEG encoder: " + av::av_error_text(ret)};
    }
    picture_->format = AV_PIX_FMT_YUVJ420P;
    picture_->width = w;
    picture_->height = h;
    ret = av_frame_get_buffer(picture_.get(), 0);
    if (ret < 0) return Failure{"thumbnail", "cannot allocate a picture: " + av::av_error_text(ret)};
  }
  int ret = av_frame_make_writable(picture_.get());
  if (ret < 0) return Failure{"thumbnail", av::av_error_text(ret)};
  SwsContext* ctx = sws_getCachedContext(sws_.release(), frame->width, frame->height,
                                         static_cast<AVPixelFormat>(frame->format), w, h, AV_PIX_FMT_YUVJ420P,
                                         SWS_AREA, nullptr, nullptr, nullptr);
  sws_.reset(ctx);
  if (!ctx) return Failure{"thumbnail", "cannot convert the picture"};
  sws_scale(ctx, frame->data, frame->linesize, 0, frame->height, picture_->data, picture_->linesize);
  picture_->pts = pts_++;
  ret = avcodec_send_frame(encoder_.get(), picture_.get());
  if (ret < 0) return Failure{"thumbnail", "cannot encode: " + av::av_error_text(ret)};
  ret = avcodec_receive_packet(encoder_.get(), packet_.get());
  if (ret < 0) return Failure{"thumbnail", "cannot encode: " + av::av_error_text(ret)};
  std::vector<std::uint8_t> jpeg(packet_->data, packet_->data + packet_->size);
  av_packet_unref(packet_.get());
  return jpeg;
}

}  // namespace talkdex::slides
