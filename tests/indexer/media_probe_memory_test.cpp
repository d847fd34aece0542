// probe_memory, the media prober's path for its fuzz target (tests/fuzz/fuzz_media_probe): bytes in
// memory meet the same format probe, refused demuxers and demuxer set-up as a local file, so what the
// fuzzer finds there holds for files on disk.
#include <doctest/doctest.h>

#include "media_fixtures.h"
#include "media_input.h"
#include "probe_memory.h"
#include "talkdex/indexer/media/media.h"
#include "test_support.h"
#include "transcripts/text_decode.h"

using namespace talkdex;
using talkdex::test::TempDir;

TEST_CASE("probe from memory: a recording gives what the file gives") {
  TempDir dir;
  for (const char* name : {"talk.mp4", "talk.mkv"}) {
    CAPTURE(name);
    auto spec = test::talk_spec(dir / name);
    test::make_media(spec);
    const std::string bytes = test::read_file(dir / name);
    auto from_file = probe_recording((dir / name).string());
    auto from_memory = media_detail::probe_memory(bytes, name);
    REQUIRE(from_file.ok());
    REQUIRE_MESSAGE(from_memory.ok(), from_memory.failure().message());
    CHECK(from_memory->uri == name);
    CHECK(from_memory->container == from_file->container);
    CHECK(from_memory->duration == doctest::Approx(from_file->duration));
    CHECK(from_memory->size_bytes == static_cast<std::int64_t>(bytes.size()));
    REQUIRE(from_memory->streams.size() == from_file->streams.size());
    for (std::size_t i = 0; i < from_file->streams.size(); ++i) {
      CHECK(from_memory->streams[i].codec == from_file->streams[i].codec);
      CHECK(from_memory->streams[i].language == from_file->streams[i].language);
    }
    CHECK(from_memory->tags == from_file->tags);
    REQUIRE(from_memory->chapters.size() == 3);
    CHECK(from_memory->chapters[1].title == "Método — results");
    CHECK(from_memory->chapters[1].start == doctest::Approx(4));
  }
}

TEST_CASE("probe from memory: playlists and file lists are refused as from a file") {
  test::quiet_libav();
  const std::string m3u8 = "#EXTM3U\n#EXT-X-TARGETDURATION:12\n#EXTINF:12.0,\n/etc/passwd\n#EXT-X-ENDLIST\n";
  const std::string ffconcat = "ffconcat version 1.0\nfile '/etc/passwd'\n";
  auto hls = media_detail::probe_memory(m3u8, "talk.mp4");
  REQUIRE_FALSE(hls.ok());
  CHECK(hls.failure().item == "talk.mp4");
  CHECK(hls.failure().reason == "refused: the hls format refers to other files or hosts, which talkdex does not follow");
  auto concat = media_detail::probe_memory(ffconcat, "list.mkv");
  REQUIRE_FALSE(concat.ok());
  CHECK(concat.failure().reason.find("refused: the concat format") == 0);
  // One list of refused demuxers serves both paths.
  CHECK(media_detail::refused_demuxer("hls,applehttp") == "hls");
  CHECK(media_detail::refused_demuxer("mov,mp4,m4a,3gp,3g2,mj2") == "");
  CHECK(media_detail::refused_demuxer(nullptr) == "");
}

TEST_CASE("probe from memory: empty and unrecognised bytes are failures naming the input") {
  test::quiet_libav();
  auto empty = media_detail::probe_memory("", "empty.mp4");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.failure().message() == "empty.mp4: empty file (0 bytes)");
  // Bytes that are no recording fail as the same bytes in a file do, with the same reason.
  TempDir dir;
  for (const std::string& junk : {std::string(300, 'x'), std::string(64, '\0'), std::string("RIFF\x04\0\0\0WAVE")}) {
    test::write_file(dir / "junk.mp4", junk);
    auto from_file = probe_recording((dir / "junk.mp4").string());
    auto from_memory = media_detail::probe_memory(junk, "junk.mp4");
    REQUIRE_FALSE(from_file.ok());
    REQUIRE_FALSE(from_memory.ok());
    CHECK(from_memory.failure().reason == from_file.failure().reason);
  }
}

// Found by fuzz_media_probe: a SubViewer file whose header holds bytes that are not UTF-8 gave a tag key
// (and could give a stream language) that ProbeResult::to_json could not write: nlohmann-json threw
// type_error 316 and `talkdex import` of such a file ended in std::terminate.
TEST_CASE("fuzz findings: a recording whose tags are not UTF-8 is probed and written as JSON") {
  test::quiet_libav();
  const std::string found = "[INFORMATION]\xE0" "ion c/p-------------1.0\x0A" "[[[[[[[\x1B" "[[[[[[[[[[file /on ssw\xA0" " --> 0:0";
  auto probed = media_detail::probe_memory(found, "found.sub");
  REQUIRE_MESSAGE(probed.ok(), probed.failure().message());
  CHECK(probed->container == "subviewer");
  for (const auto& [key, value] : probed->tags) {
    CHECK(is_valid_utf8(key));
    CHECK(is_valid_utf8(value));
  }
  std::string json;
  CHECK_NOTHROW(json = probed->to_json());
  CHECK(json.find("\"container\": \"subviewer\"") != std::string::npos);
}

TEST_CASE("probe: a local file whose name is not UTF-8 is written as JSON with the bytes replaced") {
  TempDir dir;
  const auto path = dir / "talk-\xFF\xFE.mkv";
  auto spec = test::talk_spec(path);
  spec.duration = 2;
  spec.chapters.clear();
  spec.cues.clear();
  spec.slide_changes.clear();
  test::make_media(spec);
  auto probed = probe_recording(path.string());
  REQUIRE(probed.ok());
  std::string json;
  CHECK_NOTHROW(json = probed->to_json());
  CHECK(json.find("talk-\xEF\xBF\xBD\xEF\xBF\xBD.mkv") != std::string::npos);
}
