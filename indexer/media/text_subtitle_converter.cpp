#include "text_subtitle_converter.h"

#include <cstring>
#include <vector>

namespace talkdex::media_detail {

Result<std::unique_ptr<TextSubtitleConverter>> TextSubtitleConverter::create(const AVStream* in, AVCodecID target) {
  const AVCodecDescriptor* desc = avcodec_descriptor_get(in->codecpar->codec_id);
  if (!desc || desc->type != AVMEDIA_TYPE_SUBTITLE || !(desc->props & AV_CODEC_PROP_TEXT_SUB))
    return Failure{"", "not a text subtitle"};
  const AVCodec* dec = avcodec_find_decoder(in->codecpar->codec_id);
  const AVCodec* enc = avcodec_find_encoder(target);
  if (!dec || !enc) return Failure{"", "no decoder or encoder to convert it"};

  std::unique_ptr<TextSubtitleConverter> c(new TextSubtitleConverter);
  c->decoder_.reset(avcodec_alloc_context3(dec));
  c->encoder_.reset(avcodec_alloc_context3(enc));
  if (!c->decoder_ || !c->encoder_) return Failure{"", "out of memory"};
  int ret = avcodec_parameters_to_context(c->decoder_.get(), in->codecpar);
  if (ret >= 0) {
    c->decoder_->pkt_timebase = in->time_base;
    ret = avcodec_open2(c->decoder_.get(), dec, nullptr);
  }
  if (ret < 0) return Failure{"", "cannot open the " + std::string(dec->name) + " decoder: " + av::av_error_text(ret)};
  // The encoder styles its output from the ASS header the decoder made.
  if (!c->decoder_->subtitle_header || c->decoder_->subtitle_header_size <= 0)
    return Failure{"", "the " + std::string(dec->name) + " decoder gave no style header"};
  const auto size = static_cast<std::size_t>(c->decoder_->subtitle_header_size);
  c->encoder_->subtitle_header = static_cast<std::uint8_t*>(av_mallocz(size + 1));
  if (!c->encoder_->subtitle_header) return Failure{"", "out of memory"};
  std::memcpy(c->encoder_->subtitle_header, c->decoder_->subtitle_header, size);
  c->encoder_->subtitle_header_size = static_cast<int>(size);
  c->encoder_->time_base = in->time_base;
  c->encoder_->width = in->codecpar->width;
  c->encoder_->height = in->codecpar->height;
  ret = avcodec_open2(c->encoder_.get(), enc, nullptr);
  if (ret < 0) return Failure{"", "cannot open the " + std::string(enc->name) + " encoder: " + av::av_error_text(ret)};
  return c;
}

int TextSubtitleConverter::convert(AVPacket* pkt) {
  AVSubtitle sub{};
  int got = 0;
  int ret = avcodec_decode_subtitle2(decoder_.get(), &sub, &got, pkt);
  if (ret < 0) return ret;
  if (!got) return 1;
  std::vector<std::uint8_t> buf(64 * 1024);
  int size = sub.num_rects > 0 ? avcodec_encode_subtitle(encoder_.get(), buf.data(), static_cast<int>(buf.size()), &sub) : 0;
  avsubtitle_free(&sub);
  if (size < 0) return size;
  if (size == 0) return 1;
  const std::int64_t pts = pkt->pts, dts = pkt->dts, duration = pkt->duration;
  const int stream_index = pkt->stream_index;
  av_packet_unref(pkt);
  ret = av_new_packet(pkt, size);
  if (ret < 0) return ret;
  std::memcpy(pkt->data, buf.data(), static_cast<std::size_t>(size));
  pkt->pts = pts;
  pkt->dts = dts;
  pkt->duration = duration;
  pkt->stream_index = stream_index;
  pkt->flags |= AV_PKT_FLAG_KEY;
  return 0;
}

}  // namespace talkdex::media_detail
