// Interim prober over libavformat, until the media module (talkdex/media.h) lands on main; then this
// file becomes a call to probe_recording().
#include "recording_probe.h"

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/error.h>
}

#include <memory>
#include <nlohmann/json.hpp>

namespace talkdex {
namespace {

struct InputFree {
  void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};

std::string av_text(int err) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(err, buf, sizeof buf);
  return buf;
}

}  // namespace

Result<ProbedRecording> probe_local_recording(const std::string& path) {
  av_log_set_level(AV_LOG_QUIET);
  AVFormatContext* raw = nullptr;
  int rc = avformat_open_input(&raw, ("file:" + path).c_str(), nullptr, nullptr);
  if (rc < 0) return Failure{path, av_text(rc)};  // avformat_open_input freed the context
  std::unique_ptr<AVFormatContext, InputFree> ctx(raw);
  rc = avformat_find_stream_info(ctx.get(), nullptr);
  if (rc < 0) return Failure{path, av_text(rc)};
  if (ctx->nb_streams == 0) return Failure{path, "no audio or video streams"};
  ProbedRecording out;
  out.container = ctx->iformat->name;
  if (ctx->duration > 0) out.duration = static_cast<double>(ctx->duration) / AV_TIME_BASE;
  for (unsigned i = 0; i < ctx->nb_chapters; ++i) {
    const AVChapter* c = ctx->chapters[i];
    TocEntry e;
    e.key = "chapter-" + std::to_string(i + 1);
    e.start = std::max(0.0, static_cast<double>(c->start) * av_q2d(c->time_base));
    double end = static_cast<double>(c->end) * av_q2d(c->time_base);
    if (end > e.start) e.end = end;
    if (const AVDictionaryEntry* t = av_dict_get(c->metadata, "title", nullptr, 0)) e.title = t->value;
    e.source = kTocEmbedded;
    out.chapters.push_back(std::move(e));
  }
  nlohmann::json j = {{"container", out.container},
                      {"duration", out.duration ? nlohmann::json(*out.duration) : nlohmann::json()},
                      {"streams", ctx->nb_streams},
                      {"chapters", out.chapters.size()}};
  out.json = j.dump();
  return out;
}

}  // namespace talkdex
