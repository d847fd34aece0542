// bench_detect's measurements, each in a child process so its peak memory and CPU time (wait4's rusage)
// are its own: detect_slides, ffmpeg's scene filter, ffmpeg decoding keyframes only; and the scoring of reported
// changes and of OCR text against the generator's ground truth.
#pragma once

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench_common.h"
#include "ground_truth.h"
#include "talkdex/indexer/slides/slide_detect.h"

namespace talkdex::bench {

struct Accuracy {
  int truth = 0, found = 0, reported = 0, false_changes = 0;
  void add(const Accuracy& o) {
    truth += o.truth, found += o.found, reported += o.reported, false_changes += o.false_changes;
  }
  double recall() const { return truth ? 100.0 * found / truth : 100; }
  double false_share() const { return reported ? 100.0 * false_changes / reported : 0; }
};

// One-to-one matching within `tolerance` seconds, nearest first. `matched[i]`: truth i was found.
inline Accuracy score(const std::vector<double>& truth, const std::vector<double>& reported,
                      std::vector<bool>* matched = nullptr, double tolerance = 1.0) {
  const auto m = talkdex::mediagen::match_changes(truth, reported, tolerance);
  Accuracy a;
  a.truth = static_cast<int>(truth.size());
  a.reported = static_cast<int>(reported.size());
  a.found = m.found_count();
  a.false_changes = a.reported - a.found;
  if (matched) *matched = m.found;
  return a;
}

inline std::vector<double> boundaries(const talkdex::Detection& d) {
  std::vector<double> out;
  for (std::size_t i = 1; i < d.slides.size(); ++i) out.push_back(d.slides[i].start);
  return out;
}

struct Run {
  double seconds = 0;
  double cpu_seconds = 0;  // user + system time of the child: steadier than `seconds` on a shared machine
  long peak_kib = 0;
  std::vector<double> reported;
  std::string note;
};

// Reads all of `fd` into a string.
inline std::string read_all(int fd) {
  std::string text;
  char buf[65536];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  return text;
}

// The end of a forked child that writes to the pipe `fds`: all it wrote, its exit status, and its run's
// time (since `t0`), CPU time and peak memory.
inline Run finish_child(pid_t pid, int fds[2], Clock::time_point t0, std::string& text, int& status) {
  ::close(fds[1]);
  text = read_all(fds[0]);
  ::close(fds[0]);
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  Run r;
  r.seconds = seconds_since(t0);
  r.cpu_seconds = cpu_seconds(usage);
  r.peak_kib = usage.ru_maxrss;
  return r;
}

// detect_slides in a forked child: its boundaries and statistics come back through a pipe.
inline Run run_talkdex(const std::string& path, const talkdex::DetectOptions& options) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const auto t0 = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    auto d = talkdex::detect_slides(path, options);
    std::string out;
    if (!d) out = "error " + d.failure().message() + "\n";
    else {
      const auto& s = d->stats;
      char line[256];
      std::snprintf(line, sizeof line,
                    "stats %lld frames decoded (%lld keyframes); of %lld keyframe intervals with a change, %lld placed "
                    "by packet sizes alone, %lld decoded (%lld cut short)\n",
                    static_cast<long long>(s.frames_decoded), static_cast<long long>(s.keyframes_decoded),
                    static_cast<long long>(s.refined_intervals + s.cuts_from_packet_sizes),
                    static_cast<long long>(s.cuts_from_packet_sizes), static_cast<long long>(s.refined_intervals),
                    static_cast<long long>(s.refinements_cut_short));
      out += line;
      for (double b : boundaries(*d)) out += std::to_string(b) + "\n";
    }
    if (::write(fds[1], out.data(), out.size()) < 0) _exit(2);
    _exit(d ? 0 : 1);
  }
  std::string text;
  int status = 0;
  Run r = finish_child(pid, fds, t0, text, status);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string line = text.substr(pos, end - pos);
    pos = end == std::string::npos ? text.size() : end + 1;
    if (line.rfind("error", 0) == 0) throw std::runtime_error(line);
    if (line.rfind("stats ", 0) == 0) r.note = line.substr(6);
    else if (!line.empty()) r.reported.push_back(std::stod(line));
  }
  return r;
}

// ffmpeg with `args` after the input, its stderr captured; `pts_time:` values (showinfo) are collected.
inline Run run_ffmpeg(const std::vector<std::string>& before_input, const std::string& path,
                      const std::vector<std::string>& after_input) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args = {"ffmpeg", "-hide_banner", "-nostats"};
  args.insert(args.end(), before_input.begin(), before_input.end());
  args.push_back("-i");
  args.push_back(path);
  args.insert(args.end(), after_input.begin(), after_input.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const auto t0 = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 2);
    int devnull = ::open("/dev/null", O_RDWR);
    ::dup2(devnull, 0);
    ::dup2(devnull, 1);
    ::close(fds[0]);
    ::execvp("ffmpeg", argv.data());
    _exit(127);
  }
  std::string text;
  int status = 0;
  Run r = finish_child(pid, fds, t0, text, status);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("ffmpeg failed (is it installed?)");
  for (std::size_t p = 0; (p = text.find("pts_time:", p)) != std::string::npos; p += 9)
    r.reported.push_back(std::strtod(text.c_str() + p + 9, nullptr));
  return r;
}

// How Opencast segments lectures: every frame decoded and compared by ffmpeg's scene score.
inline Run run_ffmpeg_scene(const std::string& path) {
  return run_ffmpeg({}, path, {"-vf", "select='gt(scene,0.3)',showinfo", "-f", "null", "-"});
}

// The floor: ffmpeg decoding the keyframes only, doing nothing with them.
inline Run run_keyframes_only(const std::string& path) {
  return run_ffmpeg({"-skip_frame", "nokey"}, path, {"-an", "-f", "null", "-"});
}

// Upper case, words separated by one space: the 5x7 font has capitals only, and line wrapping and
// bullet marks ("- ", words of no letter or digit) are layout, not text.
inline std::string normalise(const std::string& s) {
  std::string out, word;
  auto flush = [&] {
    bool alnum = false;
    for (unsigned char c : word) alnum = alnum || std::isalnum(c);
    if (alnum) out += (out.empty() ? "" : " ") + word;
    word.clear();
  };
  for (unsigned char c : s) {
    if (std::isspace(c)) flush();
    else word += static_cast<char>(std::toupper(c));
  }
  flush();
  return out;
}

inline std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace talkdex::bench
