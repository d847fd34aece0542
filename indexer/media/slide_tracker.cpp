#include "slide_tracker.h"

#include <algorithm>
#include <cstdlib>

namespace talkdex::slides {

SlideTracker::Count SlideTracker::count(const LumaGrid& a, const LumaGrid& b) const {
  Count c;
  for (int i = 0; i < LumaGrid::kCells; ++i) {
    if (masked_until_[static_cast<std::size_t>(i)] > previous_time_) continue;
    ++c.counted;
    const int d = std::abs(a.cells[static_cast<std::size_t>(i)] - b.cells[static_cast<std::size_t>(i)]);
    c.changed += d > params_.cell_threshold;
    c.strong += d > 2 * params_.cell_threshold;
  }
  return c;
}

double SlideTracker::score(const LumaGrid& a, const LumaGrid& b) const {
  const Count c = count(a, b);
  // With most of the picture masked (a full-frame video), the rest still decides, but never less than a
  // quarter of the frame counts as the whole.
  return static_cast<double>(c.changed) / std::max(c.counted, LumaGrid::kCells / 4);
}

bool SlideTracker::moved(const LumaGrid& a, const LumaGrid& b) const {
  const Count c = count(a, b);
  if (c.strong >= params_.min_cells) return true;
  return static_cast<double>(c.changed) / std::max(c.counted, LumaGrid::kCells / 4) > params_.change_threshold;
}

int SlideTracker::masked_cells(double t) const {
  return static_cast<int>(std::count_if(masked_until_.begin(), masked_until_.end(), [t](float m) { return m > t; }));
}

// Cells that keep changing while the picture as a whole does not are motion in a small part of the
// frame (a speaker picture-in-picture, a clock): masked for a while. "Keep changing" means changes at
// least kMotionSpan apart, so the cells of a slow fade (over within a second or so) are never masked.
// A large change (a new slide, the middle of a fade) teaches nothing.
void SlideTracker::learn_motion(double t, const LumaGrid& grid) {
  constexpr double kMotionSpan = 1.5;
  constexpr int kMaskReach = 3;  // cells around a moving one that are masked with it
  int changed = 0;
  for (int i = 0; i < LumaGrid::kCells; ++i)
    if (std::abs(grid.cells[static_cast<std::size_t>(i)] - previous_.cells[static_cast<std::size_t>(i)]) >
        params_.cell_threshold)
      ++changed;
  const auto until = static_cast<float>(t + params_.mask_seconds);
  if (static_cast<double>(changed) / LumaGrid::kCells >= params_.change_threshold) {
    // Masked cells that moved with it are still moving (the speaker did not stop for the new slide):
    // their mask is renewed, or sampling only keyframes across several slide changes would let it lapse.
    for (std::size_t c = 0; c < grid.cells.size(); ++c)
      if (masked_until_[c] > previous_time_ && std::abs(grid.cells[c] - previous_.cells[c]) > params_.cell_threshold)
        masked_until_[c] = until;
    return;
  }
  for (int i = 0; i < LumaGrid::kCells; ++i) {
    const auto c = static_cast<std::size_t>(i);
    if (std::abs(grid.cells[c] - previous_.cells[c]) <= params_.cell_threshold) continue;
    if (masked_until_[c] > previous_time_) {
      masked_until_[c] = until;  // masked and moving still: renewed
    } else if (first_motion_[c] < 0 || t - first_motion_[c] > params_.mask_seconds) {
      first_motion_[c] = static_cast<float>(t);
    } else if (t - first_motion_[c] >= kMotionSpan) {
      // The cells around one that keeps moving are masked too: a swaying figure reaches them only now
      // and then, and a few such cells would otherwise pass for a small change of the slide.
      const int x = i % LumaGrid::kWidth, y = i / LumaGrid::kWidth;
      for (int ny = std::max(0, y - kMaskReach); ny <= std::min(LumaGrid::kHeight - 1, y + kMaskReach); ++ny)
        for (int nx = std::max(0, x - kMaskReach); nx <= std::min(LumaGrid::kWidth - 1, x + kMaskReach); ++nx)
          masked_until_[static_cast<std::size_t>(ny * LumaGrid::kWidth + nx)] = until;
    }
  }
}

TrackerEvent SlideTracker::feed(double t, const LumaGrid& grid) {
  if (!started_) {
    started_ = true;
    reference_ = previous_ = grid;
    previous_time_ = t;
    return {TrackerEventKind::kStarted, t, 0};
  }
  learn_motion(t, grid);
  previous_ = grid;
  previous_time_ = t;

  const double s_ref = score(grid, reference_);
  const bool left = moved(grid, reference_);
  if (!pending_) {
    if (left) {
      pending_ = true;
      departed_at_ = candidate_since_ = t;
      candidate_ = grid;
      peak_score_ = s_ref;
      return {TrackerEventKind::kDeparted, t, s_ref};
    }
    // The reference stays the picture confirmed last: following small changes would let a slow fade
    // between similar slides creep past without ever passing the threshold.
    return {};
  }
  if (!left) {
    // Back to the reference, or what moved has since been masked: no new slide.
    pending_ = false;
    return {TrackerEventKind::kCancelled, departed_at_, s_ref};
  }
  peak_score_ = std::max(peak_score_, s_ref);
  if (!moved(grid, candidate_)) {
    if (t - candidate_since_ >= params_.settle) {
      pending_ = false;
      // The cells this change moved are the slide's, not motion: forgotten, so that the same cells moving
      // again with the next slide (its number going up once more) are not masked as if they kept moving.
      for (std::size_t c = 0; c < grid.cells.size(); ++c)
        if (masked_until_[c] <= t && std::abs(grid.cells[c] - reference_.cells[c]) > params_.cell_threshold)
          first_motion_[c] = -1;
      reference_ = grid;
      return {TrackerEventKind::kConfirmed, departed_at_, s_ref};
    }
    return {};
  }
  // Still changing (a fade, an animation): wait for the picture to settle.
  candidate_ = grid;
  candidate_since_ = t;
  return {};
}

}  // namespace talkdex::slides
