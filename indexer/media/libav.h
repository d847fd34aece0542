// The one place FFmpeg's C headers are included, with RAII owners for every libav handle.
//
// Every AVFormatContext, AVCodecContext, AVFrame, AVPacket, SwsContext, AVDictionary and AVIOContext that
// talkdex creates lives in one of the std::unique_ptr types below, so an early return never leaks.
// av_err2str does not compile in C++ (it uses a compound literal); av_error_text() is the replacement.
// Private to the indexer and the test media generator: nothing here appears in a public header.
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavformat/avio.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/dict.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/mathematics.h>
#include <libavutil/opt.h>
#include <libavutil/rational.h>
#include <libswscale/swscale.h>
}

#include <cstdint>
#include <memory>
#include <string>

namespace talkdex::av {

// libav's message for an AVERROR code, e.g. "No such file or directory".
inline std::string av_error_text(int errnum) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
  if (av_strerror(errnum, buf, sizeof buf) < 0) return "libav error " + std::to_string(errnum);
  return buf;
}

// A demuxer context from avformat_open_input. When it was opened on a caller's AVIOContext
// (AVFMT_FLAG_CUSTOM_IO), closing it leaves that AVIOContext to its own owner.
struct InputContextFree {
  void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};
using InputContext = std::unique_ptr<AVFormatContext, InputContextFree>;

// A muxer context from avformat_alloc_output_context2, with the file it writes to (if opened).
struct OutputContextFree {
  void operator()(AVFormatContext* ctx) const {
    if (!ctx) return;
    if (ctx->oformat && !(ctx->oformat->flags & AVFMT_NOFILE)) avio_closep(&ctx->pb);
    avformat_free_context(ctx);
  }
};
using OutputContext = std::unique_ptr<AVFormatContext, OutputContextFree>;

struct CodecContextFree {
  void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
using CodecContext = std::unique_ptr<AVCodecContext, CodecContextFree>;

struct FrameFree {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
using Frame = std::unique_ptr<AVFrame, FrameFree>;

struct PacketFree {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
using Packet = std::unique_ptr<AVPacket, PacketFree>;

struct SwsContextFree {
  void operator()(SwsContext* s) const { sws_freeContext(s); }
};
using ScaleContext = std::unique_ptr<SwsContext, SwsContextFree>;

// An AVIOContext opened with avio_open2 (closed with avio_closep).
struct IOContextFree {
  void operator()(AVIOContext* io) const { avio_closep(&io); }
};
using IOContext = std::unique_ptr<AVIOContext, IOContextFree>;

// An AVIOContext from avio_alloc_context with our callbacks; libav may have replaced its buffer.
struct CustomIOContextFree {
  void operator()(AVIOContext* io) const {
    if (io) av_freep(&io->buffer);
    avio_context_free(&io);
  }
};
using CustomIOContext = std::unique_ptr<AVIOContext, CustomIOContextFree>;

// A read-only AVIOContext whose reads and seeks call `read` and `seek` with `opaque`, over a 32 KiB buffer;
// null when out of memory.
inline CustomIOContext make_custom_io(void* opaque, int (*read)(void*, std::uint8_t*, int),
                                      std::int64_t (*seek)(void*, std::int64_t, int)) {
  constexpr int kBufferSize = 32 * 1024;
  auto* buffer = static_cast<unsigned char*>(av_malloc(kBufferSize));
  if (!buffer) return nullptr;
  AVIOContext* io = avio_alloc_context(buffer, kBufferSize, 0, opaque, read, nullptr, seek);
  if (!io) av_free(buffer);
  return CustomIOContext(io);
}

// An options dictionary. libav functions that take AVDictionary** consume the entries they use and
// leave the rest, so the owner frees whatever is left.
class Dictionary {
 public:
  Dictionary() = default;
  ~Dictionary() { av_dict_free(&dict_); }
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;
  void set(const char* key, const std::string& value) { av_dict_set(&dict_, key, value.c_str(), 0); }
  AVDictionary** address() { return &dict_; }
  AVDictionary* get() const { return dict_; }

 private:
  AVDictionary* dict_ = nullptr;
};

// The value of a metadata key, or "" when absent.
inline std::string dict_value(const AVDictionary* dict, const char* key) {
  const AVDictionaryEntry* e = av_dict_get(dict, key, nullptr, 0);
  return e && e->value ? e->value : "";
}

// Appends a chapter to a muxer context (libav has no public function for it; the context frees it).
// Returns 0 or an AVERROR.
inline int add_chapter(AVFormatContext* ctx, std::int64_t id, AVRational time_base, std::int64_t start,
                       std::int64_t end, const std::string& title) {
  auto* chapter = static_cast<AVChapter*>(av_mallocz(sizeof(AVChapter)));
  if (!chapter) return AVERROR(ENOMEM);
  void* grown = av_realloc_array(ctx->chapters, ctx->nb_chapters + 1, sizeof(*ctx->chapters));
  if (!grown) {
    av_free(chapter);
    return AVERROR(ENOMEM);
  }
  ctx->chapters = static_cast<AVChapter**>(grown);
  chapter->id = id;
  chapter->time_base = time_base;
  chapter->start = start;
  chapter->end = end;
  if (!title.empty()) av_dict_set(&chapter->metadata, "title", title.c_str(), 0);
  ctx->chapters[ctx->nb_chapters++] = chapter;
  return 0;
}

}  // namespace talkdex::av
