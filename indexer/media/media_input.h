// Opening an untrusted recording for demuxing, safely and with a deadline.
//
// MediaInput is what probe_recording() and clip_recording() share:
//  - a local path is opened as "file:" + path with protocol_whitelist=file, so "concat:", "subfile,"
//    and other protocol prefixes in a file name are just characters of the name;
//  - a URL is opened with protocol_whitelist=http,https,tcp,tls, so a redirect to file: fails;
//  - the format is probed on our own AVIOContext before any demuxer parses the input, and formats that
//    open further resources (playlists, concatenation lists, image sequences, ...) are refused by name;
//  - the demuxer gets an io_open callback that refuses every nested open, as a second line of defence;
//  - an AVIOInterruptCB checks a deadline, and rw_timeout/timeout bound each network read.
// Owns the AVIOContext and the AVFormatContext; not copyable or movable (libav keeps a pointer to the
// deadline).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "head_cached_io.h"
#include "libav.h"
#include "memory_io.h"
#include "talkdex/error.h"

namespace talkdex::media_detail {

struct InputOptions {
  double timeout_seconds = 10;
  std::int64_t probesize = 1 << 20;
  std::int64_t analyzeduration_us = 5000000;
  // Always run avformat_find_stream_info: remuxing needs what only packets tell (decode timestamps of
  // Matroska video, audio frame sizes), probing does not.
  bool read_stream_info = false;
};

class MediaInput {
 public:
  MediaInput(const MediaInput&) = delete;
  MediaInput& operator=(const MediaInput&) = delete;

  // Opens and reads the headers; calls avformat_find_stream_info only when the headers leave a stream's
  // parameters or the duration unknown.
  static Result<std::unique_ptr<MediaInput>> open(const std::string& path_or_url, const InputOptions& options);
  // The same format checks, refusals and demuxer set-up over bytes in memory, which must outlive the
  // input: what the media prober's fuzz target reads (tests/fuzz). `name` names it in failures.
  static Result<std::unique_ptr<MediaInput>> open_memory(std::string_view bytes, const std::string& name,
                                                         const InputOptions& options);

  AVFormatContext* format() const { return format_.get(); }
  const std::string& uri() const { return uri_; }
  bool is_url() const { return is_url_; }
  std::int64_t size_bytes() const;             // -1 when unknown
  std::uint64_t bytes_read() const;            // bytes read from the file or server so far
  bool stream_info_read() const { return stream_info_read_; }

  // Restarts the deadline: now + timeout_seconds. Long reads (a clip) call it before each packet.
  void restart_deadline();
  bool deadline_passed() const;
  // The reason for a failed libav call: libav's text, or the timeout when the deadline stopped it.
  std::string reason(int averror) const;

 private:
  explicit MediaInput(std::string uri, bool is_url, double timeout_seconds);
  static int interrupt(void* opaque);
  // Over source_: keeps its head (HeadCachedIO), tells the format, refuses the formats that follow
  // references, opens the demuxer and reads stream parameters when the headers leave them unknown.
  Status open_demuxer(const std::string& libav_url, const char* protocol_whitelist, const InputOptions& options);

  std::string uri_;
  bool is_url_ = false;
  double timeout_seconds_ = 10;
  std::chrono::steady_clock::time_point deadline_;
  std::int64_t file_size_ = -1;
  bool stream_info_read_ = false;
  // Declared in this order so the demuxer is closed before the contexts it reads from.
  av::IOContext io_;                      // the file or URL (avio_open2)
  std::unique_ptr<MemoryIO> memory_;      // or the bytes given to open_memory
  AVIOContext* source_ = nullptr;         // whichever of the two is open
  std::unique_ptr<HeadCachedIO> cached_;  // what the demuxer reads: io_ with its head kept in memory
  av::InputContext format_;
};

// Demuxers refused before they parse anything, whatever the input: they read resources other than the
// one they were given (playlists, file lists, image sequences, sidecar files, sessions, scripts).
// Returns the refused name among a demuxer's comma-separated `names`, or "" when none is refused.
std::string refused_demuxer(const char* names);

// True for http:// and https:// (any case).
bool is_http_url(const std::string& s);

// Seconds of a libav timestamp in `tb`, or `fallback` when it is AV_NOPTS_VALUE.
double seconds(std::int64_t ts, AVRational tb, double fallback = 0);

// True for a QuickTime chapter track or a cover picture: streams that carry no media of the recording.
bool is_auxiliary_stream(const AVFormatContext* ctx, const AVStream* st);

}  // namespace talkdex::media_detail
