#include "slide_detect_gop.h"

#include <algorithm>

namespace talkdex::slides {
namespace {

// A packet stands out when it is kJumpFactor times the median of the kWindow packets before it plus
// kJumpBytes (so that a still, noiseless picture of near-empty packets does not make every small motion
// one). Measured against the packets just before, not the whole interval: noise costs more on some
// slides than on others (a white slide clips it), so a cut can also step up to a new, dearer level.
constexpr double kJumpFactor = 2.5;
constexpr int kJumpBytes = 1024;
constexpr std::size_t kWindow = 6;
// The encoder's first few packets after a keyframe grow from almost nothing: not judged.
constexpr std::size_t kRamp = 6;
// Packets that stand out within this many of each other make one event: a cut to a dearer picture
// stands out until the window has caught up with its level.
constexpr std::size_t kRun = 4;
// Fewer packets than this between two keyframes: too few to judge.
constexpr std::size_t kMinPackets = kRamp + 4;

double median(std::vector<int> v) {
  auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}

}  // namespace

GopReading read_gop(const std::vector<PacketSize>& between, double next_key, double settle, double frame) {
  GopReading r;
  if (between.empty()) {
    r.kind = GopReadingKind::kQuiet;
    return r;
  }
  if (between.size() < kMinPackets) return r;
  // Events: runs of packets that stand out, each at its first packet's time; jumps within kRun packets
  // of the last one belong to its event. (A cut to a cheaper picture stands out less reliably, so drops
  // are left to decoding: a fade's end is one too.)
  std::vector<double> events;
  std::size_t run = 0, last_jump = 0, event_start = 0;
  for (std::size_t i = kRamp; i < between.size(); ++i) {
    std::vector<int> window;
    for (std::size_t j = i >= kWindow ? i - kWindow : 0; j < i; ++j) window.push_back(between[j].bytes);
    const double before = median(window);
    if (between[i].bytes <= kJumpFactor * before + kJumpBytes) continue;
    if (events.empty() || i - last_jump > kRun) {
      events.push_back(between[i].time);
      event_start = i;
      run = 0;
    }
    last_jump = i;
    r.last_spike = between[i].time;
    if (++run > kRun || i - event_start > 2 * kRun) return r;  // ever changing: a fade or motion, not a cut
  }
  if (events.empty()) {
    r.kind = GopReadingKind::kQuiet;
    return r;
  }
  if (events.size() == 1 && next_key - r.last_spike >= settle + frame) {
    r.kind = GopReadingKind::kOneCut;
    r.cut = events.front();
  }
  return r;
}

}  // namespace talkdex::slides
