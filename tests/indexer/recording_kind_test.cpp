// Player pages are told from recordings by their URI alone (issue 10 §4).
#include <doctest/doctest.h>

#include <string>

#include "talkdex/recording_kind.h"

using namespace talkdex;

TEST_CASE("recording kind: player and embed pages, media URLs and files") {
  for (const char* page : {"https://videoken.com/embed/NJjqOnuvpKc", "https://videoken.com/embed/NJjqOnuvpKc?tocitem=24",
                           "https://www.youtube.com/watch?v=l_05jiMixRE&t=60", "https://youtube.com/embed/l_05jiMixRE",
                           "https://m.youtube.com/watch?v=x", "https://youtu.be/l_05jiMixRE",
                           "https://www.youtube-nocookie.com/embed/x", "https://vimeo.com/123456",
                           "https://player.vimeo.com/video/123456", "https://slideslive.com/38917123/talk",
                           "https://media.ccc.de/v/38c3-1234-some-talk", "HTTPS://MEDIA.CCC.DE/v/38c3-1234-x#t=60"})
    CHECK_MESSAGE(recording_kind(page) == RecordingKind::player_page, page);
  for (const char* url : {"https://cdn.media.ccc.de/congress/2024/h264-hd/38c3-1234-deu-x.mp4",
                          "https://media.ccc.de/v/38c3-1234-x/talk.webm", "https://example.org/talks/one.mkv",
                          "http://example.org/stream"})
    CHECK_MESSAGE(recording_kind(url) == RecordingKind::media_url, url);
  for (const char* file : {"/home/u/videos/talk.mp4", "talk.mkv", "videoken.com/embed/x"})
    CHECK_MESSAGE(recording_kind(file) == RecordingKind::file, file);
  CHECK(is_player_page("https://youtu.be/x"));
  CHECK(std::string(recording_kind_name(RecordingKind::player_page)) == "page");
}
