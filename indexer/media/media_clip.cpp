// clip_recording: a section copied packet by packet into a new file, as FFmpeg's doc/examples/remux.c,
// starting at a keyframe, timestamps rebased to zero, written to a temporary file renamed on success.
#include <algorithm>
#include <cmath>
#include <deque>
#include <filesystem>
#include <random>
#include <unistd.h>

#include <fmt/format.h>

#include "libav.h"
#include "media_input.h"
#include "text_subtitle_converter.h"
#include "talkdex/indexer/media/media.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

using media_detail::seconds;

// Removes the temporary output unless it was committed (renamed into place).
class TempOutput {
 public:
  explicit TempOutput(const std::filesystem::path& final_path) {
    std::random_device rd;
    path_ = final_path.parent_path() / fmt::format(".{}.part-{}-{}", final_path.filename().string(), ::getpid(), rd());
  }
  ~TempOutput() {
    if (!committed_) {
      std::error_code ec;
      std::filesystem::remove(path_, ec);
    }
  }
  TempOutput(const TempOutput&) = delete;
  TempOutput& operator=(const TempOutput&) = delete;
  const std::filesystem::path& path() const { return path_; }
  void commit() { committed_ = true; }

 private:
  std::filesystem::path path_;
  bool committed_ = false;
};

struct StreamMap {
  int out_index = -1;          // -1: not copied
  bool is_reference = false;   // the stream whose keyframe starts the clip
  bool finished = false;       // a packet at or past the end was seen
  std::int64_t origin = 0;     // the clip's start in this stream's time base
  std::int64_t end = INT64_MAX;  // the clip's end in this stream's time base
  std::unique_ptr<media_detail::TextSubtitleConverter> converter;  // text subtitles in another codec
};

class Clipper {
 public:
  Clipper(media_detail::MediaInput& in, double start, std::optional<double> end, ClipResult& result)
      : in_(in), ctx_(in.format()), start_(start), end_(end), result_(result) {}
  Status run(const std::filesystem::path& temp, const std::string& muxer, const std::string& title);

 private:
  Failure fail(const std::string& what, int err) const { return Failure{in_.uri(), what + ": " + in_.reason(err),
      ErrorCode::io}; }
  Failure fail(const std::string& what) const { return Failure{in_.uri(), what, ErrorCode::io}; }
  Status map_streams();
  void copy_chapters(double origin_seconds);
  Status write(AVPacket* pkt);

  media_detail::MediaInput& in_;
  AVFormatContext* ctx_;
  double start_;
  std::optional<double> end_;
  ClipResult& result_;
  av::OutputContext out_;
  std::vector<StreamMap> map_;
  int reference_ = -1;
  double base_ = 0;         // the input's start time: offsets are counted from it
  double clip_end_ = 0;     // latest packet end written, in seconds from the clip's start
};

