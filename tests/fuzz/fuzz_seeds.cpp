// Writes the fuzz targets' generated seeds into OUTDIR/TARGET/: small recordings from the project's test
// media generator (MP4 with chapters, subtitles and tags, MP4 with its header at the end, Matroska,
// Ogg) for fuzz_media_probe, and a generated frab schedule.xml for fuzz_frab_xml. tools/fuzz runs it.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

extern "C" {
#include <libavutil/log.h>
}

#include "mediagen.h"
#include "schedule_gen.h"

namespace fs = std::filesystem;
using namespace talkdex::mediagen;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: fuzz_seeds OUTDIR\n");
    return 2;
  }
  av_log_set_level(AV_LOG_ERROR);  // the encoders' chatter is not what a fuzz run shows
  const fs::path out = argv[1];
  fs::create_directories(out / "media_probe");
  fs::create_directories(out / "frab_xml");
  std::ofstream(out / "frab_xml" / "generated.xml") << frab_schedule_xml(3);

  auto media = [&](const std::string& name, auto&& adjust) {
    MediaSpec spec;
    spec.path = (out / "media_probe" / name).string();
    spec.duration = 2;
    spec.width = 32;
    spec.height = 24;
    spec.fps = 2;
    spec.sample_rate = 8000;
    adjust(spec);
    if (auto status = generate_media(spec); !status) {
      std::fprintf(stderr, "fuzz_seeds: %s\n", status.failure().message().c_str());
      std::exit(1);
    }
  };
  media("chapters.mp4", [](MediaSpec& s) {
    s.chapters = {{0, 1, "Intro"}, {1, 2, "Results"}};
    s.cues = {{0.2, 0.8, "Hello everyone"}};
    s.tags = {{"title", "A talk"}, {"artist", "Ada"}};
  });
  media("moov-at-end.mp4", [](MediaSpec& s) { s.faststart = false; });
  media("chapters.mkv", [](MediaSpec& s) {
    s.chapters = {{0, 1, "Intro"}, {1, 2, "Results"}};
    s.cues = {{0.2, 0.8, "Hello"}};
  });
  media("audio.ogg", [](MediaSpec& s) {
    s.video = false;
    s.tags = {{"title", "A talk"}};
  });
  return 0;
}
