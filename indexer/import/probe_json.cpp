// ProbeResult as JSON: plain data, so it lives outside the media module and costs no libav.
#include <nlohmann/json.hpp>

#include "talkdex/indexer/media/media.h"
#include "talkdex/text.h"

namespace talkdex {

std::string ProbeResult::to_json() const {
  nlohmann::json j;
  j["uri"] = uri;
  j["container"] = container;
  j["duration"] = round_ms(duration);
  if (size_bytes >= 0) j["size_bytes"] = size_bytes;
  j["bytes_read"] = bytes_read;
  j["tags"] = tags;
  auto& streams_json = j["streams"] = nlohmann::json::array();
  for (const StreamInfo& s : streams) {
    nlohmann::json o{{"index", s.index}, {"type", s.type}, {"codec", s.codec}};
    if (!s.language.empty()) o["language"] = s.language;
    if (s.type == "video") {
      o["width"] = s.width;
      o["height"] = s.height;
      if (s.fps > 0) o["fps"] = s.fps;
    } else if (s.type == "audio") {
      o["channels"] = s.channels;
      o["sample_rate"] = s.sample_rate;
    }
    streams_json.push_back(std::move(o));
  }
  auto& chapters_json = j["chapters"] = nlohmann::json::array();
  for (const TocEntry& c : chapters) {
    nlohmann::json o{{"key", c.key}, {"start", round_ms(c.start)}, {"title", c.title}, {"source", c.source}};
    if (c.end) o["end"] = round_ms(*c.end);
    chapters_json.push_back(std::move(o));
  }
  // The prober makes tags and titles valid UTF-8; a local file's name may still be any bytes.
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace talkdex
