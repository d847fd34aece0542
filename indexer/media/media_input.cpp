#include "media_input.h"

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <string_view>
#include <system_error>

#include "talkdex/text.h"

namespace talkdex::media_detail {
namespace {

// libav's http protocol answers a redirect to anything but http or https (file:///etc/passwd) with a bare
// EINVAL; only its log shows the Location header it read. While a thread opens an input its messages
// are kept here, so that such a refusal can be named; every message still goes to libav's own logger.
thread_local std::string* g_open_log = nullptr;

void keep_open_log(void* avcl, int level, const char* fmt, va_list vl) {
  if (g_open_log && g_open_log->size() < 65536) {
    char line[512];
    int print_prefix = 0;
    va_list copy;
    va_copy(copy, vl);
    av_log_format_line2(avcl, level, fmt, copy, line, sizeof line, &print_prefix);
    va_end(copy);
    g_open_log->append(line);
  }
  av_log_default_callback(avcl, level, fmt, vl);
}

struct OpenLog {
  std::string text;
  OpenLog() {
    static std::once_flag installed;
    std::call_once(installed, [] { av_log_set_callback(keep_open_log); });
    g_open_log = &text;
  }
  ~OpenLog() { g_open_log = nullptr; }
  OpenLog(const OpenLog&) = delete;
  OpenLog& operator=(const OpenLog&) = delete;
};

// The code of a failure to open an input (avio_open2): a missing file or an HTTP 404 is not found, the
// rest (the network, permissions, a timeout) I/O.
ErrorCode open_error_code(int averror) {
  return averror == AVERROR(ENOENT) || averror == AVERROR_HTTP_NOT_FOUND ? ErrorCode::not_found : ErrorCode::io;
}

// The code of a failure to read an opened input as media: I/O when reading stopped (a timeout, a failed
// read), else invalid input (the bytes are not a container libav can read).
ErrorCode read_error_code(int averror, bool timed_out) {
  return timed_out || averror == AVERROR_EXIT || averror == AVERROR(EIO) || averror == AVERROR(ETIMEDOUT)
             ? ErrorCode::io
             : ErrorCode::invalid_input;
}


// Demuxers that read resources other than the one they were given: playlists (hls, dash), lists of
// files (concat), numbered image sequences (image2), sidecar files (vobsub's .sub beside the .idx),
// session descriptions (sdp, rtsp), composition playlists (imf) and scripts (avisynth, vapoursynth).
constexpr std::array<std::string_view, 12> kRefusedDemuxers = {
    "hls", "applehttp", "dash", "concat", "image2", "imf", "vobsub", "sdp",
    "rtsp", "rtp", "avisynth", "vapoursynth"};

// Installed as AVFormatContext::io_open: the input is already open, so any further open is a demuxer
// following a reference inside untrusted data.
int refuse_nested_open(AVFormatContext*, AVIOContext**, const char*, int, AVDictionary**) {
  return AVERROR(EPERM);
}

// True when the headers already gave what a probe reports, so no packet needs to be read.
bool headers_complete(const AVFormatContext* ctx) {
  bool duration_known = ctx->duration != AV_NOPTS_VALUE && ctx->duration > 0;
  for (unsigned i = 0; i < ctx->nb_streams; ++i) {
    const AVStream* st = ctx->streams[i];
    const AVCodecParameters* par = st->codecpar;
    if (is_auxiliary_stream(ctx, st)) continue;
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0) duration_known = true;
    switch (par->codec_type) {
      case AVMEDIA_TYPE_VIDEO:
        if (par->codec_id == AV_CODEC_ID_NONE || par->width <= 0 || par->height <= 0) return false;
        break;
      case AVMEDIA_TYPE_AUDIO:
        if (par->codec_id == AV_CODEC_ID_NONE || par->sample_rate <= 0 || par->ch_layout.nb_channels <= 0)
          return false;
        break;
      case AVMEDIA_TYPE_SUBTITLE:
        if (par->codec_id == AV_CODEC_ID_NONE) return false;
        break;
      default:
        break;
    }
  }
  return ctx->nb_streams > 0 && duration_known;
}

}  // namespace

