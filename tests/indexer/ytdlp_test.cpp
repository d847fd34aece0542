// yt-dlp downloads: info.json as a talk with chapters and deep links, the playlist's info.json as the
// event, a followed folder as yt-dlp leaves it (a recording made by the project's generator), and
// YouTube's rolled-up automatic captions read word by word.
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include "media_fixtures.h"
#include "talkdex/indexer/sources/folder_scan.h"
#include "talkdex/indexer/import/importer.h"
#include "talkdex/limits.h"
#include "talkdex/scan_state.h"
#include "talkdex/text.h"
#include "talkdex/store.h"
#include "talkdex/indexer/transcripts/subtitles.h"
#include "talkdex/indexer/sources/ytdlp.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::TempDir;

namespace {

// A video's info.json in yt-dlp's shape (the fields talkdex reads among many it does not).
std::string video_info(const std::string& id, const std::string& playlist_id) {
  return R"({"id": ")" + id + R"(", "title": "Entropy in the kernel", "formats": [{"format_id": "18", "ext": "mp4"}],
  "thumbnail": "https://i.ytimg.com/vi/)" + id + R"(/maxresdefault.jpg",
  "description": "How Linux gathers randomness.\nSlides: https://example.org/slides.pdf",
  "channel_id": "UC2TXq_t06Hjdr2g_KdKpHQg", "channel_url": "https://www.youtube.com/channel/UC2TXq_t06Hjdr2g_KdKpHQg",
  "duration": 12, "view_count": 4242, "webpage_url": "https://www.youtube.com/watch?v=)" + id + R"(",
  "categories": ["Science & Technology"], "tags": ["linux", "entropy"], "live_status": "not_live",
  "chapters": [{"start_time": 0.0, "title": "Opening", "end_time": 5.0},
               {"start_time": 5.0, "title": "The entropy pool", "end_time": 10.0},
               {"start_time": 10.0, "title": "Questions", "end_time": 12.0}],
  "channel": "media.ccc.de", "uploader": "media.ccc.de", "uploader_id": "@mediacccde",
  "upload_date": "20191228", "playlist": "36C3", "playlist_id": ")" + playlist_id + R"(", "playlist_index": 3,
  "extractor": "youtube", "extractor_key": "Youtube", "webpage_url_basename": "watch", "_type": "video",
  "_version": {"version": "2023.03.04", "release_git_head": null, "repository": "yt-dlp/yt-dlp"}})";
}

std::string playlist_info(const std::string& id) {
  return R"({"id": ")" + id + R"(", "title": "36C3: Resource Exhaustion", "availability": "public",
  "channel_follower_count": null, "description": "All talks of the 36th Chaos Communication Congress",
  "tags": [], "modified_date": "20200110", "view_count": 1234, "playlist_count": 3, "channel": "media.ccc.de",
  "channel_id": "UC2TXq_t06Hjdr2g_KdKpHQg", "uploader_id": "@mediacccde", "uploader": "media.ccc.de",
  "channel_url": "https://www.youtube.com/channel/UC2TXq_t06Hjdr2g_KdKpHQg", "_type": "playlist",
  "webpage_url": "https://www.youtube.com/playlist?list=)" + id + R"(", "extractor": "youtube:tab",
  "extractor_key": "YoutubeTab", "epoch": 1679000000})";
}

// YouTube's automatic captions: each cue shows the line before it above the new, word-timed line, and a
// 10 ms cue shows each finished line alone.
const char* kRolledUp = R"(WEBVTT
Kind: captions
Language: en

00:00:00.000 --> 00:00:02.990 align:start position:0%
 
welcome<00:00:00.480><c> to</c><00:00:00.720><c> the</c><00:00:01.040><c> entropy</c><00:00:01.600><c> talk</c>

00:00:02.990 --> 00:00:03.000 align:start position:0%
welcome to the entropy talk
 

00:00:03.000 --> 00:00:06.000 align:start position:0%
welcome to the entropy talk
today<00:00:03.500><c> we</c><00:00:03.800><c> measure</c><00:00:04.700><c> randomness</c>

