// bench_probe: probe_recording against ffprobe, probing over HTTP, and clip_recording of a long recording.
//
//   bench_probe [--files N] [--skip-ffprobe]
//
// 1. Generates N (default 1000) small recordings with chapters in a temporary folder, probes all of them
//    with probe_recording and then with `ffprobe -v error -show_format -show_chapters FILE` (fork/exec,
//    the same files, the same run) and prints files/s for both and the ratio.
// 2. Serves a larger MP4 from a Range-capable HTTP server on 127.0.0.1, with the moov header first and
//    last, and prints the bytes read and the requests made.
// 3. Generates a 1-hour recording and times clip_recording of a 10-minute section.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench_common.h"
#include "http_file_server.h"
#include "libav.h"
#include "mediagen.h"
#include "talkdex/indexer/media/media.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using talkdex::bench::Clock;
using talkdex::bench::seconds_since;
using talkdex::mediagen::MediaSpec;

void require(const talkdex::Status& s) {
  if (!s) throw std::runtime_error(s.failure().message());
}

// A folder under the temp dir, removed at exit.
struct ScratchDir {
  fs::path path;
  ScratchDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("talkdex-bench-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Runs a command with stdout and stderr to /dev/null; returns its exit status.
int run_quiet(const std::vector<std::string>& argv) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The top-level boxes of an MP4 file: where the moov header is.
struct Box {
  std::string type;
  std::uint64_t offset = 0, size = 0;
};
std::vector<Box> top_level_boxes(const fs::path& p) {
  std::vector<Box> boxes;
  std::ifstream in(p, std::ios::binary);
  const std::uint64_t file_size = fs::file_size(p);
  std::uint64_t pos = 0;
  while (pos + 8 <= file_size) {
    unsigned char h[16];
    in.seekg(static_cast<std::streamoff>(pos));
    if (!in.read(reinterpret_cast<char*>(h), 8)) break;
    std::uint64_t size = (std::uint64_t{h[0]} << 24) | (h[1] << 16) | (h[2] << 8) | h[3];
    if (size == 1 && in.read(reinterpret_cast<char*>(h + 8), 8)) {
      size = 0;
      for (int i = 8; i < 16; ++i) size = (size << 8) | h[i];
    } else if (size == 0) {
      size = file_size - pos;
    }
    if (size < 8) break;
    boxes.push_back({std::string(reinterpret_cast<char*>(h + 4), 4), pos, size});
    pos += size;
  }
  return boxes;
}

bool bench_many(const fs::path& dir, int count, bool run_ffprobe) {
  std::printf("== probing %d small recordings (MP4 and Matroska, 3 chapters each) ==\n", count);
  auto t0 = Clock::now();
  std::vector<std::string> files;
  for (int i = 0; i < count; ++i) {
    MediaSpec spec{.path = (dir / ("talk-" + std::to_string(i) + (i % 2 ? ".mkv" : ".mp4"))).string(), .duration = 2,
                   .width = 64, .height = 48, .fps = 5, .gop = 10,
                   .chapters = {{0, 0.5, "Intro " + std::to_string(i)}, {0.5, 1.5, "Talk"}, {1.5, 2, "Questions"}},
                   .sample_rate = 8000, .tags = {{"title", "Talk " + std::to_string(i)}}};
    require(talkdex::mediagen::generate_media(spec));
    files.push_back(spec.path);
  }
  std::printf("generated %d files in %.1f s\n", count, seconds_since(t0));

  t0 = Clock::now();
  std::size_t chapters = 0;
  for (const auto& f : files) {
    auto r = talkdex::probe_recording(f);
    if (!r) throw std::runtime_error(r.failure().message());
    chapters += r->chapters.size();
  }
  const double ours = seconds_since(t0);
  const double ours_rate = count / ours;
  std::printf("probe_recording: %d files in %.3f s = %.0f files/s (%zu chapters)\n", count, ours, ours_rate, chapters);
  bool ok = ours_rate >= 500;

  // What skipping avformat_find_stream_info (when the headers are complete) is worth.
  talkdex::ProbeOptions with_packets;
  with_packets.always_read_stream_info = true;
  t0 = Clock::now();
  for (const auto& f : files)
    if (auto r = talkdex::probe_recording(f, with_packets); !r) throw std::runtime_error(r.failure().message());
  const double slow = seconds_since(t0);
  std::printf("probe_recording with avformat_find_stream_info forced: %.3f s = %.0f files/s\n", slow, count / slow);
  if (run_ffprobe) {
    t0 = Clock::now();
    int failed = 0;
    for (const auto& f : files)
      if (run_quiet({"ffprobe", "-v", "error", "-show_format", "-show_chapters", f}) != 0) ++failed;
    const double theirs = seconds_since(t0);
    const double theirs_rate = count / theirs;
    std::printf("ffprobe -show_format -show_chapters: %d files in %.3f s = %.0f files/s (%d failed)\n", count,
                theirs, theirs_rate, failed);
    std::printf("ratio: probe_recording is %.1fx faster than ffprobe (target >= 2x)\n", ours_rate / theirs_rate);
    // Most of ffprobe's time per file is starting the process (it links every libav* and their codecs).
    t0 = Clock::now();
    for (int i = 0; i < 20; ++i) run_quiet({"ffprobe", "-version"});
    std::printf("(of which starting ffprobe: `ffprobe -version` takes %.1f ms)\n", seconds_since(t0) * 1000 / 20);
    ok = ok && ours_rate >= 2 * theirs_rate && failed == 0;
  }
  std::printf("target >= 500 files/s: %s\n\n", ours_rate >= 500 ? "met" : "NOT MET");
  return ok;
}

bool bench_http(const fs::path& dir) {
  std::printf("== probing an MP4 over HTTP (Range requests, 127.0.0.1) ==\n");
  bool ok = true;
  for (bool faststart : {true, false}) {
    MediaSpec spec{.path = (dir / (faststart ? "moov-first.mp4" : "moov-last.mp4")).string(), .duration = 120,
                   .width = 320, .height = 240, .fps = 10, .noise = 0.1, .faststart = faststart};
    for (int c = 0; c < 12; ++c) spec.chapters.push_back({c * 10.0, c * 10.0 + 10, "Chapter " + std::to_string(c + 1)});
    spec.cues = {{1, 3, "Hello"}, {60, 62, "Halfway"}};
    require(talkdex::mediagen::generate_media(spec));
    std::uint64_t moov_end = 0, moov_size = 0;
    for (const auto& b : top_level_boxes(spec.path))
      if (b.type == "moov") {
        moov_end = b.offset + b.size;
        moov_size = b.size;
      }
    talkdex::mediagen::HttpFileServer server(dir);
    auto r = talkdex::probe_recording(server.url(fs::path(spec.path).filename().string()));
    if (!r) throw std::runtime_error(r.failure().message());
    int ranged = 0;
    std::string ranges;
    for (const auto& h : server.ranges()) {
      if (!h.empty()) ++ranged;
      ranges += (ranges.empty() ? "" : ", ") + (h.empty() ? std::string("(whole file)") : h);
    }
    std::printf("%s: file %llu bytes, moov %llu bytes ending at byte %llu\n", faststart ? "moov first" : "moov last ",
                static_cast<unsigned long long>(fs::file_size(spec.path)), static_cast<unsigned long long>(moov_size),
                static_cast<unsigned long long>(moov_end));
    std::printf("  bytes read %llu, sent by the server %llu (includes socket buffers), %d requests: %s; %zu chapters\n",
                static_cast<unsigned long long>(r->bytes_read), static_cast<unsigned long long>(server.bytes_sent()),
                server.requests(), ranges.c_str(), r->chapters.size());
    if (faststart) {
      const bool met = r->bytes_read <= moov_end + 64 * 1024;
      std::printf("  target: bytes read <= header + 64 KiB (%llu): %s\n",
                  static_cast<unsigned long long>(moov_end + 64 * 1024), met ? "met" : "NOT MET");
      ok = ok && met;
    } else {
      const bool met = ranged <= 2;
      std::printf("  target: at most two ranged requests: %s\n", met ? "met" : "NOT MET");
      ok = ok && met;
    }
  }
  std::printf("\n");
  return ok;
}

bool bench_clip(const fs::path& dir) {
  std::printf("== clip_recording: a 10-minute section of a 1-hour recording ==\n");
  MediaSpec spec{.path = (dir / "hour.mp4").string(), .duration = 3600, .width = 64, .height = 48, .fps = 2,
                 .gop = 120,  // a keyframe a minute
                 .sample_rate = 8000};
  for (int c = 0; c < 6; ++c) spec.chapters.push_back({c * 600.0, c * 600.0 + 600, "Talk " + std::to_string(c + 1)});
  for (int m = 0; m < 60; ++m) spec.slide_changes.push_back(m * 60 + 30);
  auto t0 = Clock::now();
  require(talkdex::mediagen::generate_media(spec));
  std::printf("generated %s (%llu bytes) in %.1f s\n", spec.path.c_str(),
              static_cast<unsigned long long>(fs::file_size(spec.path)), seconds_since(t0));
  bool ok = true;
  for (const char* ext : {".mp4", ".mkv"}) {
    const auto out = dir / (std::string("section") + ext);
    t0 = Clock::now();
    auto r = talkdex::clip_recording(spec.path, 1230, 1830.0, out.string(), "Talk 3");
    const double took = seconds_since(t0);
    if (!r) throw std::runtime_error(r.failure().message());
    std::printf("clip 20:30-30:30 to %s: %.3f s (starts at the keyframe at %.1f s, %.1f s long, %llu bytes)\n",
                ext, took, r->start, r->duration, static_cast<unsigned long long>(fs::file_size(out)));
    std::printf("  target under 1 s: %s\n", took < 1 ? "met" : "NOT MET");
    ok = ok && took < 1;
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  int files = 1000;
  bool run_ffprobe = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--files") && i + 1 < argc) {
      files = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--skip-ffprobe")) {
      run_ffprobe = false;
    } else {
      std::fprintf(stderr, "usage: bench_probe [--files N] [--skip-ffprobe]\n");
      return 2;
    }
  }
  try {
    av_log_set_level(AV_LOG_ERROR);
    ScratchDir dir;
    fs::create_directories(dir.path / "many");
    bool ok = bench_many(dir.path / "many", files, run_ffprobe);
    ok = bench_http(dir.path) && ok;
    ok = bench_clip(dir.path) && ok;
    std::printf("\nall targets %s\n", ok ? "met" : "NOT met");
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_probe: error: %s\n", e.what());
    return talkdex::bench::kFailed;
  }
}
