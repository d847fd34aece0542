// The folder scan's probe: the media module's probe_recording, reduced to what the store keeps.
#include "import/recording_probe.h"

#include "talkdex/indexer/media/media.h"

namespace talkdex {

Result<ProbedRecording> probe_local_recording(const std::string& path) {
  // The scan reports a file that fails with libav's reason; libav's own log lines would say it twice.
  silence_media_logs();
  auto probe = probe_recording(path);
  if (!probe) return probe.failure();
  ProbedRecording out;
  out.container = probe->container;
  if (probe->duration > 0) out.duration = probe->duration;
  out.chapters = probe->chapters;
  for (auto& c : out.chapters) c.talk_key.clear();
  out.json = probe->to_json();
  out.tags = probe->tags;
  for (const auto& st : probe->streams) out.has_subtitle_streams = out.has_subtitle_streams || st.type == "subtitle";
  return out;
}

}  // namespace talkdex
