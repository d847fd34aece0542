// voctoweb's conference and event documents -> VoctowebConference, VoctowebEvent (nlohmann-json).
//
// Only the fields talkdex uses are checked; voctoweb adds fields over the years and leaves many null
// (subtitle, description, poster_url), so a null or missing optional field is simply empty.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "import/json_input.h"
#include "schedule/schedule_common.h"
#include "talkdex/text.h"
#include "talkdex/indexer/sources/voctoweb.h"

namespace talkdex {
namespace {

using Json = nlohmann::json;

struct Broken {
  std::string reason;
};

// The document as JSON, or why it is not: an HTML page where JSON was expected gets its own reason.
Result<Json> read_json(const std::string& text, const std::string& item, const char* what) {
  std::string_view s = text;
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  if (!s.empty() && s.front() == '<')
    return Failure{item, fmt::format("an HTML page, not the {} JSON (a login or captcha page?)", what), ErrorCode::invalid_input};
  if (auto deep = json_input::too_deep_at(text)) return Failure{item, json_input::too_deep_reason(*deep), ErrorCode::invalid_input};
  try {
    Json doc = Json::parse(text);
    if (!doc.is_object()) return Failure{item, fmt::format("not a {} document: the JSON is not an object", what), ErrorCode::invalid_input};
    return doc;
  } catch (const Json::parse_error& e) {
    if (e.byte >= text.size())
      return Failure{item, fmt::format("the {} JSON is cut short after {} bytes", what, text.size()), ErrorCode::invalid_input};
    return Failure{item, fmt::format("malformed JSON at byte {}", e.byte), ErrorCode::invalid_input};
  } catch (const Json::out_of_range&) {
    // nlohmann-json reports a number past a double's range (1e400) so, not as a parse_error.
    return Failure{item, "malformed JSON: a number too large to read", ErrorCode::invalid_input};
  }
}

std::string text_of(const Json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return "";
  if (it->is_string()) return trim(it->get<std::string>());
  if (it->is_number()) return it->dump();
  throw Broken{fmt::format("{} is not a string", name)};
}

const std::string& required_text(const Json& obj, const char* name, std::string& out) {
  out = text_of(obj, name);
  if (out.empty()) throw Broken{fmt::format("{} is missing", name)};
  return out;
}

std::optional<double> number_of(const Json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) throw Broken{fmt::format("{} is not a number", name)};
  double v = it->get<double>();
  if (!std::isfinite(v) || v < 0) throw Broken{fmt::format("{} is not a length in seconds", name)};
  return v;
}

std::vector<std::string> strings_of(const Json& obj, const char* name) {
  std::vector<std::string> out;
  auto it = obj.find(name);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) throw Broken{fmt::format("{} is not a list", name)};
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& v = (*it)[i];
    if (!v.is_string()) throw Broken{fmt::format("{}[{}] is not a string", name, i)};
    std::string s = trim(v.get<std::string>());
    if (!s.empty()) out.push_back(std::move(s));
  }
  return out;
}

VoctowebRecording read_recording(const Json& r) {
  if (!r.is_object()) throw Broken{"is not an object"};
  VoctowebRecording out;
  required_text(r, "recording_url", out.url);
  required_text(r, "mime_type", out.mime_type);
  out.mime_type = to_lower_ascii(out.mime_type);
  out.language = to_lower_ascii(text_of(r, "language"));
  out.folder = text_of(r, "folder");
  auto hq = r.find("high_quality");
  out.high_quality = hq != r.end() && hq->is_boolean() && hq->get<bool>();
  out.width = static_cast<int>(number_of(r, "width").value_or(0));
  out.height = static_cast<int>(number_of(r, "height").value_or(0));
  out.length = number_of(r, "length");
  return out;
}

