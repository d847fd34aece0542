// What the command loads (issue 10 §2): media and OCR (libav, Tesseract) and fetching (libcurl) come in
// modules loaded on first use, so commands that touch none of them map none of their libraries, and the
// media commands work as before. The dynamic loader itself says what it loaded (LD_DEBUG=files).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_archive.h"

using namespace talkdex;

namespace {

struct Loaded {
  test::ProcessResult result;
  std::set<std::string> objects;  // file names of the shared objects loaded, at start and by dlopen

  bool has(const std::string& part) const {
    for (const auto& o : objects)
      if (o.find(part) != std::string::npos) return true;
    return false;
  }
};

Loaded run_traced(test::CliArchive& a, const std::vector<std::string>& args, std::vector<std::string> env = {}) {
  test::TempDir logs;
  env.push_back("LD_DEBUG=files");
  env.push_back("LD_DEBUG_OUTPUT=" + (logs / "ld").string());
  Loaded l;
  l.result = a.run(args, env);
  for (const auto& e : std::filesystem::directory_iterator(logs.path())) {
    std::ifstream in(e.path());
    for (std::string line; std::getline(in, line);) {
      auto at = line.find("file=");
      if (at == std::string::npos || line.find("generating link map") == std::string::npos) continue;
      std::string name = line.substr(at + 5);
      l.objects.insert(std::filesystem::path(name.substr(0, name.find_first_of(" \t["))).filename().string());
    }
  }
  REQUIRE_MESSAGE(!l.objects.empty(), "LD_DEBUG reported nothing");
  return l;
}

void check_no_media(const Loaded& l) {
  INFO(l.result.err);
  for (const char* part : {"libavformat", "libavcodec", "libavutil", "libswscale", "libtesseract", "liblept",
                           "libcurl", "talkdex-media", "talkdex-fetch"})
    CHECK_MESSAGE(!l.has(part), part);
}

}  // namespace

TEST_CASE("--version, import of a local schedule, search and show load no media, OCR or fetching library") {
  test::CliArchive a;
  auto version = run_traced(a, {"--version"});
  CHECK(version.result.exit_code == 0);
  check_no_media(version);

  auto import = run_traced(a, {"import", "--year", "2019", (test::source_dir() / "data/icml2019-deep-phenomena.html").string()});
  CHECK(import.result.exit_code == 0);
  check_no_media(import);
  auto search = run_traced(a, {"search", "lottery", "tickets"});
  CHECK(search.result.exit_code == 0);
  CHECK(search.result.out.find("Deconstructing Lottery Tickets") != std::string::npos);
  check_no_media(search);
  check_no_media(run_traced(a, {"show", "1"}));
}

TEST_CASE("a media command loads the media module, and works as before") {
  test::CliArchive a;
  std::string talk = a.import_sample();
  std::string media = a.make_recording();
  auto import = run_traced(a, {"import", "--talk", talk, media});
  INFO(import.result.err);
  CHECK(import.result.exit_code == 0);
  CHECK(import.has("talkdex-media.so"));
  CHECK(import.has("libavformat"));
  CHECK_FALSE(import.has("talkdex-fetch"));  // a local file needs no fetching
  auto show = a.run_json({"show", "--json", talk});
  bool probed = false;
  for (const auto& r : show["recordings"])
    if (r["uri"] == media) probed = r["duration"].get<double>() == doctest::Approx(60).epsilon(0.02);
  CHECK(probed);
}

TEST_CASE("without the media module, a media command fails in one line naming it, and changes nothing") {
  test::CliArchive a;
  std::string talk = a.import_sample();
  std::string media = a.make_recording();
  test::TempDir empty;
  auto before = a.run_json({"show", "--json", talk});
  auto r = a.run({"import", "--talk", talk, media}, {"TALKDEX_MODULE_DIR=" + empty.path().string()});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find(media) != std::string::npos);
  CHECK(r.err.find("media support could not be loaded") != std::string::npos);
  CHECK(r.err.find((empty / "talkdex-media.so").string()) != std::string::npos);
  CHECK(a.run_json({"show", "--json", talk}) == before);
  // Once the module is there again, the same import works.
  CHECK(a.run({"import", "--talk", talk, media}).exit_code == 0);
}
