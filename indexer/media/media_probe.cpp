// probe_recording: container headers into a ProbeResult, never decoding a frame.

#include <algorithm>
#include <string_view>

#include "libav.h"
#include "media_input.h"
#include "probe_memory.h"
#include "talkdex/indexer/media/media.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

using media_detail::seconds;

std::string stream_type(AVMediaType type) {
  switch (type) {
    case AVMEDIA_TYPE_VIDEO: return "video";
    case AVMEDIA_TYPE_AUDIO: return "audio";
    case AVMEDIA_TYPE_SUBTITLE: return "subtitle";
    default: return "data";
  }
}

StreamInfo stream_info(const AVStream* st) {
  const AVCodecParameters* par = st->codecpar;
  StreamInfo s;
  s.index = st->index;
  s.type = stream_type(par->codec_type);
  s.codec = avcodec_get_name(par->codec_id);
  // Tags are bytes from the file: the JSON the store keeps (ProbeResult::to_json) takes UTF-8 only.
  s.language = sanitize_utf8(av::dict_value(st->metadata, "language"));
  if (s.language == "und") s.language.clear();
  if (par->codec_type == AVMEDIA_TYPE_VIDEO) {
    s.width = par->width;
    s.height = par->height;
    AVRational rate = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    if (rate.num > 0 && rate.den > 0) s.fps = av_q2d(rate);
  } else if (par->codec_type == AVMEDIA_TYPE_AUDIO) {
    s.channels = par->ch_layout.nb_channels;
    s.sample_rate = par->sample_rate;
  }
  return s;
}

double container_duration(const AVFormatContext* ctx) {
  if (ctx->duration != AV_NOPTS_VALUE && ctx->duration > 0) return seconds(ctx->duration, AV_TIME_BASE_Q);
  double longest = 0;
  for (unsigned i = 0; i < ctx->nb_streams; ++i) {
    const AVStream* st = ctx->streams[i];
    if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
      longest = std::max(longest, seconds(st->duration, st->time_base));
  }
  return longest;
}

std::vector<TocEntry> chapters(const AVFormatContext* ctx) {
  std::vector<TocEntry> out;
  for (unsigned i = 0; i < ctx->nb_chapters; ++i) {
    const AVChapter* ch = ctx->chapters[i];
    TocEntry e;
    e.key = "chapter-" + std::to_string(i + 1);
    e.start = std::max(0.0, seconds(ch->start, ch->time_base));
    if (ch->end != AV_NOPTS_VALUE && ch->end > ch->start) e.end = seconds(ch->end, ch->time_base);
    e.title = sanitize_utf8(trim(av::dict_value(ch->metadata, "title")));
    if (e.title.empty()) e.title = "Chapter " + std::to_string(i + 1);
    e.source = kTocEmbedded;
    e.confidence = 1.0;
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const TocEntry& a, const TocEntry& b) { return a.start < b.start; });
  return out;
}

// A file cut short still has intact headers when they come first (MP4 with moov first, Matroska),
// so the sample index is compared with the size: media that would lie past the end is missing.
std::optional<std::string> truncation(const AVFormatContext* ctx, std::int64_t size) {
  if (size <= 0) return std::nullopt;
  for (unsigned i = 0; i < ctx->nb_streams; ++i) {
    AVStream* st = ctx->streams[i];
    int n = avformat_index_get_entries_count(st);
    if (n <= 0) continue;
    const AVIndexEntry* last = avformat_index_get_entry(st, n - 1);
    if (!last || last->pos < 0) continue;
    std::int64_t end = last->pos + std::max(0, last->size);
    if (end > size)
      return "truncated: stream " + std::to_string(i) + " has media up to byte " + std::to_string(end) +
             " but the file ends at byte " + std::to_string(size);
  }
  return std::nullopt;
}

media_detail::InputOptions input_options(const ProbeOptions& options) {
  media_detail::InputOptions input_options;
  input_options.timeout_seconds = options.timeout_seconds;
  input_options.probesize = options.probesize;
  input_options.analyzeduration_us = options.analyzeduration_us;
  input_options.read_stream_info = options.always_read_stream_info;
  return input_options;
}

Result<ProbeResult> describe(const media_detail::MediaInput& in, const std::string& path_or_url) {
  const AVFormatContext* ctx = in.format();
  ProbeResult r;
  r.uri = path_or_url;
  r.container = ctx->iformat->name;
  r.size_bytes = in.size_bytes();
  if (auto why = truncation(ctx, r.size_bytes)) return Failure{path_or_url, *why, ErrorCode::invalid_input};
  r.duration = container_duration(ctx);
  for (unsigned i = 0; i < ctx->nb_streams; ++i) {
    if (media_detail::is_auxiliary_stream(ctx, ctx->streams[i])) continue;
    r.streams.push_back(stream_info(ctx->streams[i]));
  }
  const AVDictionaryEntry* tag = nullptr;
  while ((tag = av_dict_get(ctx->metadata, "", tag, AV_DICT_IGNORE_SUFFIX)))
    r.tags[sanitize_utf8(to_lower_ascii(tag->key))] = sanitize_utf8(tag->value ? tag->value : "");
  // Ogg keeps the recording's tags in the comment header of each stream, not in the container.
  if (std::string_view(ctx->iformat->name) == "ogg") {
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
      tag = nullptr;
      while ((tag = av_dict_get(ctx->streams[i]->metadata, "", tag, AV_DICT_IGNORE_SUFFIX))) {
        const std::string key = sanitize_utf8(to_lower_ascii(tag->key));
        if (key != "encoder" && key != "language") r.tags.emplace(key, sanitize_utf8(tag->value ? tag->value : ""));
      }
    }
  }
  r.chapters = chapters(ctx);
  r.bytes_read = in.bytes_read();
  r.stream_info_read = in.stream_info_read();
  return r;
}

}  // namespace

Result<ProbeResult> probe_recording(const std::string& path_or_url, const ProbeOptions& options) {
  auto opened = media_detail::MediaInput::open(path_or_url, input_options(options));
  if (!opened) return opened.failure();
  return describe(*opened.value(), path_or_url);
}

Result<ProbeResult> media_detail::probe_memory(std::string_view bytes, const std::string& name,
                                               const ProbeOptions& options) {
  auto opened = MediaInput::open_memory(bytes, name, input_options(options));
  if (!opened) return opened.failure();
  return describe(*opened.value(), name);
}

}  // namespace talkdex
