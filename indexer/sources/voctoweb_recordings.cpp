// Which of a voctoweb event's recordings the archive keeps, and as what.
//
// voctoweb publishes each talk in many files: h264 and webm in HD and SD, per language and for the
// mixed-language master ("eng-deu"), mp3 and opus audio, slides-only videos, subtitles. A recording in
// the archive is what `play` opens, so one video per language is enough: the best of them.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "talkdex/text.h"
#include "talkdex/indexer/sources/voctoweb.h"

namespace talkdex {
namespace {

bool is_subtitle(const VoctowebRecording& r) {
  return r.mime_type == "text/vtt" || r.mime_type == "application/x-subrip" || r.mime_type == "text/srt";
}

// Higher is better: h264 plays everywhere, then webm; high quality; the larger picture; the speaker
// camera before a slides-only recording (folder "slides").
std::tuple<int, int, int, int> video_rank(const VoctowebRecording& r) {
  int codec = r.mime_type == "video/mp4" ? 2 : r.mime_type == "video/webm" ? 1 : 0;
  int camera = r.folder.find("slides") == std::string::npos ? 1 : 0;
  return {camera, codec, r.high_quality ? 1 : 0, r.width * r.height};
}

}  // namespace

VoctowebMedia choose_recordings(const std::vector<VoctowebRecording>& recordings) {
  VoctowebMedia out;
  std::map<std::string, const VoctowebRecording*> best;  // language -> video
  for (const VoctowebRecording& r : recordings) {
    if (starts_with_icase(r.mime_type, "video/")) {
      const VoctowebRecording*& b = best[r.language];
      if (!b || video_rank(r) > video_rank(*b)) b = &r;
    } else if (starts_with_icase(r.mime_type, "audio/")) {
      out.audio.push_back(r);
    } else if (is_subtitle(r)) {
      out.subtitles.push_back(r);
    } else {
      out.warnings.push_back(fmt::format("recording {}: type {} is not a video, audio or subtitle file; skipped",
                                         r.url, r.mime_type.empty() ? "(none)" : r.mime_type));
    }
  }
  for (const auto& [language, r] : best) out.videos.push_back(*r);
  return out;
}

}  // namespace talkdex
