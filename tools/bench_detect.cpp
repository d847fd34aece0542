// bench_detect: slide-change detection against ground truth and against ffmpeg's scene filter.
//
//   bench_detect [--cache DIR] [--minutes N] [--skip-ffmpeg] [--skip-session]
//
// 1. Speed: a generated 720p H.264 lecture (N minutes, default 10, 10 fps, a keyframe every 2 s, text and
//    shape slides, fades, camera noise, a moving speaker picture-in-picture), cached in DIR (default: a
//    folder beside this program) between runs. detect_slides (thumbnails on, OCR off) runs in a child
//    process, so its peak memory (ru_maxrss) is its own; then, on the same file in the same run,
//    `ffmpeg -i FILE -vf "select='gt(scene,0.3)',showinfo" -f null -` (how Opencast segments lectures),
//    whose reported times are scored against the same ground truth.
// 2. Accuracy: the same lecture plus smaller ones (keyframes 5 s apart, text-only slides, long fades):
//    true changes found within 1 s, and reported changes that match none.
// 3. Talk starts: a session recording that begins late, with a title slide per talk; slides detected with
//    OCR, then plan_alignment from the scheduled offsets: the error of each talk's start.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "ground_truth.h"
#include "libav.h"
#include "talkdex/ocr.h"
#include "talkdex/slide_detect.h"
#include "talkdex/talk_align.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace talkdex;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct Accuracy {
  int truth = 0, found = 0, reported = 0, false_changes = 0;
  void add(const Accuracy& o) {
    truth += o.truth, found += o.found, reported += o.reported, false_changes += o.false_changes;
  }
  double recall() const { return truth ? 100.0 * found / truth : 100; }
  double false_share() const { return reported ? 100.0 * false_changes / reported : 0; }
};

// One-to-one matching within `tolerance` seconds, nearest first.
Accuracy score(const std::vector<double>& truth, const std::vector<double>& reported, double tolerance = 1.0) {
  Accuracy a;
  a.truth = static_cast<int>(truth.size());
  a.reported = static_cast<int>(reported.size());
  std::vector<bool> used(reported.size(), false);
  for (double t : truth) {
    int best = -1;
    for (std::size_t i = 0; i < reported.size(); ++i)
      if (!used[i] && std::abs(reported[i] - t) <= tolerance &&
          (best < 0 || std::abs(reported[i] - t) < std::abs(reported[static_cast<std::size_t>(best)] - t)))
        best = static_cast<int>(i);
    if (best >= 0) used[static_cast<std::size_t>(best)] = true, ++a.found;
  }
  a.false_changes = a.reported - a.found;
  return a;
}

std::vector<double> boundaries(const Detection& d) {
  std::vector<double> out;
  for (std::size_t i = 1; i < d.slides.size(); ++i) out.push_back(d.slides[i].start);
  return out;
}

void make(const mediagen::MediaSpec& spec) {
  if (fs::exists(spec.path) && fs::file_size(spec.path) > 0) return;
  std::fprintf(stderr, "generating %s (%.0f s of %dx%d video; cached for the next run)...\n", spec.path.c_str(),
               spec.duration, spec.width, spec.height);
  const auto t0 = Clock::now();
  const std::string partial = spec.path + ".partial" + fs::path(spec.path).extension().string();
  mediagen::MediaSpec s = spec;
  s.path = partial;
  Status st = mediagen::generate_media(s);
  if (!st) throw std::runtime_error(st.failure().message());
  fs::rename(partial, spec.path);
  std::fprintf(stderr, "  generated in %.1f s\n", seconds_since(t0));
}

struct Run {
  double seconds = 0;
  long peak_kib = 0;
  std::vector<double> reported;
  std::string note;
};

// detect_slides in a forked child: its boundaries come back through a pipe, its peak RSS from wait4.
Run run_talkdex(const std::string& path, const fs::path& thumbs) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const auto t0 = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    DetectOptions options;
    options.ocr = false;
    options.thumbnail_dir = thumbs;
    auto d = detect_slides(path, options);
    std::string out;
    if (!d) out = "error " + d.failure().message() + "\n";
    else {
      char line[128];
      std::snprintf(line, sizeof line, "stats %lld %lld %lld\n", static_cast<long long>(d->stats.frames_decoded),
                    static_cast<long long>(d->stats.keyframes_decoded), static_cast<long long>(d->stats.refined_intervals));
      out += line;
      for (double b : boundaries(*d)) out += std::to_string(b) + "\n";
    }
    if (::write(fds[1], out.data(), out.size()) < 0) _exit(2);
    _exit(d ? 0 : 1);
  }
  ::close(fds[1]);
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  Run r;
  r.seconds = seconds_since(t0);
  r.peak_kib = usage.ru_maxrss;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string line = text.substr(pos, end - pos);
    pos = end == std::string::npos ? text.size() : end + 1;
    if (line.rfind("error", 0) == 0) throw std::runtime_error(line);
    if (line.rfind("stats ", 0) == 0) {
      long long frames = 0, keys = 0, refined = 0;
      std::sscanf(line.c_str(), "stats %lld %lld %lld", &frames, &keys, &refined);
      r.note = std::to_string(frames) + " frames decoded (" + std::to_string(keys) + " keyframes), " +
               std::to_string(refined) + " intervals refined";
    } else if (!line.empty()) {
      r.reported.push_back(std::stod(line));
    }
  }
  return r;
}

