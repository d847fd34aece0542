// detect_slides: keyframes first, the frames between two keyframes only where the picture changed.
#include "talkdex/indexer/slides/slide_detect.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <optional>

#include "frame_images.h"
#include "libav.h"
#include "media_input.h"
#include "slide_detect_gop.h"
#include "slide_segments.h"
#include "slide_tracker.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

using media_detail::MediaInput;
using slides::GopReading;
using slides::GridScaler;
using slides::LumaGrid;
using slides::SegmentBuilder;
using slides::SlideTracker;
using slides::TrackerEventKind;

// Keyframes closer together than this are not all decoded in the first pass (intra-only video).
constexpr double kCoarseStep = 1.0;
// Read errors in a row after which the rest of the file is given up.
constexpr int kMaxReadErrors = 8;

av::CodecContext open_decoder(const AVStream* st, int threads, bool keyframes_only, std::string* error) {
  const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
  if (!codec) {
    *error = std::string("no decoder for ") + avcodec_get_name(st->codecpar->codec_id) + " video";
    return nullptr;
  }
  av::CodecContext ctx(avcodec_alloc_context3(codec));
  if (!ctx) {
    *error = "out of memory";
    return nullptr;
  }
  int ret = avcodec_parameters_to_context(ctx.get(), st->codecpar);
  if (ret >= 0) {
    ctx->pkt_timebase = st->time_base;
    ctx->thread_count = std::max(1, threads);
    ctx->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    if (keyframes_only) {
      ctx->skip_frame = AVDISCARD_NONKEY;
      // Intra prediction reads the picture before deblocking, so a keyframe decoded without its loop
      // filter is exact but for block edges, and nothing is predicted from it here: a quarter faster.
      ctx->skip_loop_filter = AVDISCARD_ALL;
    }
    ret = avcodec_open2(ctx.get(), codec, nullptr);
  }
  if (ret < 0) {
    *error = "cannot open the " + std::string(codec->name) + " decoder: " + av::av_error_text(ret);
    return nullptr;
  }
  return ctx;
}

struct BufferedPacket {
  av::Packet packet;
  bool key = false;
};

class Detector {
 public:
  Detector(const DetectOptions& options, MediaInput& input, AVStream* stream)
      : options_(options), input_(input), stream_(stream), segments_(options, result_.stats) {
    slides::TrackerParams params;
    params.change_threshold = options.change_threshold;
    params.settle = options.settle;
    tracker_ = SlideTracker(params);
  }

  Result<Detection> run();

 private:
  Failure fail(const std::string& reason) const { return Failure{input_.uri(), reason, ErrorCode::io}; }
  double time_of(std::int64_t pts) const {
    if (pts == AV_NOPTS_VALUE) return seen_until_;
    return static_cast<double>(pts - start_pts_) * av_q2d(stream_->time_base);
  }
  std::int64_t frame_pts(const AVFrame* f) const {
    return f->best_effort_timestamp != AV_NOPTS_VALUE ? f->best_effort_timestamp : f->pts;
  }
  bool damaged(const AVFrame* f) const { return f->decode_error_flags || (f->flags & AV_FRAME_FLAG_CORRUPT); }
  void note_damage(double t) {
    ++result_.stats.undecodable_packets;
    if (!damage_from_) damage_from_ = t;
    damage_to_ = t;
  }

  Status read_all();
  Status feed_coarse(const AVPacket* packet);
  Status drain_coarse();
  Status coarse_frame(AVFrame* frame);
  Status refine(std::optional<std::int64_t> to_pts);
  Status drain_fine(std::optional<std::int64_t> upto_pts);
  template <typename OnFrame>
  Status receive_frames(AVCodecContext* decoder, AVFrame* frame, OnFrame&& on_frame);
  Status sample(double t, const AVFrame* frame);
  void feed_grid(double t, const LumaGrid& grid, const AVFrame* frame);
  GopReading read_interval(std::int64_t to_pts) const;
  bool settled_before(std::optional<std::int64_t> to_pts) const;
  Status start_dense();
  void trim_buffer(std::int64_t pts);