std::string refused_demuxer(const char* names) {
  for (const std::string& name : split(names ? names : "", ','))
    if (std::find(kRefusedDemuxers.begin(), kRefusedDemuxers.end(), name) != kRefusedDemuxers.end()) return name;
  return {};
}

bool is_http_url(const std::string& s) {
  return starts_with_icase(s, "http://") || starts_with_icase(s, "https://");
}

double seconds(std::int64_t ts, AVRational tb, double fallback) {
  if (ts == AV_NOPTS_VALUE) return fallback;
  return static_cast<double>(ts) * av_q2d(tb);
}

bool is_auxiliary_stream(const AVFormatContext*, const AVStream* st) {
  if (st->disposition & AV_DISPOSITION_ATTACHED_PIC) return true;
  // The QuickTime demuxer keeps a chapter track (text samples holding the chapter titles) as a stream
  // that it marks discarded; its content is already in AVFormatContext::chapters.
  return st->discard == AVDISCARD_ALL;
}

MediaInput::MediaInput(std::string uri, bool is_url, double timeout_seconds)
    : uri_(std::move(uri)), is_url_(is_url), timeout_seconds_(timeout_seconds) {
  restart_deadline();
}

int MediaInput::interrupt(void* opaque) {
  return static_cast<const MediaInput*>(opaque)->deadline_passed() ? 1 : 0;
}

void MediaInput::restart_deadline() {
  auto span = std::chrono::duration<double>(std::max(0.0, timeout_seconds_));
  deadline_ = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(span);
}

bool MediaInput::deadline_passed() const { return std::chrono::steady_clock::now() >= deadline_; }

std::string MediaInput::reason(int averror) const {
  if (deadline_passed() || averror == AVERROR_EXIT) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "timed out after %g s", timeout_seconds_);
    return std::string(buf) + " (libav: " + av::av_error_text(averror) + ")";
  }
  return av::av_error_text(averror);
}

std::int64_t MediaInput::size_bytes() const {
  if (file_size_ >= 0) return file_size_;
  if (!source_) return -1;
  std::int64_t size = avio_size(source_);
  return size >= 0 ? size : -1;
}

std::uint64_t MediaInput::bytes_read() const {
  return source_ ? static_cast<std::uint64_t>(std::max<std::int64_t>(0, source_->bytes_read)) : 0;
}

Result<std::unique_ptr<MediaInput>> MediaInput::open(const std::string& path_or_url, const InputOptions& options) {
  const bool url = is_http_url(path_or_url);
  if (!url && path_or_url.find("://") != std::string::npos)
    return Failure::invalid_input(path_or_url,
                                  "unsupported URL scheme (only http and https URLs and local files are read)");
  if (path_or_url.empty()) return Failure::invalid_input(path_or_url, "no path or URL given");

  std::unique_ptr<MediaInput> in(new MediaInput(path_or_url, url, options.timeout_seconds));
  std::string libav_url;
  av::Dictionary io_options;
  if (url) {
    libav_url = path_or_url;
    const std::string timeout_us = std::to_string(static_cast<long long>(options.timeout_seconds * 1e6));
    io_options.set("protocol_whitelist", "http,https,tcp,tls");
    io_options.set("rw_timeout", timeout_us);
    io_options.set("timeout", timeout_us);
    io_options.set("icy", "0");
    io_options.set("user_agent", std::string("talkdex/") + TALKDEX_VERSION);
  } else {
    std::error_code ec;
    auto status = std::filesystem::status(path_or_url, ec);
    if (std::filesystem::is_directory(status))
      return Failure::invalid_input(path_or_url, "is a folder, not a media file");
    if (std::filesystem::is_regular_file(status)) {
      auto size = std::filesystem::file_size(path_or_url, ec);
      if (!ec) in->file_size_ = static_cast<std::int64_t>(size);
      if (!ec && size == 0) return Failure::invalid_input(path_or_url, "empty file (0 bytes)");
    }
    // "file:" makes libav take the whole string as a file name, whatever protocol prefix it contains.
    libav_url = "file:" + path_or_url;
    io_options.set("protocol_whitelist", "file");
  }

  const AVIOInterruptCB interrupt_cb{&MediaInput::interrupt, in.get()};
  AVIOContext* io = nullptr;
  int ret = 0;
  bool refused_protocol = false;
  {
    OpenLog log;
    ret = avio_open2(&io, libav_url.c_str(), AVIO_FLAG_READ, &interrupt_cb, io_options.address());
    std::string lower = to_lower_ascii(log.text);
    for (std::size_t at = lower.find("location:"); at != std::string::npos; at = lower.find("location:", at + 1)) {
      std::string target = trim(std::string_view(lower).substr(at + 9, 16));
      if (!target.starts_with("http://") && !target.starts_with("https://") && !target.starts_with("/")) {
        refused_protocol = true;
      }
    }
    refused_protocol = refused_protocol || lower.find("not on whitelist") != std::string::npos;
  }
  if (ret == AVERROR(EINVAL) && url && refused_protocol)
    return Failure::invalid_input(path_or_url, "cannot open: it redirects to a URL that is not http or https "
                                               "(such as file:), which is refused");
  if (ret < 0) return Failure{path_or_url, "cannot open: " + in->reason(ret), open_error_code(ret)};
  in->io_.reset(io);
  in->source_ = io;
  if (Status opened = in->open_demuxer(libav_url, url ? "http,https,tcp,tls" : "file", options); !opened)
    return opened.failure();
  return in;
}

