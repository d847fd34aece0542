// yt-dlp's info.json -> a talk, its chapters and its event (nlohmann-json).
//
// yt-dlp writes every field its extractor knows; most may be null or missing (a channel without a
// handle, a video without chapters), so only id and title are required.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "import/json_input.h"
#include "import/input_file.h"
#include "schedule/schedule_common.h"
#include "talkdex/links.h"
#include "talkdex/text.h"
#include "talkdex/indexer/sources/ytdlp.h"

namespace talkdex {
namespace fs = std::filesystem;
namespace {

using Json = nlohmann::json;

Result<Json> read_object(const std::string& text, const std::string& item) {
  if (auto deep = json_input::too_deep_at(text)) return Failure{item, json_input::too_deep_reason(*deep)};
  try {
    Json doc = Json::parse(text);
    if (!doc.is_object()) return Failure{item, "not a yt-dlp info.json: the JSON is not an object",
        ErrorCode::invalid_input};
    return doc;
  } catch (const Json::parse_error& e) {
    if (e.byte >= text.size()) return Failure{item, fmt::format("the info.json is cut short after {} bytes", text.size()), ErrorCode::invalid_input};
    return Failure{item, fmt::format("malformed JSON at byte {}", e.byte), ErrorCode::invalid_input};
  } catch (const Json::out_of_range&) {
    // nlohmann-json reports a number past a double's range (1e400) so, not as a parse_error.
    return Failure{item, "malformed JSON: a number too large to read", ErrorCode::invalid_input};
  }
}

std::string text_of(const Json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || !it->is_string()) return "";
  return trim(it->get<std::string>());
}

std::optional<double> seconds_of(const Json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || !it->is_number()) return std::nullopt;
  double v = it->get<double>();
  return std::isfinite(v) && v >= 0 ? std::optional<double>(v) : std::nullopt;
}

// "20191227" -> "2019-12-27"
std::string upload_day(const std::string& d) {
  if (d.size() != 8 || d.find_first_not_of("0123456789") != std::string::npos) return "";
  return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
}

std::string extractor_of(const Json& doc) {
  std::string e = to_lower_ascii(text_of(doc, "extractor_key"));
  if (e.empty()) e = to_lower_ascii(text_of(doc, "extractor"));
  if (e.empty() || e == "youtubetab") e = "youtube";
  return e;
}

}  // namespace

bool looks_like_ytdlp_info(std::string_view head) {
  return head.find("\"webpage_url\"") != std::string_view::npos &&
         (head.find("\"extractor\"") != std::string_view::npos || head.find("\"extractor_key\"") != std::string_view::npos ||
          head.find("\"_type\"") != std::string_view::npos);
}

std::optional<bool> is_ytdlp_playlist(const std::string& json) {
  Json doc = Json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  return text_of(doc, "_type") == "playlist";
}

