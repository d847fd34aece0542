// Converts text subtitle packets from one codec to another (mov_text <-> SubRip) through libavcodec's
// ASS events, for clips into a container that cannot hold the source's subtitle codec. Only text is
// converted (no pictures), so no audio or video is ever re-encoded.
#pragma once

#include <memory>
#include <string>

#include "libav.h"
#include "talkdex/error.h"

namespace talkdex::media_detail {

class TextSubtitleConverter {
 public:
  // A converter from the stream's codec to `target`; a Failure (item empty) when the stream is not a text
  // subtitle or this libavcodec lacks the decoder or encoder.
  static Result<std::unique_ptr<TextSubtitleConverter>> create(const AVStream* in, AVCodecID target);

  // Codec parameters of the converted stream.
  int parameters(AVCodecParameters* par) const { return avcodec_parameters_from_context(par, encoder_.get()); }

  // Replaces the packet's payload with the converted text, keeping its timing. Returns 0 when the packet
  // was converted, 1 when it holds no text (a gap marker: drop it), or an AVERROR.
  int convert(AVPacket* pkt);

 private:
  TextSubtitleConverter() = default;
  av::CodecContext decoder_, encoder_;
};

}  // namespace talkdex::media_detail
