#include "talkdex/indexer/import/input_kind.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstring>
#include <utility>

#include "talkdex/indexer/transcripts/subtitles.h"
#include "talkdex/text.h"
#include "talkdex/indexer/sources/voctoweb.h"
#include "talkdex/indexer/sources/ytdlp.h"

namespace talkdex {
namespace {

constexpr std::array<std::pair<InputKind, std::string_view>, 11> kNames = {{
    {InputKind::WorkshopPage, "workshop-page"},
    {InputKind::FrabXml, "frab-xml"},
    {InputKind::ScheduleJson, "schedule-json"},
    {InputKind::ChaptersVtt, "chapters-vtt"},
    {InputKind::FfMetadata, "ffmetadata"},
    {InputKind::YoutubeDescription, "youtube-description"},
    {InputKind::ChaptersJson, "chapters-json"},
    {InputKind::Subtitles, "subtitles"},
    {InputKind::Media, "media"},
    {InputKind::Voctoweb, "voctoweb"},
    {InputKind::YtdlpInfo, "ytdlp-info"},
}};

bool ends_with_icase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && to_lower_ascii(s.substr(s.size() - suffix.size())) == suffix;
}

std::string_view skip_bom_and_space(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t'))
    s.remove_prefix(1);
  return s;
}

bool looks_like_media(std::string_view head) {
  auto has = [&](size_t at, std::string_view magic) { return head.size() >= at + magic.size() && head.substr(at, magic.size()) == magic; };
  return has(4, "ftyp") || has(0, "\x1A\x45\xDF\xA3") || has(0, "OggS") || has(0, "RIFF") || has(0, "ID3") ||
         has(0, "fLaC") || (head.size() > 188 && head[0] == 0x47 && head[188] == 0x47) || has(4, "moov") ||
         has(4, "mdat") || has(4, "free") || has(4, "wide");
}

// A line "H:MM:SS Title" or "Title H:MM:SS" somewhere near the start.
bool has_timestamp_lines(std::string_view s) {
  int hits = 0;
  for (const auto& line : split(s.substr(0, 8192), '\n')) {
    std::string t = trim(line);
    if (t.size() < 4) continue;
    size_t sp = t.find(' ');
    std::string first = t.substr(0, sp);
    std::string last = t.substr(t.rfind(' ') + 1);
    if ((first.find(':') != std::string::npos && parse_hms(first)) ||
        (last.find(':') != std::string::npos && parse_hms(last)))
      ++hits;
  }
  return hits >= 2;
}

}  // namespace

std::string_view kind_name(InputKind kind) {
  for (const auto& [k, n] : kNames)
    if (k == kind) return n;
  return "unknown";
}

std::optional<InputKind> kind_from_name(std::string_view name) {
  for (const auto& [k, n] : kNames)
    if (n == name) return k;
  return std::nullopt;
}

std::vector<std::string> kind_names() {
  std::vector<std::string> out;
  for (const auto& [k, n] : kNames) out.emplace_back(n);
  return out;
}

bool looks_like_chapter_vtt(std::string_view content) {
  auto cues = parse_webvtt(content, "", nullptr);
  if (!cues || cues->size() < 2) return false;
  double spoken = 0;
  for (std::size_t i = 0; i < cues->size(); ++i) {
    const Cue& c = (*cues)[i];
    if (c.text.find('\n') != std::string::npos) return false;
    if (i > 0 && std::abs(c.start - (*cues)[i - 1].end) > 0.001) return false;
    if (i + 1 < cues->size()) spoken += c.end - c.start;
  }
  return spoken / static_cast<double>(cues->size() - 1) >= kChapterLikeSeconds;
}

std::optional<InputKind> detect_kind(std::string_view name, std::string_view head) {
  if (looks_like_media(head)) return InputKind::Media;
  std::string_view s = skip_bom_and_space(head);
  // UTF-16/32 text (SRT files come that way) is sniffed by its byte-order mark.
  bool wide_bom = head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF" ||
                  head.substr(0, 4) == std::string_view("\x00\x00\xFE\xFF", 4);
  if (wide_bom && ends_with_icase(name, ".srt")) return InputKind::Subtitles;
  if (s.substr(0, 12) == ";FFMETADATA1") return InputKind::FfMetadata;
  if (s.substr(0, 6) == "WEBVTT") {
    bool chapters = ends_with_icase(name, ".chapters.vtt") || looks_like_chapter_vtt(head);
    return chapters ? InputKind::ChaptersVtt : InputKind::Subtitles;
  }
  std::string lower = to_lower_ascii(s.substr(0, 4096));
  if (s.substr(0, 1) == "<") {
    if (lower.find("<schedule") != std::string::npos) return InputKind::FrabXml;
    if (lower.find("<html") != std::string::npos || lower.find("<!doctype html") != std::string::npos ||
        lower.find("<div") != std::string::npos || lower.find("<body") != std::string::npos)
      return InputKind::WorkshopPage;
    return std::nullopt;
  }
  if (s.substr(0, 1) == "{" || s.substr(0, 1) == "[") {
    // yt-dlp's formats list can push its telling fields far past the head: the name says it too.
    if (s.substr(0, 1) == "{" && (ends_with_icase(name, ".info.json") || looks_like_ytdlp_info(s.substr(0, 65536))))
      return InputKind::YtdlpInfo;
    if (lower.find("\"schedule\"") != std::string::npos) return InputKind::ScheduleJson;
    if (s.substr(0, 1) == "{" && looks_like_voctoweb_conference(s.substr(0, 65536))) return InputKind::Voctoweb;
    if (lower.find("\"chapters\"") != std::string::npos || s.substr(0, 1) == "[") return InputKind::ChaptersJson;
    return std::nullopt;
  }
  if (ends_with_icase(name, ".srt") || ends_with_icase(name, ".vtt")) return InputKind::Subtitles;
  // An SRT file: a cue number line then a "00:00:01,000 --> ..." line.
  if (lower.find("-->") != std::string::npos && lower.find(',') != std::string::npos) return InputKind::Subtitles;
  // A workshop page as text: a time-of-day schedule line ("08:45 AM Opening Remarks").
  if (lower.find(" am ") != std::string::npos || lower.find(" pm ") != std::string::npos) {
    for (const auto& line : split(s.substr(0, 16384), '\n')) {
      std::string t = trim(line);
      if (t.size() > 9 && std::isdigit(static_cast<unsigned char>(t[0])) && t[2] == ':' &&
          (t.substr(6, 2) == "AM" || t.substr(6, 2) == "PM"))
        return InputKind::WorkshopPage;
    }
  }
  if (has_timestamp_lines(s)) return InputKind::YoutubeDescription;
  return std::nullopt;
}

bool looks_like_media_url(const std::string& url) {
  std::string path = to_lower_ascii(url.substr(0, url.find_first_of("?#")));
  for (const char* ext : {".mp4", ".m4v", ".mkv", ".webm", ".mov", ".ogv", ".ogg", ".mp3", ".m4a", ".opus", ".ts"}) {
    std::string e = ext;
    if (path.size() > e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

}  // namespace talkdex
