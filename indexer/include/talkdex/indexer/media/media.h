// Recordings: what a media file or URL holds, and sections cut out of it without re-encoding.
//
// probe_recording() reads the container headers only (never decodes a frame): container, duration,
// streams, tags and the chapters embedded in MP4/QuickTime (chapter track and Nero chpl), Matroska and
// Ogg. clip_recording() copies the packets of a time range into a new MP4 or Matroska file.
//
// Recordings are untrusted input. A local path is read as that one file (protocol "file" only); a URL
// as that one resource (http, https and what they run on, never "file"). Playlists and concatenation
// lists (HLS, DASH, ffconcat, image sequences, ...) are refused before they are parsed, and no demuxer
// may open a second resource, so a crafted file cannot make libav read other files or hosts.
// Every network read is bounded by ProbeOptions::timeout_seconds.
//
// Errors: each function returns a Failure naming the path or URL and the reason (libav's own words
// where libav gave one): missing, empty, truncated or unrecognised files, refused formats, unreachable
// or silent servers, timeouts, output that cannot be written. clip_recording never leaves a
// half-written output: it writes a temporary file beside the output and renames it on success.
// Thread safety: the functions share no state; call them from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/model.h"

namespace talkdex {

struct StreamInfo {
  std::string type;      // video, audio, subtitle or data
  std::string codec;     // libav's codec name: h264, aac, mov_text, subrip, ...
  std::string language;  // ISO 639-2 code as tagged ("eng"), empty when untagged
  int width = 0, height = 0;
  double fps = 0;        // average frame rate, 0 when unknown
  int channels = 0, sample_rate = 0;
  int index = 0;         // the stream's index in the container
};

struct ProbeResult {
  std::string uri;                 // the path or URL probed
  std::string container;           // libav's demuxer name: "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", ...
  double duration = 0;             // seconds, 0 when unknown
  std::int64_t size_bytes = -1;    // -1 when unknown (a server that does not say)
  std::vector<StreamInfo> streams; // audio, video and subtitle streams; a QuickTime chapter track is not one
  std::map<std::string, std::string> tags;  // container tags, keys in lower case: title, artist, date, ...
  std::vector<TocEntry> chapters;  // embedded chapters: source kTocEmbedded, confidence 1, keys "chapter-N"
  std::uint64_t bytes_read = 0;    // bytes read from the file or server while probing
  bool stream_info_read = false;   // true when the headers were incomplete and packets had to be read

  std::string to_json() const;
};

struct ProbeOptions {
  double timeout_seconds = 10;               // the whole probe, connection included
  std::int64_t probesize = 1 << 20;          // at most this many bytes are read to find stream parameters
  std::int64_t analyzeduration_us = 5000000; // ... or this much media time
  // Read packets (avformat_find_stream_info) even when the headers are complete. Slower; for comparison.
  bool always_read_stream_info = false;
};

// Reads the headers of a local file or an http(s) URL.
// Silences libav's own log lines on stderr (process-wide: call once at start-up). talkdex reports every
// media error as a Failure naming the file, so libav's messages are noise for users; developers keep
// them by not calling this (the talkdex command keeps them when TALKDEX_DEBUG is set).
void silence_media_logs();

Result<ProbeResult> probe_recording(const std::string& path_or_url, const ProbeOptions& options = {});

struct ClipResult {
  std::string path;                  // the file written
  std::string container;             // "mp4" or "matroska"
  double requested_start = 0;
  double start = 0;                  // where the clip really begins: the keyframe at or before the request
  double duration = 0;               // seconds of media in the clip
  int streams = 0;                   // streams copied
  std::vector<std::string> converted; // text subtitles converted to the output's text codec
  std::vector<std::string> skipped;  // streams not copied, with the reason ("stream 3 (dvd_subtitle): ...")
};

struct ClipOptions {
  double timeout_seconds = 10;       // each network read, when the input is a URL
};

// Copies [start, end) of `input` (to its end when `end` is none) into `output_path` without re-encoding.
// The output container follows the extension: .mp4 (moov first) or .mkv. The clip starts at the
// keyframe at or before `start`, its timestamps begin at zero, its "title" tag is `title`, and chapters
// that overlap the section are kept, shifted. Audio, video and subtitle streams are copied; text
// subtitles in a codec the output cannot hold (mov_text into .mkv, SubRip into .mp4) are converted to
// its text codec, and any other stream it cannot hold is skipped and named in ClipResult::skipped.
Result<ClipResult> clip_recording(const std::string& input, double start, std::optional<double> end,
                                  const std::string& output_path, const std::string& title,
                                  const ClipOptions& options = {});

}  // namespace talkdex
