// The kinds of input `talkdex import` reads, and how a kind is told from the content.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace talkdex {

enum class InputKind {
  WorkshopPage,        // ICML-style workshop page, as text or HTML
  FrabXml,             // frab/pentabarf schedule.xml
  ScheduleJson,        // frab/pretalx schedule.json
  ChaptersVtt,         // WebVTT chapters (NAME.chapters.vtt)
  FfMetadata,          // FFmpeg ;FFMETADATA1
  YoutubeDescription,  // "00:00 Intro" lines
  ChaptersJson,        // talkdex's JSON chapter list
  Subtitles,           // WebVTT or SRT transcript
  Media,               // a recording, probed with libav
  Voctoweb,            // a media.ccc.de (voctoweb) conference: its events, recordings and subtitles
  YtdlpInfo,           // yt-dlp's NAME.info.json: a video's talk and chapters, or a playlist's event
};

// The name used on the command line (--kind) and stored with a source: "workshop-page", "frab-xml", ...
std::string_view kind_name(InputKind kind);
std::optional<InputKind> kind_from_name(std::string_view name);
std::vector<std::string> kind_names();

// Tells the kind from the first bytes of the content (and the name, for the sidecar conventions
// NAME.chapters.vtt and .srt). nullopt when it is none of the known kinds.
std::optional<InputKind> detect_kind(std::string_view name, std::string_view head);

// Whether a WebVTT file is a chapter list rather than a transcript: at least two cues, each one line,
// each beginning where the one before ends, kChapterLikeSeconds or longer on average (the last, often
// zero-length, left out), as `talkdex chapters --format vtt` writes them. Captions have several lines,
// gaps or a few seconds each. detect_kind reads such a file (or NAME.chapters.vtt) as chapters-vtt.
inline constexpr double kChapterLikeSeconds = 20;
bool looks_like_chapter_vtt(std::string_view content);

// Whether a URL names a media file by its extension (.mp4, .mkv, .webm, ...), so that it is probed
// instead of downloaded.
bool looks_like_media_url(const std::string& url);

}  // namespace talkdex