TalkInfo read_talk(const Json& e) {
  TalkInfo t;
  required_text(e, "guid", t.key);
  required_text(e, "title", t.title);
  t.subtitle = text_of(e, "subtitle");
  t.abstract = text_of(e, "description");
  t.kind = "talk";
  t.language = text_of(e, "original_language");
  for (const auto& name : strings_of(e, "persons")) t.people.push_back(PersonRef{name, "", kRoleSpeaker});
  std::vector<std::string> tags = strings_of(e, "tags");
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (i) t.track += ", ";
    t.track += tags[i];
  }
  // "2019-12-27T11:00:00.000+01:00": the talk's start, with the congress's UTC offset.
  if (auto stamp = schedule_detail::parse_stamp(text_of(e, "date"))) {
    t.start = stamp->iso();
    auto length = number_of(e, "duration");
    if (!length) length = number_of(e, "length");
    if (length && *length > 0)
      t.end = schedule_detail::add_seconds(*stamp, std::llround(*length)).iso();
  }
  t.url = text_of(e, "link");  // the talk's page in the congress's schedule, when voctoweb has it
  schedule_detail::add_link(t.links, text_of(e, "frontend_link"), "media.ccc.de");
  schedule_detail::add_link(t.links, text_of(e, "thumb_url"), "Thumbnail");
  schedule_detail::add_link(t.links, text_of(e, "poster_url"), "Poster");
  schedule_detail::add_link(t.links, text_of(e, "timeline_url"), "Timeline");
  schedule_detail::add_link(t.links, text_of(e, "thumbnails_url"), "Thumbnails");
  return t;
}

}  // namespace

Result<VoctowebConference> parse_voctoweb_conference(const std::string& text, const std::string& item) {
  auto doc = read_json(text, item, "conference");
  if (!doc) return doc.failure();
  try {
    VoctowebConference c;
    required_text(*doc, "acronym", c.acronym);
    c.title = text_of(*doc, "title");
    if (c.title.empty()) c.title = c.acronym;
    c.url = text_of(*doc, "url");
    auto events = doc->find("events");
    if (events == doc->end() || !events->is_array()) throw Broken{"events is missing or not a list"};
    for (std::size_t i = 0; i < events->size(); ++i) {
      const Json& e = (*events)[i];
      std::string url;
      try {
        if (!e.is_object()) throw Broken{"is not an object"};
        required_text(e, "url", url);
      } catch (const Broken& b) {
        throw Broken{fmt::format("events[{}]: {}", i, b.reason)};
      }
      c.event_urls.push_back(url);
    }
    c.event.key = "voctoweb:" + c.acronym;
    c.event.title = c.title;
    c.event.kind = "conference";
    c.event.url = text_of(*doc, "link");
    if (c.event.url.empty()) c.event.url = c.url;
    c.event.abstract = text_of(*doc, "description");
    return c;
  } catch (const Broken& b) {
    return Failure{item, "conference: " + b.reason, ErrorCode::invalid_input};
  }
}

Result<VoctowebEvent> parse_voctoweb_event(const std::string& text, const std::string& item) {
  auto doc = read_json(text, item, "event");
  if (!doc) return doc.failure();
  try {
    VoctowebEvent e;
    e.talk = read_talk(*doc);
    auto recordings = doc->find("recordings");
    if (recordings != doc->end() && !recordings->is_null()) {
      if (!recordings->is_array()) throw Broken{"recordings is not a list"};
      for (std::size_t i = 0; i < recordings->size(); ++i) {
        try {
          e.recordings.push_back(read_recording((*recordings)[i]));
        } catch (const Broken& b) {
          throw Broken{fmt::format("recordings[{}]: {}", i, b.reason)};
        }
      }
    }
    return e;
  } catch (const Broken& b) {
    return Failure{item, "event: " + b.reason, ErrorCode::invalid_input};
  }
}

bool is_voctoweb_conference_url(const std::string& url) {
  if (!starts_with_icase(url, "http://") && !starts_with_icase(url, "https://")) return false;
  std::string path = url.substr(url.find("://") + 3);
  path = path.substr(std::min(path.find('/'), path.size()));
  path = path.substr(0, path.find_first_of("?#"));
  auto at = path.find("/public/conferences/");
  return at != std::string::npos && at + 20 < path.size();
}

bool looks_like_voctoweb_conference(std::string_view head) {
  return head.find("\"acronym\"") != std::string_view::npos && head.find("\"events\"") != std::string_view::npos &&
         head.find("\"schedule\"") == std::string_view::npos;
}

}  // namespace talkdex