Result<YtdlpVideo> parse_ytdlp_video(const std::string& json, const std::string& item) {
  auto doc = read_object(json, item);
  if (!doc) return doc.failure();
  YtdlpVideo v;
  std::string id = text_of(*doc, "id");
  v.talk.title = text_of(*doc, "title");
  if (id.empty()) return Failure{item, "the info.json has no id", ErrorCode::invalid_input};
  if (v.talk.title.empty()) return Failure{item, "the info.json has no title", ErrorCode::invalid_input};
  if (text_of(*doc, "_type") == "playlist") return Failure{item, "a playlist's info.json, not a video's",
      ErrorCode::invalid_input};
  v.talk.key = extractor_of(*doc) + ":" + id;
  v.talk.kind = "talk";
  v.talk.abstract = text_of(*doc, "description");
  v.talk.start = upload_day(text_of(*doc, "upload_date"));
  v.talk.language = text_of(*doc, "language");
  v.duration = seconds_of(*doc, "duration");
  if (auto tags = doc->find("tags"); tags != doc->end() && tags->is_array()) {
    for (const auto& t : *tags) {
      if (!t.is_string() || trim(t.get<std::string>()).empty()) continue;
      if (!v.talk.track.empty()) v.talk.track += ", ";
      v.talk.track += trim(t.get<std::string>());
    }
  }
  std::string page = text_of(*doc, "webpage_url");
  v.talk.url = page;
  if (!page.empty()) v.talk.links.push_back(Link{page, extractor_of(*doc) == "youtube" ? "YouTube" : "Web page", {}});
  if (auto chapters = doc->find("chapters"); chapters != doc->end() && chapters->is_array()) {
    int n = 0;
    for (const auto& c : *chapters) {
      if (!c.is_object()) continue;
      auto start = seconds_of(c, "start_time");
      if (!start) continue;
      TocEntry e;
      e.start = *start;
      e.end = seconds_of(c, "end_time");
      if (e.end && *e.end < e.start) e.end.reset();
      e.title = text_of(c, "title");
      e.source = kTocFile;
      e.key = fmt::format("file:{}", std::llround(e.start * 1000));
      e.talk_key = v.talk.key;
      e.alias = ++n;
      if (!page.empty()) v.talk.links.push_back(Link{link_at(page, e.start), e.title, n});
      v.chapters.push_back(std::move(e));
    }
  }
  v.playlist_id = text_of(*doc, "playlist_id");
  std::string channel = text_of(*doc, "channel");
  if (channel.empty()) channel = text_of(*doc, "uploader");
  std::string channel_id = text_of(*doc, "channel_id");
  if (channel_id.empty()) channel_id = text_of(*doc, "uploader_id");
  if (channel_id.empty()) channel_id = channel;
  if (channel.empty()) channel = channel_id;
  if (channel.empty()) channel = channel_id = extractor_of(*doc);
  v.channel.key = extractor_of(*doc) + "-channel:" + channel_id;
  v.channel.title = channel;
  v.channel.kind = "channel";
  v.channel.url = text_of(*doc, "channel_url");
  if (v.channel.url.empty()) v.channel.url = text_of(*doc, "uploader_url");
  return v;
}

Result<EventInfo> parse_ytdlp_playlist(const std::string& json, const std::string& item, std::string* id_out) {
  auto doc = read_object(json, item);
  if (!doc) return doc.failure();
  if (text_of(*doc, "_type") != "playlist") return Failure{item, "not a playlist's info.json (no \"_type\": \"playlist\")",
      ErrorCode::invalid_input};
  std::string id = text_of(*doc, "id");
  if (id.empty()) return Failure{item, "the playlist's info.json has no id", ErrorCode::invalid_input};
  EventInfo e;
  e.key = extractor_of(*doc) + "-playlist:" + id;
  e.title = text_of(*doc, "title");
  if (e.title.empty()) e.title = id;
  e.kind = "playlist";
  e.abstract = text_of(*doc, "description");
  e.url = text_of(*doc, "webpage_url");
  e.venue = text_of(*doc, "channel");
  if (e.venue.empty()) e.venue = text_of(*doc, "uploader");
  if (id_out) *id_out = id;
  return e;
}

std::optional<fs::path> ytdlp_info_beside(const fs::path& media) {
  fs::path info = media.parent_path() / (media.stem().string() + ".info.json");
  std::error_code ec;
  if (fs::is_regular_file(info, ec)) return info;
  return std::nullopt;
}

Result<Schedule> ytdlp_schedule(const std::string& json, const std::string& item, const fs::path& folder,
                                std::vector<TocEntry>* chapters) {
  auto video = parse_ytdlp_video(json, item);
  if (!video) return video.failure();
  Schedule s;
  s.event = video->channel;
  // The playlist's info.json names the event: yt-dlp writes it beside the videos it downloaded.
  std::error_code ec;
  if (!video->playlist_id.empty()) {
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.ends_with(".info.json") || !it->is_regular_file(ec)) continue;
      auto file = InputFile::open(it->path().string(), InputUse::Beside);
      if (!file) continue;
      auto head = file->head(4096);
      if (!head || head->find("\"playlist\"") == std::string::npos || head->find(video->playlist_id) == std::string::npos)
        continue;
      auto text = file->read_all();
      if (!text) continue;
      std::string id;
      auto playlist = parse_ytdlp_playlist(*text, it->path().string(), &id);
      if (playlist && id == video->playlist_id) {
        s.event = std::move(*playlist);
        break;
      }
    }
  }
  if (chapters) *chapters = video->chapters;
  s.talks.push_back(std::move(video->talk));
  schedule_detail::cut_long_titles(s);
  return s;
}

}  // namespace talkdex
