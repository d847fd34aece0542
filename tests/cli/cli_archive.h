// An archive in a temporary folder, worked on through the real talkdex command, with the project's own
// sample workshop page (data/) and recordings made by the media generator. For the tests of the command
// that must not need ../shared.
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "mediagen.h"
#include "process.h"
#include "test_support.h"

namespace talkdex::test {

struct CliArchive {
  TempDir dir;
  std::string archive = (dir.path() / "archive").string();

  ProcessResult run(std::vector<std::string> args, std::vector<std::string> env = {}) {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return run_process(args, env);
  }
  nlohmann::json run_json(std::vector<std::string> args) {
    auto r = run(std::move(args));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
  }
  // data/icml2019-deep-phenomena.html, whose talks link into two VideoKen player pages; the number of
  // "Deconstructing Lottery Tickets" (a moment at 1:00:00 of one of those pages).
  std::string import_sample() {
    auto r = run({"import", "--year", "2019", (source_dir() / "data/icml2019-deep-phenomena.html").string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto hits = run_json({"search", "--json", "lottery tickets"})["hits"];
    REQUIRE(!hits.empty());
    return std::to_string(hits[0]["talk_id"].get<long long>());
  }
  // data/icml2019-deep-phenomena.html imported as a user would first try it: no options.
  void import_page() {
    auto r = run({"import", sample_page().string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  // The sample page, and a recording (make_recording) attached to "Deconstructing Lottery Tickets": its number.
  std::string import_sample_with_recording() {
    std::string talk = import_sample();
    REQUIRE(run({"import", "--talk", talk, make_recording()}).exit_code == 0);
    return talk;
  }
  // A one-minute recording with three embedded chapters.
  std::string make_recording(const std::string& name = "talk.mp4") {
    mediagen::MediaSpec spec = mediagen::small_video((dir / name).string(), 60, 5, 25);
    spec.chapters = {{0, 20, "Welcome"}, {20, 45, "Supermask results"}, {45, 60, "Questions"}};
    REQUIRE(mediagen::generate_media(spec).ok());
    return spec.path;
  }
};

}  // namespace talkdex::test
