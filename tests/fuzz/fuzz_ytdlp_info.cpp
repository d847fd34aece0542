// yt-dlp's NAME.info.json: a video (its talk, chapters and channel) or a playlist (an event).
#include "fuzz_support.h"
#include "talkdex/indexer/sources/ytdlp.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string content(talkdex::fuzz::text_of(data, size));
  talkdex::fuzz::detect("video.info.json", content);
  (void)talkdex::looks_like_ytdlp_info(content);
  auto playlist = talkdex::is_ytdlp_playlist(content);
  if (playlist && *playlist) {
    std::string id;
    (void)talkdex::parse_ytdlp_playlist(content, "playlist.info.json", &id);
  }
  // The folder is searched for the playlist's own info.json; a missing one is the usual case.
  std::vector<talkdex::TocEntry> chapters;
  (void)talkdex::ytdlp_schedule(content, "video.info.json", "/nonexistent/talkdex-fuzz", &chapters);
  return 0;
}
