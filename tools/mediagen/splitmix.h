// splitmix64: a tiny, well-mixed sequence of numbers that is the same for the same seed on every run and
// machine, so that a seed plans, and a slide number draws, the same recording every time.
#pragma once

#include <cstddef>
#include <cstdint>

namespace talkdex::mediagen {

struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // In [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(next() >> 11) / 9007199254740992.0; }
  // In [0, n).
  std::size_t index(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  // In [lo, hi], both included.
  int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
};

}  // namespace talkdex::mediagen
