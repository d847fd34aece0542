// probe_recording on recordings made by the test media generator: chapters, streams, tags, duration,
// and the proof that probing reads headers only.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "media_fixtures.h"
#include "talkdex/indexer/media/media.h"
#include "test_support.h"

using namespace talkdex;
using talkdex::test::TempDir;

namespace {

const std::string kVideoCodec = mediagen::default_video_encoder() == "libx264" ? "h264" : "mpeg4";

const StreamInfo* find_stream(const ProbeResult& r, const std::string& type) {
  for (const auto& s : r.streams)
    if (s.type == type) return &s;
  return nullptr;
}

void check_talk(const ProbeResult& r, const mediagen::MediaSpec& spec, const std::string& subtitle_codec) {
  CHECK(r.uri == spec.path);
  CHECK(r.duration == doctest::Approx(spec.duration).epsilon(0.01));
  CHECK(r.size_bytes == static_cast<std::int64_t>(std::filesystem::file_size(spec.path)));

  // Video, audio and the subtitles; MP4's hidden chapter-title track is not a stream of the talk.
  REQUIRE(r.streams.size() == 3);
  const StreamInfo* video = find_stream(r, "video");
  REQUIRE(video);
  CHECK(video->codec == kVideoCodec);
  CHECK(video->width == 160);
  CHECK(video->height == 120);
  CHECK(video->fps == doctest::Approx(10).epsilon(0.01));
  const StreamInfo* audio = find_stream(r, "audio");
  REQUIRE(audio);
  CHECK(audio->codec == "aac");
  CHECK(audio->channels == 1);
  CHECK(audio->sample_rate == 16000);
  const StreamInfo* subtitle = find_stream(r, "subtitle");
  REQUIRE(subtitle);
  CHECK(subtitle->codec == subtitle_codec);
  CHECK(subtitle->language == "fra");

  REQUIRE(r.chapters.size() == spec.chapters.size());
  const double frame = mediagen::frame_duration(spec.fps);
  for (std::size_t i = 0; i < spec.chapters.size(); ++i) {
    CAPTURE(i);
    const TocEntry& c = r.chapters[i];
    CHECK(c.title == spec.chapters[i].title);
    CHECK(std::abs(c.start - spec.chapters[i].start) < frame);
    REQUIRE(c.end.has_value());
    CHECK(std::abs(*c.end - spec.chapters[i].end) < frame);
    CHECK(c.source == kTocEmbedded);
    CHECK(c.confidence == 1.0);
    CHECK(c.key == "chapter-" + std::to_string(i + 1));
  }
  for (const auto& tag : spec.tags) {
    const std::string& key = tag.first;  // not a structured binding: clang 14 cannot capture one (CAPTURE)
    const auto& value = tag.second;
    CAPTURE(key);
    REQUIRE(r.tags.count(key) == 1);
    CHECK(r.tags.at(key) == value);
  }
}

// The spec written, then probed; a failure fails the test.
ProbeResult generate_and_probe(const mediagen::MediaSpec& spec) {
  test::make_media(spec);
  auto r = probe_recording(spec.path);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.failure().message()));
  return std::move(*r);
}

}  // namespace

TEST_CASE("probe: a generated MP4 or Matroska file gives its chapters, streams, tags and duration") {
  struct Case {
    const char* file;
    const char* container;
    const char* subtitle_codec;
  };
  for (const Case& c : {Case{"talk.mp4", "mp4", "mov_text"}, Case{"talk.mkv", "matroska", "subrip"}}) {
    CAPTURE(c.file);
    TempDir dir;
    auto spec = test::talk_spec(dir / c.file);
    ProbeResult r = generate_and_probe(spec);
    CHECK(r.container.find(c.container) != std::string::npos);
    check_talk(r, spec, c.subtitle_codec);
  }
}

TEST_CASE("probe: MP4 with the header at the end (no faststart) gives the same chapters") {
  TempDir dir;
  auto spec = test::talk_spec(dir / "late-moov.mp4");
  spec.faststart = false;
  check_talk(generate_and_probe(spec), spec, "mov_text");
}

TEST_CASE("probe: reads the headers only, never decoding") {
  TempDir dir;
  auto spec = test::talk_spec(dir / "long.mp4");
  spec.duration = 30;
  spec.noise = 0.3;  // noise makes the media data large next to the header
  spec.chapters.clear();
  test::make_media(spec);
  auto r = probe_recording(spec.path);
  REQUIRE(r.ok());
  const auto size = std::filesystem::file_size(spec.path);
  INFO("read " << r->bytes_read << " of " << size << " bytes");
  CHECK_FALSE(r->stream_info_read);  // the headers were complete: no packet was read to fill them in
  CHECK(r->bytes_read > 0);
  CHECK(r->bytes_read * 10 < size);

  ProbeOptions with_packets;
  with_packets.always_read_stream_info = true;
  auto slow = probe_recording(spec.path, with_packets);
  REQUIRE(slow.ok());
  CHECK(slow->stream_info_read);
  CHECK(slow->chapters == r->chapters);
  CHECK(slow->streams.size() == r->streams.size());
}