// ffmpeg's scene filter: the pts_time of every frame showinfo prints.
Run run_ffmpeg(const std::string& path) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const auto t0 = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 2);
    int devnull = ::open("/dev/null", O_RDWR);
    ::dup2(devnull, 0);
    ::dup2(devnull, 1);
    ::close(fds[0]);
    ::execlp("ffmpeg", "ffmpeg", "-hide_banner", "-nostats", "-i", path.c_str(), "-vf",
             "select='gt(scene,0.3)',showinfo", "-f", "null", "-", static_cast<char*>(nullptr));
    _exit(127);
  }
  ::close(fds[1]);
  std::string text;
  char buf[65536];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  Run r;
  r.seconds = seconds_since(t0);
  r.peak_kib = usage.ru_maxrss;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("ffmpeg failed (is it installed?)");
  for (std::size_t p = 0; (p = text.find("pts_time:", p)) != std::string::npos; p += 9)
    r.reported.push_back(std::strtod(text.c_str() + p + 9, nullptr));
  return r;
}

void print_row(const char* name, const Run& r, const Accuracy& a, double duration) {
  std::printf("%-28s %8.2f s %8.0fx %7d/%-3d %5.1f%% %6d (%4.1f%%) %8.1f MiB\n", name, r.seconds, duration / r.seconds,
              a.found, a.truth, a.recall(), a.false_changes, a.false_share(), r.peak_kib / 1024.0);
}