Result<std::unique_ptr<MediaInput>> MediaInput::open_memory(std::string_view bytes, const std::string& name,
                                                            const InputOptions& options) {
  std::unique_ptr<MediaInput> in(new MediaInput(name, false, options.timeout_seconds));
  if (bytes.empty()) return Failure::invalid_input(name, "empty file (0 bytes)");
  in->memory_ = std::make_unique<MemoryIO>(bytes);
  if (!in->memory_->context()) return Failure{name, "out of memory"};
  in->source_ = in->memory_->context();
  in->file_size_ = in->memory_->size();
  // No protocol at all: the bytes are the whole input, and the demuxer may open nothing else.
  if (Status opened = in->open_demuxer(name, "none", options); !opened) return opened.failure();
  return in;
}

Status MediaInput::open_demuxer(const std::string& libav_url, const char* protocol_whitelist,
                                const InputOptions& options) {
  cached_ = std::make_unique<HeadCachedIO>(source_);
  if (!cached_->context()) return Failure{uri_, "out of memory"};

  // Find the format ourselves, before any demuxer parses the data, so refused formats never run.
  const AVInputFormat* format = nullptr;
  int ret = av_probe_input_buffer2(cached_->context(), &format, libav_url.c_str(), nullptr, 0, 0);
  if (ret < 0 || !format) {
    if (deadline_passed()) return Failure::io(uri_, reason(ret));
    return Failure{uri_, "not a recognised media file (libav: " + av::av_error_text(ret) + ")",
                   read_error_code(ret, false)};
  }
  if (std::string refused = refused_demuxer(format->name); !refused.empty())
    return Failure::invalid_input(uri_, "refused: the " + refused +
                                            " format refers to other files or hosts, which talkdex does not follow");

  AVFormatContext* ctx = avformat_alloc_context();
  if (!ctx) return Failure{uri_, "out of memory"};
  ctx->pb = cached_->context();
  ctx->flags |= AVFMT_FLAG_CUSTOM_IO;
  ctx->interrupt_callback = AVIOInterruptCB{&MediaInput::interrupt, this};
  ctx->io_open = refuse_nested_open;
  ctx->probesize = options.probesize;
  ctx->max_analyze_duration = options.analyzeduration_us;
  av::Dictionary format_options;
  format_options.set("protocol_whitelist", protocol_whitelist);
  // avformat_open_input frees the context on failure, so ownership passes only on success.
  ret = avformat_open_input(&ctx, libav_url.c_str(), format, format_options.address());
  if (ret < 0)
    return Failure{uri_, "cannot read the container: " + reason(ret), read_error_code(ret, deadline_passed())};
  format_.reset(ctx);

  if (options.read_stream_info || !headers_complete(ctx)) {
    stream_info_read_ = true;
    ret = avformat_find_stream_info(ctx, nullptr);
    if (ret < 0)
      return Failure{uri_, "cannot read stream parameters: " + reason(ret), read_error_code(ret, deadline_passed())};
  }
  return {};
}

}  // namespace talkdex::media_detail
