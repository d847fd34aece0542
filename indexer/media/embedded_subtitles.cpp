#include "talkdex/indexer/media/embedded_subtitles.h"

#include <map>

#include "libav.h"
#include "media_input.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

using media_detail::MediaInput;

struct SubtitleFree {
  void operator()(AVSubtitle* s) const noexcept {
    avsubtitle_free(s);
    delete s;
  }
};
using Subtitle = std::unique_ptr<AVSubtitle, SubtitleFree>;

// An ASS event line as libav's text decoders give it: "ReadOrder,Layer,Style,Name,MarginL,MarginR,
// MarginV,Effect,Text". The text is after the eighth comma; override blocks {\...} are dropped.
std::string ass_text(const char* ass) {
  std::string_view s(ass);
  for (int commas = 0; commas < 8 && !s.empty(); s.remove_prefix(1))
    if (s.front() == ',') ++commas;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') {
      size_t close = s.find('}', i);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'N' || s[i + 1] == 'n')) {
      out += '\n';
      ++i;
    } else {
      out += s[i];
    }
  }
  return trim(out);
}

struct Decoder {
  av::CodecContext codec;
  EmbeddedTranscript transcript;
};

}  // namespace

Result<std::vector<EmbeddedTranscript>> read_embedded_subtitles(const std::string& path_or_url, double timeout_seconds) {
  media_detail::InputOptions options;
  options.timeout_seconds = timeout_seconds;
  auto opened = MediaInput::open(path_or_url, options);
  if (!opened) return opened.failure();
  MediaInput& input = **opened;
  AVFormatContext* fmt = input.format();

  std::map<int, Decoder> decoders;
  for (unsigned i = 0; i < fmt->nb_streams; ++i) {
    AVStream* st = fmt->streams[i];
    if (st->codecpar->codec_type != AVMEDIA_TYPE_SUBTITLE) {
      st->discard = AVDISCARD_ALL;  // only the text streams are demuxed into packets we look at
      continue;
    }
    const AVCodecDescriptor* desc = avcodec_descriptor_get(st->codecpar->codec_id);
    const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!desc || !(desc->props & AV_CODEC_PROP_TEXT_SUB) || !codec) {
      st->discard = AVDISCARD_ALL;  // bitmap subtitles (DVD, PGS) carry no text
      continue;
    }
    Decoder d;
    d.codec.reset(avcodec_alloc_context3(codec));
    if (!d.codec || avcodec_parameters_to_context(d.codec.get(), st->codecpar) < 0) continue;
    d.codec->pkt_timebase = st->time_base;
    if (avcodec_open2(d.codec.get(), codec, nullptr) < 0) continue;
    d.transcript.stream_index = static_cast<int>(i);
    d.transcript.language = av::dict_value(st->metadata, "language");
    d.transcript.codec = desc->name;
    decoders.emplace(static_cast<int>(i), std::move(d));
  }
  std::vector<EmbeddedTranscript> out;
  if (decoders.empty()) return out;

  av::Packet packet(av_packet_alloc());
  if (!packet) return Failure{path_or_url, "out of memory", ErrorCode::io};
  for (;;) {
    input.restart_deadline();
    int rc = av_read_frame(fmt, packet.get());
    if (rc == AVERROR_EOF) break;
    if (rc < 0) return Failure{path_or_url, input.reason(rc), ErrorCode::io};
    auto it = decoders.find(packet->stream_index);
    if (it != decoders.end()) {
      AVStream* st = fmt->streams[packet->stream_index];
      Subtitle sub(new AVSubtitle{});
      int got = 0;
      if (avcodec_decode_subtitle2(it->second.codec.get(), sub.get(), &got, packet.get()) >= 0 && got) {
        std::string text;
        for (unsigned r = 0; r < sub->num_rects; ++r) {
          const AVSubtitleRect* rect = sub->rects[r];
          std::string line = rect->ass ? ass_text(rect->ass) : rect->text ? trim(rect->text) : "";
          if (!line.empty()) text += (text.empty() ? "" : "\n") + line;
        }
        double start = media_detail::seconds(packet->pts, st->time_base);
        double duration = packet->duration > 0 ? av_q2d(st->time_base) * static_cast<double>(packet->duration)
                                                : sub->end_display_time / 1000.0;
        if (!text.empty()) {
          Cue cue;
          cue.start = start + sub->start_display_time / 1000.0;
          cue.end = start + duration;
          cue.text = sanitize_utf8(text);
          it->second.transcript.cues.push_back(std::move(cue));
        }
      }
    }
    av_packet_unref(packet.get());
  }
  for (auto& [index, d] : decoders) out.push_back(std::move(d.transcript));
  return out;
}

}  // namespace talkdex
