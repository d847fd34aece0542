#include "talkdex/recording_kind.h"

#include <string>
#include <vector>

#include "talkdex/text.h"

namespace talkdex {

RecordingKind recording_kind(std::string_view uri) {
  std::string u = to_lower_ascii(uri);
  std::string_view rest;
  if (u.rfind("https://", 0) == 0) rest = std::string_view(u).substr(8);
  else if (u.rfind("http://", 0) == 0) rest = std::string_view(u).substr(7);
  else return RecordingKind::file;
  std::string_view host = rest.substr(0, rest.find('/'));
  std::string_view path = rest.substr(host.size());
  path = path.substr(0, path.find_first_of("?#"));
  if (host.rfind("www.", 0) == 0) host.remove_prefix(4);
  if (host.rfind("m.", 0) == 0) host.remove_prefix(2);
  auto host_is = [&](std::string_view h) {
    return host == h || (host.size() > h.size() && host.substr(host.size() - h.size()) == h &&
                         host[host.size() - h.size() - 1] == '.');
  };
  // Pages that play a video: the whole host, or the page paths of a media host.
  if (host_is("videoken.com") || host_is("youtu.be") || host_is("vimeo.com") || host_is("slideslive.com") ||
      host_is("youtube-nocookie.com"))
    return RecordingKind::player_page;
  if (host_is("youtube.com") && (path.rfind("/watch", 0) == 0 || path.rfind("/embed/", 0) == 0 ||
                                 path.rfind("/live/", 0) == 0 || path.rfind("/shorts/", 0) == 0 ||
                                 path.rfind("/v/", 0) == 0))
    return RecordingKind::player_page;
  if (host == "media.ccc.de" && path.rfind("/v/", 0) == 0) {
    // media.ccc.de/v/SLUG is the talk's page; its files are on cdn.media.ccc.de. A /v/SLUG/... URL
    // ending in a media extension is still a file.
    for (std::string_view ext : {".mp4", ".webm", ".mkv", ".mp3", ".opus", ".ogg"})
      if (path.size() > ext.size() && path.substr(path.size() - ext.size()) == ext) return RecordingKind::media_url;
    return RecordingKind::player_page;
  }
  return RecordingKind::media_url;
}

std::string container_name(std::string_view demuxer, std::string_view uri) {
  if (demuxer.empty()) return "";
  std::string path = to_lower_ascii(uri.substr(0, uri.find_first_of("?#")));
  std::string name = path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  std::string ext = name.find('.') == std::string::npos ? "" : name.substr(name.find_last_of('.') + 1);
  std::vector<std::string> names = split(std::string(demuxer), ',');
  // The extension, when it is one of the names the demuxer reads (a .webm read by "matroska,webm").
  for (const auto& n : names)
    if (!ext.empty() && n == ext) return ext;
  if (demuxer.rfind("mov,", 0) == 0) return ext == "m4v" || ext == "m4a" || ext == "mov" ? ext : "mp4";
  if (demuxer.rfind("matroska", 0) == 0) return "mkv";
  if (names.front() == "mpegts") return "ts";
  return names.front();
}

const char* recording_kind_name(RecordingKind kind) {
  switch (kind) {
    case RecordingKind::file: return "file";
    case RecordingKind::media_url: return "url";
    case RecordingKind::player_page: return "page";
  }
  return "file";
}

}  // namespace talkdex