  const DetectOptions& options_;
  MediaInput& input_;
  AVStream* stream_;
  Detection result_;
  SegmentBuilder segments_;
  SlideTracker tracker_;
  GridScaler scaler_;
  LumaGrid grid_;
  av::CodecContext coarse_, fine_;
  av::Frame frame_{av_frame_alloc()};       // the keyframe decoder's
  av::Frame fine_frame_{av_frame_alloc()};  // the every-frame decoder's
  // While refining up to a keyframe: its picture, and the time of the last packet that stood out before
  // it; once the tracker has settled on that picture past that time, the rest of the interval is skipped.
  LumaGrid refine_target_;
  double refine_last_spike_ = 0;
  double frame_seconds_ = 0.04;
  std::deque<BufferedPacket> buffer_;
  std::int64_t buffered_bytes_ = 0;
  bool dense_ = false;
  std::int64_t start_pts_ = 0;
  bool anchored_ = false;                       // the buffer starts at the key packet of the last keyframe sample
  std::optional<double> last_sent_key_;         // time of the last key packet the coarse decoder got
  double last_time_ = -1;                       // time of the last sample
  double seen_until_ = 0;                       // latest packet time read
  double next_progress_ = 0;
  std::optional<double> damage_from_, damage_to_;
};

Status Detector::sample(double t, const AVFrame* frame) {
  if (t <= last_time_) return Status::Ok();  // a frame the other decoder already gave
  if (!scaler_.scale(frame, grid_)) return fail("cannot scale a video frame");
  feed_grid(t, grid_, frame);
  return Status::Ok();
}

void Detector::feed_grid(double t, const LumaGrid& grid, const AVFrame* frame) {
  last_time_ = t;
  auto event = tracker_.feed(t, grid);
  if (event.kind == TrackerEventKind::kStarted) segments_.start(frame);
  else if (event.kind == TrackerEventKind::kConfirmed) segments_.change(event.boundary, event.score, frame);
}

// The sizes of the buffered packets between the first key packet and the key packet of `to_pts`.
GopReading Detector::read_interval(std::int64_t to_pts) const {
  std::vector<slides::PacketSize> between;
  bool inside = false;
  for (const auto& b : buffer_) {
    if (b.key && b.packet->pts == to_pts) break;
    if (b.key && !inside) {
      inside = true;
      continue;
    }
    if (inside && b.packet->pts != AV_NOPTS_VALUE) between.push_back({time_of(b.packet->pts), b.packet->size});
  }
  return slides::read_gop(between, time_of(to_pts), options_.settle, frame_seconds_);
}

// Whether the frames decoded so far already tell the rest of the interval: the picture is the next
// keyframe's, and no packet that stood out lies ahead. A change still pending need not be watched for
// `settle` here: the keyframe itself, fed next, is the later picture that confirms it (or, when it comes
// sooner than `settle`, the keyframes after it).
bool Detector::settled_before(std::optional<std::int64_t> to_pts) const {
  return to_pts && last_time_ > refine_last_spike_ && !tracker_.differs(refine_target_);
}

// Drops the packets before the key packet of `pts`: the next refinement starts there.
void Detector::trim_buffer(std::int64_t pts) {
  auto it = std::find_if(buffer_.begin(), buffer_.end(),
                         [pts](const BufferedPacket& b) { return b.key && b.packet->pts == pts; });
  if (it == buffer_.end()) return;
  for (auto drop = buffer_.begin(); drop != it; ++drop) buffered_bytes_ -= drop->packet->size;
  buffer_.erase(buffer_.begin(), it);
}

