// Transcripts that come with recordings in followed folders: the subtitle stream inside a recording and
// the NAME.vtt / NAME.srt beside it are read by `talkdex index`, and a changed transcript file is read
// again on its own.
#include <nlohmann/json.hpp>

#include "indexing_support.h"

using namespace talkdex;
using namespace talkdex::test;
using json = nlohmann::json;

namespace {

struct Folder {
  TempDir dir;
  fs::path archive = dir / "archive";
  fs::path media = dir / "media";

  ProcessResult run(std::vector<std::string> args) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive.string()});
    return run_process(args);
  }
  json index() {
    auto r = run({"index", "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
  // The moments `said:WORD` finds, as "FILE@SECONDS FILE@SECONDS ...".
  std::string said(const std::string& word) {
    auto r = run({"search", "--json", "said:" + word});
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    std::string out;
    json found = json::parse(r.out);
    for (const auto& h : found["hits"]) {
      if (!out.empty()) out += ' ';
      out += h["title"].get<std::string>();
      out += '@';
      out += std::to_string(h["offset"].get<int>());
    }
    return out;
  }
};

}  // namespace

TEST_CASE("index reads the transcripts of followed recordings: their subtitle streams and the files beside them") {
  Folder f;
  make_recording(f.media / "inside.mkv", {}, 4, {{1, 3, "the wombat digs a burrow"}});
  make_recording(f.media / "beside.mkv", {"Opening"}, 4);
  write_file(f.media / "beside.en.vtt", "WEBVTT\n\n00:00:02.000 --> 00:00:03.000\nthe platypus lays eggs\n");
  write_file(f.media / "orphan.srt", "1\n00:00:01,000 --> 00:00:02,000\nno recording has this name\n");
  // A chapter list beside it is a chapter list, not a transcript.
  write_file(f.media / "beside.chapters.vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nKangaroo chapter\n");
  REQUIRE(f.run({"follow", f.media.string()}).exit_code == 0);

  json first = f.index();
  CHECK(first["failed"].empty());
  // Each recording matches no talk: it is a talk of its own, titled from its file name (issue 17, §7).
  CHECK(f.said("wombat") == "inside@1");
  CHECK(f.said("platypus") == "beside@2");
  CHECK(f.said("recording") == "");  // orphan.srt belongs to nothing
  CHECK(f.said("kangaroo") == "");
  {
    Store store(Archive(f.archive).store_file());
    auto rec = store.recording_by_uri((f.media / "beside.mkv").string());
    REQUIRE(rec);
    auto passages = store.passages_for_recording(rec->id);
    REQUIRE(passages.size() == 1);
    CHECK(passages[0].language == "en");
  }

  // The transcript file changes, the recording does not: only the transcript is read again.
  write_file(f.media / "beside.en.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nthe echidna too\n");
  json second = f.index();
  CHECK(second["files"]["probed"] == 0);
  CHECK(second["files"]["transcripts_read"] == 1);
  CHECK(f.said("echidna") == "beside@1");
  CHECK(f.said("platypus") == "");

  // A transcript file that cannot be read fails alone, naming it; the rest stays.
  write_file(f.media / "beside.en.vtt", "WEBVTT\n\nno cue here at all\n");
  auto third = f.run({"index", "--json"});
  CHECK(third.exit_code == 3);
  CHECK(third.err.find("beside.en.vtt") != std::string::npos);
  CHECK(f.said("echidna") == "beside@1");
  CHECK(f.said("wombat") == "inside@1");
  // It stays in error, so it is tried again; once mended it is read.
  CHECK(f.run({"index", "--json"}).exit_code == 3);
  write_file(f.media / "beside.en.vtt", "WEBVTT\n\n00:00:03.000 --> 00:00:04.000\nthe numbat eats termites\n");
  json mended = f.index();
  CHECK(mended["files"]["transcripts_read"] == 1);
  CHECK(f.said("numbat") == "beside@3");
}
