// Transcripts that are broken in small ways (issue 16, probe item 6) are read with each repair a warning
// naming the file and line, instead of failing the whole file or sending `said:` hits past the recording.
#include <doctest/doctest.h>

#include <string>

#include "cli_archive.h"

using namespace talkdex;
using json = nlohmann::json;

namespace {

// The sample's "Deconstructing Lottery Tickets" with a one-minute recording of its own.
struct TranscriptArchive : test::CliArchive {
  std::string talk = import_sample_with_recording();
  // `bytes` written to the file `name` and imported as the talk's transcript, which must succeed: what
  // import printed on stderr (its warnings).
  std::string import_transcript(const std::string& name, const std::string& bytes) {
    test::write_file(dir / name, bytes);
    auto r = run({"import", "--talk", talk, (dir / name).string()});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    return r.err;
  }
};

}  // namespace

TEST_CASE("cues are sorted and fitted to the recording: one at 99999:00:00 neither merges nor jumps past the end") {
  TranscriptArchive a;
  std::string srt = (a.dir / "talk.srt").string();
  std::string warnings = a.import_transcript("talk.srt",
                                             "1\n99999:00:00,000 --> 99999:00:05,000\nwombat far away\n\n"
                                             "2\n00:00:01,000 --> 00:00:04,000\nthe supermask appears\n\n"
                                             "3\n00:00:40,000 --> 00:00:44,000\nquokka nearby\n");
  CHECK(warnings.find("talkdex: warning: " + srt + ": cues out of order: sorted by their start\n") != std::string::npos);
  CHECK(warnings.find("talkdex: warning: " + srt + ": 1 cue at or after the end of the recording (0:01:00) skipped\n") !=
        std::string::npos);
  CHECK(a.run({"search", "said:wombat"}).exit_code == 1);
  auto hits = a.run_json({"search", "--json", "said:quokka"})["hits"];
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["offset"].get<double>() == doctest::Approx(40));
  CHECK(hits[0]["link"].get<std::string>().find("#t=40") != std::string::npos);
}

TEST_CASE("an SRT cue that ends before it starts is skipped with a warning naming the file and line") {
  TranscriptArchive a;
  std::string srt = (a.dir / "talk.srt").string();
  std::string warnings =
      a.import_transcript("talk.srt",
                          "1\n00:00:01,000 --> 00:00:04,000\nthe supermask appears\n\n"
                          "2\n00:00:20,000 --> 00:00:24,000\nquokka nearby\n\n"
                          // After a silence, alone in a passage of its own: that passage ended before
                          // it started, and the whole file failed without naming it.
                          "3\n00:00:59,000 --> 00:00:55,000\nbackwards wombat\n");
  // Once: the file's own name is not repeated before it.
  CHECK(warnings == "talkdex: warning: " + srt +
                     ": line 10: the subtitle ends before it starts (\"00:00:59,000 --> 00:00:55,000\"); subtitle "
                     "skipped\n");
  CHECK(a.run({"search", "said:wombat"}).exit_code == 1);
  CHECK(a.run({"search", "said:quokka"}).exit_code == 0);
}

TEST_CASE("a UTF-16 SRT file without a byte-order mark is read") {
  TranscriptArchive a;
  std::string text = "1\r\n00:00:02,000 --> 00:00:05,000\r\nÜberwachung der quokkas\r\n";
  for (bool little : {true, false}) {
    CAPTURE(little);
    std::string utf16;
    // The text is ASCII but for Ü (U+00DC).
    for (std::size_t i = 0; i < text.size(); ++i) {
      unsigned cp = static_cast<unsigned char>(text[i]);
      if (cp == 0xC3) cp = 0xC0 | (static_cast<unsigned char>(text[++i]) & 0x3F);
      char hi = static_cast<char>(cp >> 8), lo = static_cast<char>(cp & 0xFF);
      utf16 += little ? std::string{lo, hi} : std::string{hi, lo};
    }
    a.import_transcript(little ? "talk.srt" : "talk.de.srt", utf16);
  }
  auto hits = a.run_json({"search", "--json", "said:quokkas"})["hits"];
  CHECK(hits.size() == 1);
  CHECK(a.run({"search", "said:uberwachung"}).exit_code == 0);
}
