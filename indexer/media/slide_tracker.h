// The slide-change state machine, over small luma pictures (no libav here, so it is tested on its own).
//
// Every sampled frame becomes a LumaGrid: the picture scaled down (area average) to 80x45 cells, which
// averages camera noise and compression artefacts away while a slide's text and shapes still move many
// cells. A cell "changed" when its luma moved by more than cell_threshold; a score is the fraction of
// cells that changed. Two pictures differ when more than change_threshold of the cells changed, or at
// least min_cells changed by more than twice cell_threshold: a slide whose number goes up by one or that
// gains a bullet changes only a few cells, but by much, while noise (averaged over a cell's hundreds of
// pixels) changes none and the codec (a keyframe against the frames predicted from it) a few, by little.
//
// SlideTracker keeps the last stable picture (the reference). A sample whose score against it passes
// change_threshold departs; the departure becomes a boundary once the new picture stays still (the score
// between consecutive samples under the threshold) for `settle` seconds, and is cancelled when the
// picture comes back to the reference. Cells that keep changing while the rest of the picture stays
// still (a speaker picture-in-picture, a clock) are masked for mask_seconds, so motion in a small part
// of the frame never passes for a new slide.
#pragma once

#include <array>
#include <cstdint>

namespace talkdex::slides {

struct LumaGrid {
  static constexpr int kWidth = 80, kHeight = 45, kCells = kWidth * kHeight;
  std::array<std::uint8_t, kCells> cells{};
};

struct TrackerParams {
  double change_threshold = 0.03;  // fraction of (unmasked) cells
  int cell_threshold = 10;         // luma levels
  int min_cells = 3;               // this many strongly changed (unmasked) cells differ, whatever the fraction
  double settle = 0.5;             // seconds a new picture must stay still
  double mask_seconds = 120;       // how long a cell that moved on its own stays masked
};

enum class TrackerEventKind { kNone, kStarted, kDeparted, kConfirmed, kCancelled };

struct TrackerEvent {
  TrackerEventKind kind = TrackerEventKind::kNone;
  double boundary = 0;  // kConfirmed: when the picture began to change (the departure's time)
  double score = 0;     // kConfirmed, kDeparted: the score against the reference
};

class SlideTracker {
 public:
  explicit SlideTracker(TrackerParams params = {}) : params_(params) {}

  // Samples must come in increasing time order.
  TrackerEvent feed(double t, const LumaGrid& grid);

  bool started() const { return started_; }
  bool pending() const { return pending_; }
  // The score of `grid` against the reference, with the current mask: above change_threshold() it
  // would depart.
  double score_against_reference(const LumaGrid& grid) const { return score(grid, reference_); }
  // Whether `grid` differs from the picture the tracker holds now: the reference, or while a change is
  // pending the latest picture of it. Between two such samples the picture moved, so the frames between
  // them are worth looking at.
  bool differs(const LumaGrid& grid) const { return moved(grid, pending_ ? candidate_ : reference_); }
  double change_threshold() const { return params_.change_threshold; }
  int masked_cells(double t) const;

 private:
  struct Count {
    int changed = 0, counted = 0;
    int strong = 0;  // changed by more than twice cell_threshold
  };
  Count count(const LumaGrid& a, const LumaGrid& b) const;
  double score(const LumaGrid& a, const LumaGrid& b) const;
  bool moved(const LumaGrid& a, const LumaGrid& b) const;
  void learn_motion(double t, const LumaGrid& grid);

  TrackerParams params_;
  bool started_ = false;
  bool pending_ = false;
  LumaGrid reference_, previous_, candidate_;
  double previous_time_ = 0;
  double departed_at_ = 0;       // first sample that left the reference
  double candidate_since_ = 0;   // when the candidate picture appeared
  double peak_score_ = 0;
  std::array<float, LumaGrid::kCells> masked_until_{};  // per cell: time until which it is ignored
  std::array<float, LumaGrid::kCells> first_motion_ = still();  // per cell: when it began to move, or -1
  static std::array<float, LumaGrid::kCells> still() {
    std::array<float, LumaGrid::kCells> a;
    a.fill(-1);
    return a;
  }
};

}  // namespace talkdex::slides
