// content_type_matches (declared in talkdex/fetch.h): which HTTP media types fit which input kind.
#include <string>
#include <string_view>

#include "talkdex/indexer/fetch/fetch.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_xml(std::string_view type) {
  return type == "application/xml" || type == "text/xml" || ends_with(type, "+xml");
}

bool is_json(std::string_view type) {
  return type == "application/json" || type == "text/json" || ends_with(type, "+json");
}

bool is_subtitles(std::string_view type) {
  return type == "text/vtt" || type == "text/srt" || type == "application/x-subrip" ||
         type == "application/x-srt" || type == "text/x-srt";
}

bool is_media(std::string_view type) {
  return type.substr(0, 6) == "video/" || type.substr(0, 6) == "audio/" || type == "application/ogg" ||
         type == "application/mp4" || type == "application/x-matroska" || type == "application/mxf";
}

}  // namespace

bool content_type_matches(std::string_view content_type, InputKind expected) {
  // "Text/XML; charset=UTF-8" -> "text/xml"
  std::string type = to_lower_ascii(trim(content_type.substr(0, content_type.find(';'))));
  if (type.empty() || type == "application/octet-stream" || type == "binary/octet-stream") return true;
  bool plain = type == "text/plain";
  switch (expected) {
    case InputKind::WorkshopPage:
      return plain || type == "text/html" || type == "application/xhtml+xml";
    case InputKind::FrabXml:
      return plain || is_xml(type);
    case InputKind::ScheduleJson:
    case InputKind::ChaptersJson:
    case InputKind::Voctoweb:
    case InputKind::YtdlpInfo:
      return plain || is_json(type);
    case InputKind::ChaptersVtt:
    case InputKind::Subtitles:
      return plain || is_subtitles(type);
    case InputKind::FfMetadata:
    case InputKind::YoutubeDescription:
      return plain;
    case InputKind::Media:
      return is_media(type);
  }
  return false;
}

}  // namespace talkdex