// Decodes every frame of the buffered packets, from the first key packet (the last keyframe sample)
// through the key packet of `to_pts` (to the end when none), feeding the frames after the last sample
// to the tracker.
Status Detector::refine(std::optional<std::int64_t> to_pts) {
  ++result_.stats.refined_intervals;
  avcodec_flush_buffers(fine_.get());
  auto first = std::find_if(buffer_.begin(), buffer_.end(), [](const BufferedPacket& b) { return b.key; });
  const double started = last_time_;
  for (auto it = first; it != buffer_.end(); ++it) {
    int ret = avcodec_send_packet(fine_.get(), it->packet.get());
    if (ret < 0 && ret != AVERROR(EAGAIN)) note_damage(time_of(it->packet->pts));
    if (Status f = drain_fine(to_pts); !f) return f;
    if (to_pts && it->key && it->packet->pts == *to_pts) break;
    if (last_time_ > started && settled_before(to_pts)) {
      ++result_.stats.refinements_cut_short;
      break;
    }
  }
  avcodec_send_packet(fine_.get(), nullptr);
  auto f = drain_fine(to_pts);
  avcodec_flush_buffers(fine_.get());
  return f;
}

// Every frame `decoder` has ready, into `frame` and handed to `on_frame`, which returns whether to go on
// (a Status and false stops early); unreferenced after. A frame the decoder cannot make is damage at the
// last time seen and ends the round, as does a failure.
template <typename OnFrame>
Status Detector::receive_frames(AVCodecContext* decoder, AVFrame* frame, OnFrame&& on_frame) {
  for (;;) {
    int ret = avcodec_receive_frame(decoder, frame);
    if (ret == AVERROR(EAGAIN) || ret == AVERROR_EOF) return Status::Ok();
    if (ret < 0) {
      note_damage(last_time_);
      return Status::Ok();
    }
    bool go_on = true;
    Status f = on_frame(frame, go_on);
    av_frame_unref(frame);
    if (!f || !go_on) return f;
  }
}

Status Detector::drain_fine(std::optional<std::int64_t> upto_pts) {
  return receive_frames(fine_.get(), fine_frame_.get(), [&](AVFrame* frame, bool&) {
    ++result_.stats.frames_decoded;
    const std::int64_t pts = frame_pts(frame);
    const double t = time_of(pts);
    if (damaged(frame)) note_damage(t);
    else if (!upto_pts || pts <= *upto_pts) return sample(t, frame);
    return Status::Ok();
  });
}

Status Detector::coarse_frame(AVFrame* frame) {
  ++result_.stats.keyframes_decoded;
  ++result_.stats.frames_decoded;
  const std::int64_t pts = frame_pts(frame);
  const double t = time_of(pts);
  if (damaged(frame)) {
    note_damage(t);
    return Status::Ok();
  }
  if (!tracker_.started() || !anchored_) {
    if (Status f = sample(t, frame); !f) return f;
    trim_buffer(pts);
    anchored_ = true;
    return Status::Ok();
  }
  if (!scaler_.scale(frame, grid_)) return fail("cannot scale a video frame");
  // Where the two keyframes differ, the packet sizes between them may already say where: one cut, after
  // which the picture held until this keyframe. Else the frames in between are decoded: to place a
  // departure within a frame (a fade, a change of a few characters), and, while a change is pending, to
  // see whether slides shown for less than a keyframe interval settled. Keyframes that agree but lie far
  // apart are decoded between only where a packet stood out (a slide shown and taken back).
  const bool differs = tracker_.differs(grid_);
  const GopReading reading = read_interval(pts);
  if (differs && !tracker_.pending() && reading.kind == slides::GopReadingKind::kOneCut && reading.cut > last_time_) {
    ++result_.stats.cuts_from_packet_sizes;
    feed_grid(reading.cut, grid_, frame);  // departs at the cut...
    feed_grid(t, grid_, frame);             // ...and has held since: confirmed, the boundary at the cut
  } else if (differs || (t - last_time_ > options_.max_keyframe_gap && reading.kind != slides::GopReadingKind::kQuiet)) {
    refine_target_ = grid_;
    refine_last_spike_ = reading.last_spike;
    if (Status f = refine(pts); !f) return f;
    if (t > last_time_)  // cut short, or the refinement missed this frame (damaged packets)
      if (Status f = sample(t, frame); !f) return f;
  } else if (Status f = sample(t, frame); !f) {
    return f;
  }
  trim_buffer(pts);
  return Status::Ok();
}