00:00:06.000 --> 00:00:06.010 align:start position:0%
today we measure randomness
 

00:00:06.010 --> 00:00:09.000 align:start position:0%
today we measure randomness
in<00:00:07.250><c> kernels</c>

00:00:09.000 --> 00:00:09.010 align:start position:0%
in kernels
 
)";

std::map<std::string, int> word_counts(const std::string& text) {
  std::map<std::string, int> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) ++out[w];
  return out;
}

}  // namespace

TEST_CASE("yt-dlp: a video's info.json is a talk with its link, chapters and t= deep links") {
  auto v = parse_ytdlp_video(video_info("dQw4w9WgXcQ", "PL1"), "v.info.json");
  REQUIRE(v.ok());
  CHECK(v->talk.key == "youtube:dQw4w9WgXcQ");
  CHECK(v->talk.title == "Entropy in the kernel");
  CHECK(v->talk.start == "2019-12-28");
  CHECK(v->talk.track == "linux, entropy");
  CHECK(v->talk.abstract.rfind("How Linux gathers randomness.", 0) == 0);
  CHECK(v->duration == doctest::Approx(12));
  CHECK(v->playlist_id == "PL1");
  CHECK(v->channel.title == "media.ccc.de");
  REQUIRE(v->chapters.size() == 3);
  CHECK(v->chapters[1].start == 5.0);
  CHECK(v->chapters[1].end == 10.0);
  CHECK(v->chapters[1].title == "The entropy pool");
  CHECK(v->chapters[1].alias == 2);
  REQUIRE(v->talk.links.size() == 4);
  CHECK(v->talk.links[0].url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  CHECK(v->talk.links[2].url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5");
  CHECK(v->talk.links[2].tocitem == 2);

  auto bad = parse_ytdlp_video(R"({"title": "no id", "webpage_url": "https://x"})", "x.info.json");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.failure().message() == "x.info.json: the info.json has no id");
  auto cut = parse_ytdlp_video(video_info("abc", "").substr(0, 100), "cut.info.json");
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.failure().message() == "cut.info.json: the info.json is cut short after 100 bytes");
}

TEST_CASE("yt-dlp: rolled-up automatic captions give each word once, at its own time") {
  auto cues = parse_webvtt(kRolledUp, "talk.en.vtt");
  REQUIRE(cues.ok());
  auto passages = group_passages(*cues, 30);
  REQUIRE(passages.size() == 1);
  const Passage& p = passages[0];
  CHECK(p.text == "welcome to the entropy talk today we measure randomness in kernels");
  for (const auto& [word, n] : word_counts(p.text)) CHECK_MESSAGE(n == 1, word);
  std::vector<double> expected = {0.0, 0.48, 0.72, 1.04, 1.6, 3.0, 3.5, 3.8, 4.7, 6.01, 7.25};
  REQUIRE(p.word_starts.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(p.word_starts[i] == doctest::Approx(expected[i]));
  CHECK(p.start == 0.0);
  CHECK(p.end == doctest::Approx(7.25));

  // Passages split by time start at their first word's own time, not at a cue's start.
  auto short_passages = group_passages(*cues, 3);
  REQUIRE(short_passages.size() >= 2);
  CHECK(short_passages[1].text.rfind("today", 0) == 0);
  CHECK(short_passages[1].start == doctest::Approx(3.0));
}

TEST_CASE("yt-dlp: a followed folder gives the talk, its playlist's event, chapters and transcript") {
  TempDir dir;
  auto media = dir / "Entropy in the kernel [abc123].mp4";
  test::make_media(test::talk_spec(media));
  test::write_file(dir / "Entropy in the kernel [abc123].info.json", video_info("abc123", "PLxyz"));
  test::write_file(dir / "36C3 [PLxyz].info.json", playlist_info("PLxyz"));
  test::write_file(dir / "Entropy in the kernel [abc123].en.vtt", kRolledUp);
  Store store(dir / "talkdex.sqlite");
  ScanState(store).follow(dir.path().string());
  ScanReport report = scan_followed_folders(store);
  CHECK(report.failures.empty());
  CHECK(report.recordings_written == 1);

  auto talk = store.talk_by_key("youtube:abc123");
  REQUIRE(talk);
  CHECK(talk->info.title == "Entropy in the kernel");
  CHECK(talk->event_title == "36C3: Resource Exhaustion");  // the playlist names the event
  auto rec = store.recording_by_uri(media.string());
  REQUIRE(rec);
  CHECK(rec->talk_id == talk->id);
  auto items = store.toc_items_for_recording(rec->id);
  REQUIRE(items.size() == 3);  // the info.json's chapters, not the generator's embedded ones again
  CHECK(items[1].entry.title == "The entropy pool");
  CHECK(items[1].entry.alias == 2);
  CHECK(items[1].talk_id == talk->id);
  std::vector<PassageRow> passages;
  for (auto& p : store.passages_for_recording(rec->id))
    if (p.language == "en") passages.push_back(p);  // the generator's subtitle stream is French
  REQUIRE(passages.size() == 1);
  for (const auto& [word, n] : word_counts(passages[0].passage.text)) CHECK_MESSAGE(n == 1, word);

  // Nothing changed: a second scan writes nothing.
  std::int64_t rev = store.revision();
  scan_followed_folders(store);
  CHECK(store.revision() == rev);

  // The info.json alone, corrected, is read again by `import` (and `index`, by its content hash).
  std::string fixed = video_info("abc123", "PLxyz");
  fixed.replace(fixed.find("Entropy in the kernel"), 21, "Entropy in the Linux kernel");
  test::write_file(dir / "Entropy in the kernel [abc123].info.json", fixed);
  ImportOutcome o = Importer(store, ImportOptions{}).import((dir / "Entropy in the kernel [abc123].info.json").string());
  REQUIRE(o.ok());
  CHECK(o.kind == InputKind::YtdlpInfo);
  CHECK(store.talk_by_key("youtube:abc123")->info.title == "Entropy in the Linux kernel");
  CHECK(store.counts().talks == 1);
}

TEST_CASE("yt-dlp: without a playlist, the channel is the event") {
  TempDir dir;
  test::write_file(dir / "v.info.json", video_info("zzz", ""));
  Store store(dir / "talkdex.sqlite");
  ImportOutcome o = Importer(store, ImportOptions{}).import((dir / "v.info.json").string());
  REQUIRE(o.ok());
  auto talk = store.talk_by_key("youtube:zzz");
  REQUIRE(talk);
  CHECK(talk->event_title == "media.ccc.de");
}

TEST_CASE("yt-dlp: importing the video file reads the info.json beside it") {
  TempDir dir;
  auto media = dir / "clip.mp4";
  test::make_media(test::talk_spec(media));
  test::write_file(dir / "clip.info.json", video_info("clip1", ""));
  Store store(dir / "talkdex.sqlite");
  ImportOutcome o = Importer(store, ImportOptions{}).import(media.string());
  REQUIRE(o.ok());
  auto talk = store.talk_by_key("youtube:clip1");
  REQUIRE(talk);
  auto rec = store.recording_by_uri(media.string());
  REQUIRE(rec);
  CHECK(rec->talk_id == talk->id);
  auto items = store.toc_items_for_talk(talk->id);
  REQUIRE(items.size() >= 3);
  bool pool = false;
  for (const auto& it : items) pool = pool || it.entry.title == "The entropy pool";
  CHECK(pool);
}

TEST_CASE("yt-dlp: a title longer than the limit is cut, with a warning") {
  std::string json = video_info("abc", "");
  std::string long_title(3 * limits::kMaxTitleBytes, 'x');
  json = replace_all(json, "\"Entropy in the kernel\"", "\"" + long_title + "\"");
  TempDir dir;
  auto s = ytdlp_schedule(json, "long.info.json", dir.path(), nullptr);
  REQUIRE(s.ok());
  REQUIRE(s->talks.size() == 1);
  CHECK(s->talks[0].title == std::string(limits::kMaxTitleBytes, 'x'));
  REQUIRE(s->warnings.size() == 1);
  CHECK(s->warnings[0].find("longer than 1000 bytes (the limit): cut there") != std::string::npos);
}