int count_fades(const mediagen::MediaSpec& spec) {
  int n = 0;
  for (double f : spec.fades) n += f > 0;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    av_log_set_level(AV_LOG_ERROR);
    fs::path cache = fs::path(argv[0]).parent_path() / "bench-detect-media";
    double minutes = 10;
    bool skip_ffmpeg = false, skip_session = false;
    for (int i = 1; i < argc; ++i) {
      std::string a = argv[i];
      if (a == "--cache" && i + 1 < argc) cache = argv[++i];
      else if (a == "--minutes" && i + 1 < argc) minutes = std::stod(argv[++i]);
      else if (a == "--skip-ffmpeg") skip_ffmpeg = true;
      else if (a == "--skip-session") skip_session = true;
      else {
        std::fprintf(stderr, "usage: bench_detect [--cache DIR] [--minutes N] [--skip-ffmpeg] [--skip-session]\n");
        return 2;
      }
    }
    fs::create_directories(cache);
    const fs::path thumbs = cache / "thumbs";

    // 1. Speed on the long 720p lecture, beside ffmpeg.
    mediagen::LectureOptions big;
    big.path = (cache / ("lecture-720p-" + std::to_string(static_cast<int>(minutes)) + "min.mp4")).string();
    big.duration = minutes * 60;
    big.width = 1280;
    big.height = 720;
    big.fps = 10;
    big.gop = 20;
    big.min_slide = 8;
    big.max_slide = 30;
    big.seed = 42;
    const auto big_spec = mediagen::lecture_spec(big);
    make(big_spec);
    std::printf("recording: %s\n  %.0f s, 1280x720 H.264, 10 fps, a keyframe every 2 s, %zu slide changes (%d faded), "
                "noise, moving speaker picture-in-picture; %d cores\n\n",
                big.path.c_str(), big.duration, big_spec.slide_changes.size(), count_fades(big_spec),
                static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN)));
    std::printf("%-28s %10s %9s %15s %15s %12s\n", "", "time", "realtime", "found <=1 s", "false", "peak RSS");
    Run ours = run_talkdex(big.path, thumbs);
    Accuracy ours_big = score(big_spec.slide_changes, ours.reported);
    print_row("talkdex detect_slides", ours, ours_big, big.duration);
    if (!skip_ffmpeg) {
      Run ff = run_ffmpeg(big.path);
      print_row("ffmpeg select gt(scene,0.3)", ff, score(big_spec.slide_changes, ff.reported), big.duration);
      std::printf("talkdex is %.1fx faster than ffmpeg's scene filter\n", ff.seconds / ours.seconds);
    }
    std::printf("  (talkdex: %s; thumbnails written, OCR off)\n\n", ours.note.c_str());

    // 2. Accuracy over the ground-truth set.
    struct Case {
      const char* name;
      mediagen::LectureOptions o;
    };
    std::vector<Case> cases;
    auto small = [&](const char* name, int seed, int gop, double text_every, double fade_every, double fade) {
      mediagen::LectureOptions o;
      o.path = (cache / (std::string(name) + ".mp4")).string();
      o.duration = 300;
      o.gop = gop;
      o.text_every = text_every;
      o.fade_every = fade_every;
      o.fade_seconds = fade;
      o.seed = static_cast<std::uint64_t>(seed);
      cases.push_back({name, o});
    };
    small("small-mixed", 1, 10, 2, 3, 0.6);
    small("small-gop5s", 2, 50, 2, 3, 0.6);
    small("small-text-only", 3, 10, 1, 2, 1.0);
    small("small-all-fades", 4, 20, 2, 1, 1.5);
    std::printf("%-28s %15s %15s\n", "accuracy", "found <=1 s", "false");
    Accuracy total = ours_big;
    std::printf("%-28s %7d/%-3d %5.1f%% %6d (%4.1f%%)\n", "lecture 720p", ours_big.found, ours_big.truth,
                ours_big.recall(), ours_big.false_changes, ours_big.false_share());
    for (const auto& c : cases) {
      auto spec = mediagen::lecture_spec(c.o);
      make(spec);
      DetectOptions options;
      options.ocr = false;
      auto d = detect_slides(spec.path, options);
      if (!d) throw std::runtime_error(d.failure().message());
      Accuracy a = score(spec.slide_changes, boundaries(*d));
      total.add(a);
      std::printf("%-28s %7d/%-3d %5.1f%% %6d (%4.1f%%)\n", c.name, a.found, a.truth, a.recall(), a.false_changes,
                  a.false_share());
    }
    std::printf("%-28s %7d/%-3d %5.1f%% %6d (%4.1f%%)   (targets: >= 95%% found, <= 5%% false)\n\n", "all",
                total.found, total.truth, total.recall(), total.false_changes, total.false_share());

    // 3. Talk starts in a session recording that begins late.
    if (!skip_session) {
      if (!ocr_available()) {
        std::printf("talk starts: skipped (%s)\n", ocr_description().c_str());
        return 0;
      }
      mediagen::SessionOptions so;
      so.path = (cache / "session-late.mp4").string();
      so.duration = 1800;
      // Scheduled every 10 minutes from the recording's wall-clock start; each really began minutes late.
      std::vector<mediagen::SessionTalk> talks = {
          {"Deconstructing Lottery Tickets", {"Hattie Zhou", "Janice Lan"}, 0 + 185},
          {"Sparse Networks from Scratch", {"Tim Dettmers"}, 600 + 250},
          {"Rigging the Lottery", {"Utku Evci", "Trevor Gale"}, 1200 + 140}};
      const std::vector<double> scheduled = {0, 600, 1200};
      auto spec = mediagen::session_spec(so, talks);
      make(spec);
      DetectOptions options;
      const auto t0 = Clock::now();
      auto d = detect_slides(spec.path, options);
      if (!d) throw std::runtime_error(d.failure().message());
      const double took = seconds_since(t0);
      std::vector<TocEntry> items;
      std::vector<AlignTalk> align_talks;
      for (std::size_t i = 0; i < talks.size(); ++i) {
        TocEntry e;
        e.key = "schedule:t" + std::to_string(i);
        e.start = scheduled[i];
        e.source = kTocSchedule;
        e.talk_key = "t" + std::to_string(i);
        items.push_back(e);
        align_talks.push_back({e.talk_key, talks[i].title, talks[i].speakers});
      }
      for (const auto& s : d->slides) {
        TocEntry e;
        e.key = "detected:" + std::to_string(std::llround(s.start * 1000));
        e.start = s.start;
        e.source = kTocDetected;
        e.slide_text = s.text;
        items.push_back(e);
      }
      auto shifts = plan_alignment(items, align_talks);
      std::printf("talk starts (session recording, 30 min, 640x360, talks 2-4 min late; detection with OCR %.1f s, "
                  "of which OCR %.1f s):\n",
                  took, d->stats.ocr_seconds);
      int within = 0;
      for (std::size_t i = 0; i < shifts.size(); ++i) {
        const double truth = talks[i].start;
        const double err = shifts[i].new_start ? std::abs(*shifts[i].new_start - truth) : INFINITY;
        within += err <= 2;
        std::printf("  %-32s scheduled %6.0f s, true %6.0f s, found %s, error %s, score %.2f\n", talks[i].title.c_str(),
                    scheduled[i], truth,
                    shifts[i].new_start ? (std::to_string(static_cast<int>(std::lround(*shifts[i].new_start))) + " s").c_str() : "-",
                    std::isfinite(err) ? (std::to_string(err).substr(0, 4) + " s").c_str() : "-", shifts[i].score);
      }
      std::printf("  %d of %zu talk starts within 2 s\n", within, shifts.size());
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_detect: error: %s\n", e.what());
    return 1;
  }
}