TEST_CASE("probe: a recording without audio, chapters or subtitles") {
  TempDir dir;
  mediagen::MediaSpec spec;
  spec.path = (dir / "plain.mkv").string();
  spec.duration = 3;
  spec.width = 64;
  spec.height = 48;
  spec.audio = false;
  test::make_media(spec);
  auto r = probe_recording(spec.path);
  REQUIRE(r.ok());
  REQUIRE(r->streams.size() == 1);
  CHECK(r->streams[0].type == "video");
  CHECK(r->streams[0].width == 64);
  CHECK(r->chapters.empty());
  CHECK(r->duration == doctest::Approx(3).epsilon(0.05));
}

TEST_CASE("probe: to_json carries the chapters, streams and tags") {
  TempDir dir;
  auto spec = test::talk_spec(dir / "talk.mkv");
  test::make_media(spec);
  auto r = probe_recording(spec.path);
  REQUIRE(r.ok());
  auto j = nlohmann::json::parse(r->to_json());
  CHECK(j["uri"] == spec.path);
  REQUIRE(j["chapters"].size() == 3);
  CHECK(j["chapters"][1]["title"] == "Método — results");
  CHECK(j["chapters"][1]["start"].get<double>() == doctest::Approx(4));
  CHECK(j["chapters"][1]["source"] == "embedded");
  CHECK(j["streams"].size() == 3);
  CHECK(j["streams"][2]["language"] == "fra");
  CHECK(j["tags"]["artist"] == "Ada Lovelace");
  CHECK(j["duration"].get<double>() == doctest::Approx(12).epsilon(0.01));
}

TEST_CASE("probe: an http URL served with ranges gives the same result as the file") {
  TempDir dir;
  auto spec = test::talk_spec(dir / "talk.mp4");
  test::make_media(spec);
  mediagen::HttpFileServer server(dir.path());
  auto r = probe_recording(server.url("talk.mp4"));
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.failure().message()));
  CHECK(r->uri == server.url("talk.mp4"));
  CHECK(r->size_bytes == static_cast<std::int64_t>(std::filesystem::file_size(spec.path)));
  REQUIRE(r->chapters.size() == 3);
  CHECK(r->chapters[2].title == "Questions");
  CHECK(r->streams.size() == 3);
  CHECK(r->tags["title"] == "Generated talk");
  CHECK(r->bytes_read > 0);
  CHECK(server.requests() >= 1);
}

TEST_CASE("probe: over HTTP the header costs one request when it comes first and two when it comes last") {
  TempDir dir;
  auto first = test::talk_spec(dir / "first.mp4");
  first.duration = 30;
  first.noise = 0.3;  // several MB, so reading the media data would show
  auto last = first;
  last.path = (dir / "last.mp4").string();
  last.faststart = false;
  test::make_media(first);
  test::make_media(last);
  mediagen::HttpFileServer server(dir.path());

  auto a = probe_recording(server.url("first.mp4"));
  REQUIRE(a.ok());
  CHECK(a->chapters.size() == 3);
  CHECK(server.requests() == 1);
  CHECK(a->bytes_read < 256 * 1024);

  server.reset_counters();
  auto b = probe_recording(server.url("last.mp4"));
  REQUIRE(b.ok());
  CHECK(b->chapters.size() == 3);
  CHECK(b->chapters[1].title == "Método — results");  // the chapter titles near the start came from the kept head
  CHECK(server.requests() == 2);
  const auto ranges = server.ranges();
  REQUIRE(ranges.size() == 2);
  CHECK(ranges[0] == "bytes=0-");
  CHECK(b->bytes_read < 256 * 1024);
}

TEST_CASE("probe: Ogg chapters (vorbis comments) of an audio-only recording") {
  TempDir dir;
  mediagen::MediaSpec spec;
  spec.path = (dir / "talk.ogg").string();
  spec.duration = 8;
  spec.video = false;
  spec.sample_rate = 48000;
  spec.chapters = {{0, 2.5, "Welcome"}, {2.5, 8, "Keynote"}};
  spec.tags = {{"title", "Audio talk"}};
  test::make_media(spec);
  auto r = probe_recording(spec.path);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.failure().message()));
  CHECK(r->container == "ogg");
  REQUIRE(r->streams.size() == 1);
  CHECK(r->streams[0].type == "audio");
  CHECK(r->streams[0].codec == "opus");
  CHECK(r->duration == doctest::Approx(8).epsilon(0.02));
  REQUIRE(r->chapters.size() == 2);
  CHECK(r->chapters[0].title == "Welcome");
  CHECK(r->chapters[1].title == "Keynote");
  CHECK(r->chapters[1].start == doctest::Approx(2.5));
  CHECK(r->tags["title"] == "Audio talk");
}
