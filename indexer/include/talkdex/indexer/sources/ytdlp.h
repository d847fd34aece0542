// yt-dlp downloads: a folder as `yt-dlp --write-info-json --write-subs --write-auto-subs` leaves it,
// NAME.mp4|webm|mkv beside NAME.info.json and NAME.LANG.vtt.
//
// Promises:
//  - A video's info.json gives a talk keyed "youtube:ID" (the extractor's name for other sites): title,
//    description, tags, upload_date, duration, webpage_url as its link, and its chapters (start_time,
//    end_time, title) as items of the recording beside it, each with a deep link into the web page (t= on
//    YouTube), so that a search hit on a chapter opens the page at that second.
//  - The event is the playlist the video came from (a playlist info.json, `_type: playlist`, in the same
//    folder with the video's playlist_id), else its channel (or uploader).
//  - Not JSON, not an object, or without id/title: a Failure naming the file and the reason.
// The transcripts (NAME.LANG.vtt) come with the recording as every transcript beside a recording does.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/model.h"

namespace talkdex {

struct YtdlpVideo {
  TalkInfo talk;
  std::vector<TocEntry> chapters;  // source "file", key "file:<start ms>", alias = its number (1-based)
  std::optional<double> duration;
  std::string playlist_id;         // the playlist it was downloaded from, if any
  EventInfo channel;               // the event when there is no playlist: the channel or uploader
};

// Whether the first bytes of a JSON document look like a yt-dlp info.json (video or playlist).
bool looks_like_ytdlp_info(std::string_view head);
// Whether the info.json is a playlist's (`"_type": "playlist"`); nullopt when it is not JSON at all.
std::optional<bool> is_ytdlp_playlist(const std::string& json);

Result<YtdlpVideo> parse_ytdlp_video(const std::string& json, const std::string& item);
// A playlist's info.json as an event (key "youtube-playlist:ID").
Result<EventInfo> parse_ytdlp_playlist(const std::string& json, const std::string& item, std::string* id = nullptr);

// NAME.info.json beside the recording NAME.EXT, when it exists.
std::optional<std::filesystem::path> ytdlp_info_beside(const std::filesystem::path& media);

// The schedule a video's info.json makes: the event (its playlist found in `folder`, else its channel)
// and the one talk. `chapters` receives the recording's items.
Result<Schedule> ytdlp_schedule(const std::string& json, const std::string& item, const std::filesystem::path& folder,
                                std::vector<TocEntry>* chapters = nullptr);

}  // namespace talkdex