Status Detector::drain_coarse() {
  return receive_frames(coarse_.get(), frame_.get(), [&](AVFrame* frame, bool& go_on) {
    Status f = coarse_frame(frame);
    go_on = !dense_;  // start_dense() took over from here
    return f;
  });
}

Status Detector::feed_coarse(const AVPacket* packet) {
  const double t = packet->pts == AV_NOPTS_VALUE ? seen_until_ : time_of(packet->pts);
  if (last_sent_key_ && t - *last_sent_key_ < kCoarseStep) return Status::Ok();
  last_sent_key_ = t;
  int ret = avcodec_send_packet(coarse_.get(), packet);
  if (ret < 0 && ret != AVERROR(EAGAIN)) note_damage(t);
  return drain_coarse();
}

// Keyframes too far apart to keep the packets between them: decode every frame from the last sample on.
Status Detector::start_dense() {
  dense_ = true;
  result_.stats.decoded_every_frame = true;
  avcodec_flush_buffers(coarse_.get());
  avcodec_flush_buffers(fine_.get());
  auto first = std::find_if(buffer_.begin(), buffer_.end(), [](const BufferedPacket& b) { return b.key; });
  for (auto it = first; it != buffer_.end(); ++it) {
    int ret = avcodec_send_packet(fine_.get(), it->packet.get());
    if (ret < 0 && ret != AVERROR(EAGAIN)) note_damage(last_time_);
    if (Status f = drain_fine(std::nullopt); !f) return f;
  }
  buffer_.clear();
  buffered_bytes_ = 0;
  return Status::Ok();
}

Status Detector::read_all() {
  AVFormatContext* ctx = input_.format();
  av::Packet packet(av_packet_alloc());
  if (!packet) return fail("out of memory");
  int errors_in_a_row = 0;
  double duration = result_.duration;
  for (;;) {
    if (options_.cancelled && options_.cancelled()) return fail("interrupted");
    input_.restart_deadline();
    int ret = av_read_frame(ctx, packet.get());
    if (ret == AVERROR_EOF) break;
    if (ret == AVERROR(EAGAIN)) continue;
    if (ret < 0) {
      if (input_.deadline_passed() || ++errors_in_a_row >= kMaxReadErrors) {
        result_.warnings.push_back(fmt::format("stopped reading at {}: {}", format_hms(seen_until_), input_.reason(ret)));
        break;
      }
      continue;
    }
    errors_in_a_row = 0;
    if (packet->stream_index != stream_->index) {
      av_packet_unref(packet.get());
      continue;
    }
    ++result_.stats.packets;
    if (packet->pts != AV_NOPTS_VALUE) seen_until_ = std::max(seen_until_, time_of(packet->pts));
    if (options_.progress && seen_until_ >= next_progress_) {
      options_.progress(seen_until_, duration);
      next_progress_ = seen_until_ + 1;
    }
    Status f;
    if (dense_) {
      ret = avcodec_send_packet(fine_.get(), packet.get());
      if (ret < 0 && ret != AVERROR(EAGAIN)) note_damage(seen_until_);
      f = drain_fine(std::nullopt);
    } else {
      BufferedPacket b{av::Packet(av_packet_clone(packet.get())), (packet->flags & AV_PKT_FLAG_KEY) != 0};
      if (!b.packet) return fail("out of memory");
      buffered_bytes_ += b.packet->size;
      result_.stats.peak_buffered_bytes = std::max(result_.stats.peak_buffered_bytes, buffered_bytes_);
      buffer_.push_back(std::move(b));
      if (buffer_.back().key) f = feed_coarse(buffer_.back().packet.get());
      if (f && !dense_ && buffered_bytes_ > options_.max_buffered_bytes) f = start_dense();
    }
    av_packet_unref(packet.get());
    if (!f) return f;
  }
  // The end: what the decoders still hold, then the frames after the last keyframe.
  if (!dense_) {
    avcodec_send_packet(coarse_.get(), nullptr);
    if (Status f = drain_coarse(); !f) return f;
  }
  if (!dense_ && anchored_ && !buffer_.empty() && seen_until_ - last_time_ >= options_.min_segment) {
    // The frames after the last keyframe sample may hold a change long enough to keep.
    if (Status f = refine(std::nullopt); !f) return f;
  }
  if (dense_) {
    avcodec_send_packet(fine_.get(), nullptr);
    if (Status f = drain_fine(std::nullopt); !f) return f;
  }
  return Status::Ok();
}