Status Clipper::map_streams() {
  map_.resize(ctx_->nb_streams);
  reference_ = av_find_best_stream(ctx_, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (reference_ >= 0 && media_detail::is_auxiliary_stream(ctx_, ctx_->streams[reference_])) reference_ = -1;
  for (unsigned i = 0; i < ctx_->nb_streams; ++i) {
    AVStream* in_st = ctx_->streams[i];
    const AVCodecParameters* par = in_st->codecpar;
    if (media_detail::is_auxiliary_stream(ctx_, in_st)) continue;
    if (par->codec_type != AVMEDIA_TYPE_VIDEO && par->codec_type != AVMEDIA_TYPE_AUDIO &&
        par->codec_type != AVMEDIA_TYPE_SUBTITLE)
      continue;
    const std::string label = "stream " + std::to_string(i) + " (" + avcodec_get_name(par->codec_id) + ")";
    std::unique_ptr<media_detail::TextSubtitleConverter> converter;
    if (avformat_query_codec(out_->oformat, par->codec_id, FF_COMPLIANCE_NORMAL) == 0) {
      // Text subtitles are converted to the container's own text codec; anything else is left out.
      const AVCodecID target = result_.container == "mp4" ? AV_CODEC_ID_MOV_TEXT : AV_CODEC_ID_SUBRIP;
      auto made = par->codec_type == AVMEDIA_TYPE_SUBTITLE
                      ? media_detail::TextSubtitleConverter::create(in_st, target)
                      : Result<std::unique_ptr<media_detail::TextSubtitleConverter>>(Failure{"", "not a text subtitle",
                          ErrorCode::invalid_input});
      if (!made) {
        result_.skipped.push_back(label + ": " + result_.container + " cannot hold it (" + made.failure().reason + ")");
        continue;
      }
      converter = std::move(made.value());
      result_.converted.push_back(label + ": converted to " + avcodec_get_name(target));
    }
    AVStream* out_st = avformat_new_stream(out_.get(), nullptr);
    if (!out_st) return fail("out of memory");
    int ret = converter ? converter->parameters(out_st->codecpar) : avcodec_parameters_copy(out_st->codecpar, par);
    if (ret < 0) return fail("cannot copy the parameters of " + label, ret);
    out_st->codecpar->codec_tag = 0;  // the output container picks its own tag
    out_st->time_base = in_st->time_base;
    out_st->disposition = in_st->disposition;
    av_dict_copy(&out_st->metadata, in_st->metadata, 0);
    map_[i].out_index = out_st->index;
    map_[i].converter = std::move(converter);
    if (reference_ < 0 && par->codec_type == AVMEDIA_TYPE_AUDIO) reference_ = static_cast<int>(i);
    ++result_.streams;
  }
  if (reference_ < 0 || map_[reference_].out_index < 0) return fail("no audio or video stream to clip");
  map_[reference_].is_reference = true;
  return Status::Ok();
}

void Clipper::copy_chapters(double origin) {
  for (unsigned i = 0; i < ctx_->nb_chapters; ++i) {
    const AVChapter* ch = ctx_->chapters[i];
    const double s = seconds(ch->start, ch->time_base);
    const double e = ch->end != AV_NOPTS_VALUE && ch->end > ch->start ? seconds(ch->end, ch->time_base) : INFINITY;
    const double clip_end = end_ ? *end_ : INFINITY;
    if (e <= origin || s >= clip_end) continue;
    const double new_start = std::max(s, origin) - origin;
    const double new_end = std::min(e, clip_end) - origin;
    if (!(new_end > new_start)) continue;
    av::add_chapter(out_.get(), ch->id, AVRational{1, 1000}, std::llround(new_start * 1000),
                    std::llround(new_end * 1000), av::dict_value(ch->metadata, "title"));
  }
}

Status Clipper::write(AVPacket* pkt) {
  StreamMap& m = map_[pkt->stream_index];
  AVStream* in_st = ctx_->streams[pkt->stream_index];
  AVStream* out_st = out_->streams[m.out_index];
  if (m.converter) {
    int ret = m.converter->convert(pkt);
    if (ret < 0) return fail("cannot convert a subtitle", ret);
    if (ret == 1) {
      av_packet_unref(pkt);
      return Status::Ok();
    }
  }
  if (in_st->codecpar->codec_type == AVMEDIA_TYPE_SUBTITLE && pkt->pts != AV_NOPTS_VALUE && pkt->pts < m.origin) {
    // A cue on screen when the clip begins is kept from the clip's first moment.
    if (pkt->duration > 0) pkt->duration = std::max<std::int64_t>(1, pkt->duration - (m.origin - pkt->pts));
    pkt->pts = pkt->dts = m.origin;
  }
  if (in_st->codecpar->codec_type == AVMEDIA_TYPE_SUBTITLE && pkt->pts != AV_NOPTS_VALUE && pkt->duration > 0 &&
      pkt->pts + pkt->duration > m.end)
    pkt->duration = std::max<std::int64_t>(1, m.end - pkt->pts);  // ... and one on screen at its end, until then
  if (pkt->dts == AV_NOPTS_VALUE && in_st->codecpar->video_delay == 0) pkt->dts = pkt->pts;
  if (pkt->pts != AV_NOPTS_VALUE) pkt->pts -= m.origin;
  if (pkt->dts != AV_NOPTS_VALUE) pkt->dts -= m.origin;
  const double t = seconds(pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts, in_st->time_base);
  clip_end_ = std::max(clip_end_, t + seconds(pkt->duration, in_st->time_base));
  av_packet_rescale_ts(pkt, in_st->time_base, out_st->time_base);
  pkt->pos = -1;
  pkt->stream_index = m.out_index;
  int ret = av_interleaved_write_frame(out_.get(), pkt);  // takes the packet's reference
  if (ret < 0) return Failure{result_.path, "cannot write a packet: " + av::av_error_text(ret), ErrorCode::io};
  return Status::Ok();
}

Status Clipper::run(const std::filesystem::path& temp, const std::string& muxer, const std::string& title) {
  base_ = ctx_->start_time != AV_NOPTS_VALUE ? seconds(ctx_->start_time, AV_TIME_BASE_Q) : 0;
  const double duration = ctx_->duration != AV_NOPTS_VALUE ? seconds(ctx_->duration, AV_TIME_BASE_Q) : 0;
  if (duration > 0 && start_ >= duration)
    return fail("the clip starts at " + format_hms(start_) + ", past the end of the recording (" +
                format_hms(duration) + ")");

  const std::string url = "file:" + temp.string();
  AVFormatContext* raw = nullptr;
  int ret = avformat_alloc_output_context2(&raw, nullptr, muxer.c_str(), url.c_str());
  if (ret < 0) return Failure{result_.path, "cannot create the muxer: " + av::av_error_text(ret), ErrorCode::io};
  out_.reset(raw);
  if (Status s = map_streams(); !s) return s;

  AVStream* ref = ctx_->streams[reference_];
  if (start_ > 0) {
    // The keyframe at or before the start: without it the first frames could not be decoded.
    const std::int64_t target = av_rescale_q(std::llround((base_ + start_) * AV_TIME_BASE), AV_TIME_BASE_Q, ref->time_base);
    in_.restart_deadline();
    ret = av_seek_frame(ctx_, reference_, target, AVSEEK_FLAG_BACKWARD);
    if (ret < 0) return fail("cannot seek to " + format_hms(start_), ret);
  }

  av::Packet pkt(av_packet_alloc());
  if (!pkt) return fail("out of memory");
  // Packets read before the reference keyframe wait here until the clip's origin is known.
  std::deque<av::Packet> waiting;
  std::optional<double> origin;  // seconds from base_
  bool header_written = false;
  const double end = end_ ? *end_ : INFINITY;

  auto open_output = [&](double origin_seconds) -> Status {
    av::Dictionary io_options;
    io_options.set("protocol_whitelist", "file");
    int r = avio_open2(&out_->pb, url.c_str(), AVIO_FLAG_WRITE, nullptr, io_options.address());
    if (r < 0) return Failure{result_.path, "cannot create the output: " + av::av_error_text(r), ErrorCode::io};
    av_dict_copy(&out_->metadata, ctx_->metadata, 0);
    for (const char* key : {"major_brand", "minor_version", "compatible_brands", "encoder"})
      av_dict_set(&out_->metadata, key, nullptr, 0);
    av_dict_set(&out_->metadata, "title", title.c_str(), 0);
    for (unsigned i = 0; i < ctx_->nb_streams; ++i) {
      const AVRational tb = ctx_->streams[i]->time_base;
      map_[i].origin = av_rescale_q(std::llround((base_ + origin_seconds) * AV_TIME_BASE), AV_TIME_BASE_Q, tb);
      if (end_) map_[i].end = av_rescale_q(std::llround((base_ + *end_) * AV_TIME_BASE), AV_TIME_BASE_Q, tb);
    }
    copy_chapters(origin_seconds);
    av::Dictionary mux_options;
    if (muxer == "mp4") mux_options.set("movflags", "+faststart");
    r = avformat_write_header(out_.get(), mux_options.address());
    if (r < 0) return Failure{result_.path, "cannot write the header: " + av::av_error_text(r), ErrorCode::io};
    header_written = true;
    return Status::Ok();
  };

  // Copies one packet of a mapped stream once the origin is known, or drops it when outside the clip.
  auto take = [&](av::Packet& p) -> Status {
    StreamMap& m = map_[p->stream_index];
    const AVStream* st = ctx_->streams[p->stream_index];
    const std::int64_t ts = p->pts != AV_NOPTS_VALUE ? p->pts : p->dts;
    const double t = seconds(ts, st->time_base) - base_;
    const double t_dts = seconds(p->dts != AV_NOPTS_VALUE ? p->dts : ts, st->time_base) - base_;
    if (t_dts >= end) m.finished = true;
    if (t >= end) return Status::Ok();
    // Audio and subtitles that end before the clip begins are left out. Audio that begins a little
    // before it is kept where the container can say to skip those samples (an MP4 edit list), and left
    // out where the muxer would instead shift every stream later (Matroska).
    if (!m.is_reference) {
      const bool is_audio = st->codecpar->codec_type == AVMEDIA_TYPE_AUDIO;
      if (t + seconds(p->duration, st->time_base) <= *origin + 1e-9) return Status::Ok();
      if (is_audio && t < *origin - 1e-9 && !(out_->oformat->flags & AVFMT_TS_NEGATIVE)) return Status::Ok();
    }
    return write(p.get());
  };

  for (;;) {
    in_.restart_deadline();
    ret = av_read_frame(ctx_, pkt.get());
    if (ret == AVERROR_EOF) break;  // the end of the input is not an error
    if (ret < 0) return fail("cannot read the recording", ret);
    av::Packet p(av_packet_clone(pkt.get()));
    av_packet_unref(pkt.get());
    if (!p) return fail("out of memory");
    if (p->stream_index < 0 || static_cast<unsigned>(p->stream_index) >= map_.size() ||
        map_[p->stream_index].out_index < 0)
      continue;
    if (!origin) {
      const AVStream* st = ctx_->streams[p->stream_index];
      if (p->stream_index == reference_ && (p->flags & AV_PKT_FLAG_KEY)) {
        origin = seconds(p->pts != AV_NOPTS_VALUE ? p->pts : p->dts, st->time_base) - base_;
        result_.start = std::max(0.0, *origin);
        if (*origin >= end) return fail("no keyframe before the end of the clip");
        if (Status s = open_output(*origin); !s) return s;
        while (!waiting.empty()) {
          if (Status s = take(waiting.front()); !s) return s;
          waiting.pop_front();
        }
      } else {
        if (p->stream_index != reference_) waiting.push_back(std::move(p));
        if (waiting.size() > 10000) return fail("no keyframe found near " + format_hms(start_));
        continue;
      }
    }
    if (Status s = take(p); !s) return s;
    // Stop when every audio and video stream has passed the end; subtitle streams are sparse and may
    // have no packet after it.
    bool done = true;
    for (unsigned i = 0; i < map_.size(); ++i) {
      const auto type = ctx_->streams[i]->codecpar->codec_type;
      if (map_[i].out_index >= 0 && !map_[i].finished && type != AVMEDIA_TYPE_SUBTITLE) done = false;
    }
    if (done) break;
  }
  if (!header_written) return fail("no keyframe found at or after " + format_hms(start_));
  ret = av_write_trailer(out_.get());
  if (ret < 0) return Failure{result_.path, "cannot finish the output: " + av::av_error_text(ret), ErrorCode::io};
  ret = avio_closep(&out_->pb);
  if (ret < 0) return Failure{result_.path, "cannot close the output: " + av::av_error_text(ret), ErrorCode::io};
  result_.duration = clip_end_;
  return Status::Ok();
}

}  // namespace

