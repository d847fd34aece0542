#include "slide_tracker.h"

#include <algorithm>
#include <cstdlib>

namespace talkdex::slides {

double SlideTracker::score(const LumaGrid& a, const LumaGrid& b) const {
  int changed = 0, counted = 0;
  for (int i = 0; i < LumaGrid::kCells; ++i) {
    if (masked_until_[static_cast<std::size_t>(i)] > previous_time_) continue;
    ++counted;
    if (std::abs(a.cells[static_cast<std::size_t>(i)] - b.cells[static_cast<std::size_t>(i)]) > params_.cell_threshold)
      ++changed;
  }
  // With most of the picture masked (a full-frame video), the rest still decides, but never less than a
  // quarter of the frame counts as the whole: a few cells must not make a slide.
  counted = std::max(counted, LumaGrid::kCells / 4);
  return static_cast<double>(changed) / counted;
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
  int changed = 0;
  for (int i = 0; i < LumaGrid::kCells; ++i)
    if (std::abs(grid.cells[static_cast<std::size_t>(i)] - previous_.cells[static_cast<std::size_t>(i)]) >
        params_.cell_threshold)
      ++changed;
  if (static_cast<double>(changed) / LumaGrid::kCells >= params_.change_threshold) return;
  const auto until = static_cast<float>(t + params_.mask_seconds);
  for (int i = 0; i < LumaGrid::kCells; ++i) {
    const auto c = static_cast<std::size_t>(i);
    if (std::abs(grid.cells[c] - previous_.cells[c]) <= params_.cell_threshold) continue;
    if (first_motion_[c] < 0 || t - first_motion_[c] > params_.mask_seconds) first_motion_[c] = static_cast<float>(t);
    else if (t - first_motion_[c] >= kMotionSpan) masked_until_[c] = until;
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
  if (!pending_) {
    if (s_ref > params_.change_threshold) {
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
  if (s_ref <= params_.change_threshold) {
    // Back to the reference, or what moved has since been masked: no new slide.
    pending_ = false;
    return {TrackerEventKind::kCancelled, departed_at_, s_ref};
  }
  peak_score_ = std::max(peak_score_, s_ref);
  if (score(grid, candidate_) <= params_.change_threshold) {
    if (t - candidate_since_ >= params_.settle) {
      pending_ = false;
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
