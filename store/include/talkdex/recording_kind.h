// What a recording's URI points at: a media file or stream that libav can read, or a player page.
//
// A player or embed page (VideoKen, YouTube watch and embed pages, Vimeo, SlidesLive, a media.ccc.de
// `/v/` page) is a link for a person to open in a browser, not a recording: libav cannot read it, so it
// is never probed, decoded or handed to a media player. The archive keeps it as a link, still a target
// for the schedule's moments (a `?tocitem=` or `#t=` link opens the page there).
// Told from the URI alone, so the answer is the same wherever a URI is stored or shown.
#pragma once

#include <string>
#include <string_view>

namespace talkdex {

enum class RecordingKind {
  file,         // a local file
  media_url,    // an http(s) URL of a media file or stream
  player_page,  // an http(s) URL of a page that plays the video
};

RecordingKind recording_kind(std::string_view uri);

inline bool is_player_page(std::string_view uri) { return recording_kind(uri) == RecordingKind::player_page; }

// The name people know a recording's container by ("mp4", "mkv", "webm", "mp3", "ogg"), from libav's
// demuxer name ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm") and the file's extension: an MP4 is not a
// "mov recording". Empty for an empty demuxer name.
std::string container_name(std::string_view demuxer, std::string_view uri);

// "file", "url" or "page": the name `show --json` prints.
const char* recording_kind_name(RecordingKind kind);

}  // namespace talkdex