Result<ClipResult> clip_recording(const std::string& input, double start, std::optional<double> end,
                                  const std::string& output_path, const std::string& title,
                                  const ClipOptions& options) {
  if (!(start >= 0)) return Failure{input, "the clip start must be 0 or more", ErrorCode::invalid_input};
  if (end && !(*end > start)) return Failure{input, "the clip end must come after its start", ErrorCode::invalid_input};
  const std::filesystem::path out_path(output_path);
  const std::string ext = to_lower_ascii(out_path.extension().string());
  std::string muxer;
  if (ext == ".mp4" || ext == ".m4v") muxer = "mp4";
  else if (ext == ".mkv") muxer = "matroska";
  else return Failure{output_path, "the output must end in .mp4 or .mkv", ErrorCode::invalid_input};
  const std::filesystem::path folder = out_path.has_parent_path() ? out_path.parent_path() : ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) return Failure{output_path, "no such folder: " + folder.string(),
      ErrorCode::not_found};

  if (!media_detail::is_http_url(input) && std::filesystem::equivalent(input, out_path, ec))
    return Failure{output_path, "the clip would replace the recording it is cut from", ErrorCode::invalid_input};

  media_detail::InputOptions input_options;
  input_options.timeout_seconds = options.timeout_seconds;
  input_options.read_stream_info = true;
  auto opened = media_detail::MediaInput::open(input, input_options);
  if (!opened) return opened.failure();

  ClipResult result;
  result.path = output_path;
  result.container = muxer;
  result.requested_start = start;
  TempOutput temp(out_path);
  {
    Clipper clipper(*opened.value(), start, end, result);
    if (Status s = clipper.run(temp.path(), muxer, title); !s) return s.failure();
  }  // the output is closed before it is renamed
  std::filesystem::rename(temp.path(), out_path, ec);
  if (ec) return Failure{output_path, "cannot move the clip into place: " + ec.message(), ErrorCode::io};
  temp.commit();
  return result;
}

}  // namespace talkdex