Result<Detection> Detector::run() {
  AVFormatContext* ctx = input_.format();
  const AVCodecParameters* par = stream_->codecpar;
  result_.uri = input_.uri();
  result_.width = par->width;
  result_.height = par->height;
  result_.codec = avcodec_get_name(par->codec_id);
  for (unsigned i = 0; i < ctx->nb_streams; ++i)
    if (ctx->streams[i] != stream_) ctx->streams[i]->discard = AVDISCARD_ALL;  // never demuxed
  start_pts_ = stream_->start_time != AV_NOPTS_VALUE ? stream_->start_time : 0;
  if (stream_->duration != AV_NOPTS_VALUE && stream_->duration > 0)
    result_.duration = static_cast<double>(stream_->duration) * av_q2d(stream_->time_base);
  else if (ctx->duration != AV_NOPTS_VALUE && ctx->duration > 0)
    result_.duration = static_cast<double>(ctx->duration) / AV_TIME_BASE;

  std::string error;
  coarse_ = open_decoder(stream_, options_.threads, true, &error);
  if (coarse_) fine_ = open_decoder(stream_, options_.threads, false, &error);
  if (!coarse_ || !fine_) return fail(error);
  if (!frame_ || !fine_frame_) return fail("out of memory");
  const AVRational fps = stream_->avg_frame_rate.num > 0 ? stream_->avg_frame_rate : stream_->r_frame_rate;
  if (fps.num > 0 && fps.den > 0) frame_seconds_ = 1 / av_q2d(fps);

  if (Status f = read_all(); !f) return f.failure();
  if (!tracker_.started())
    return fail(result_.stats.packets == 0 ? "the video stream has no frames"
                                           : "no frame of the video could be decoded");
  const AVRational rate = stream_->avg_frame_rate.num > 0 ? stream_->avg_frame_rate : stream_->r_frame_rate;
  const double frame = rate.num > 0 && rate.den > 0 ? 1 / av_q2d(rate) : 0;
  result_.duration = std::max({result_.duration, last_time_ + frame, seen_until_ + frame});
  if (result_.stats.undecodable_packets > 0)
    result_.warnings.push_back(fmt::format("{} damaged packets or frames skipped, between {} and {}",
                                           result_.stats.undecodable_packets, format_hms(damage_from_.value_or(0)),
                                           format_hms(damage_to_.value_or(0))));
  result_.slides = segments_.finish(result_.duration, result_.warnings);
  result_.ocr_used = segments_.ocr_used();
  return std::move(result_);
}

}  // namespace

Result<Detection> detect_slides(const std::string& path_or_url, const DetectOptions& options) {
  if (!options.thumbnail_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.thumbnail_dir, ec);
    if (ec) return Failure{options.thumbnail_dir.string(), "cannot create the folder: " + ec.message(), ErrorCode::io};
  }
  media_detail::InputOptions in;
  in.timeout_seconds = options.timeout_seconds;
  auto input = MediaInput::open(path_or_url, in);
  if (!input) return input.failure();
  AVFormatContext* ctx = (*input)->format();
  AVStream* stream = nullptr;
  for (unsigned i = 0; i < ctx->nb_streams; ++i) {
    AVStream* st = ctx->streams[i];
    if (st->codecpar->codec_type != AVMEDIA_TYPE_VIDEO || media_detail::is_auxiliary_stream(ctx, st)) continue;
    if (!stream || st->codecpar->width * st->codecpar->height > stream->codecpar->width * stream->codecpar->height)
      stream = st;
  }
  if (!stream) return Failure{path_or_url, "no video stream (slides are found in the picture)",
      ErrorCode::invalid_input};
  Detector detector(options, **input, stream);
  return detector.run();
}

}  // namespace talkdex
