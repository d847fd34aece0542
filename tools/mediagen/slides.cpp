#include "slides.h"

#include <algorithm>
#include <array>

namespace talkdex::mediagen {
namespace {

struct Yuv {
  std::uint8_t y, u, v;
};

// Light backgrounds and strong block colours, far apart in luma or chroma from one another.
constexpr std::array<Yuv, 4> kBackgrounds = {{{235, 128, 128}, {210, 140, 120}, {220, 110, 135}, {200, 128, 150}}};
constexpr std::array<Yuv, 8> kBlocks = {{{41, 240, 110},    // blue
                                         {81, 90, 240},     // red
                                         {145, 54, 34},     // green
                                         {16, 128, 128},    // black
                                         {170, 166, 16},    // cyan-ish
                                         {106, 202, 222},   // magenta
                                         {180, 30, 150},    // yellow-green
                                         {60, 160, 60}}};   // dark teal

// splitmix64: a tiny, well-mixed sequence, so slide N looks the same on every run and machine.
struct Mix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
};

void fill(SlidePicture& p, int x0, int y0, int x1, int y1, Yuv c) {
  x0 = std::clamp(x0 & ~1, 0, p.width);
  x1 = std::clamp(x1 & ~1, 0, p.width);
  y0 = std::clamp(y0 & ~1, 0, p.height);
  y1 = std::clamp(y1 & ~1, 0, p.height);
  for (int y = y0; y < y1; ++y) std::fill(p.y.begin() + y * p.width + x0, p.y.begin() + y * p.width + x1, c.y);
  const int cw = p.width / 2;
  for (int y = y0 / 2; y < y1 / 2; ++y) {
    std::fill(p.u.begin() + y * cw + x0 / 2, p.u.begin() + y * cw + x1 / 2, c.u);
    std::fill(p.v.begin() + y * cw + x0 / 2, p.v.begin() + y * cw + x1 / 2, c.v);
  }
}

}  // namespace

SlidePicture paint_slide(int slide, int width, int height) {
  SlidePicture p;
  p.width = width;
  p.height = height;
  const Yuv bg = kBackgrounds[static_cast<std::size_t>(slide) % kBackgrounds.size()];
  p.y.assign(static_cast<std::size_t>(width) * height, bg.y);
  p.u.assign(static_cast<std::size_t>(width / 2) * (height / 2), bg.u);
  p.v.assign(static_cast<std::size_t>(width / 2) * (height / 2), bg.v);

  Mix mix{0x243F6A8885A308D3ull ^ (static_cast<std::uint64_t>(slide) + 1) * 0x100000001B3ull};
  // A title bar whose length depends on the slide, like a heading of a different length.
  const int bar_h = std::max(2, height / 10);
  fill(p, width / 16, height / 16, width / 16 + mix.between(width / 4, width * 7 / 8), height / 16 + bar_h,
       kBlocks[3]);
  // Three to five large blocks in the body, each 20-45% of the frame on a side.
  const int blocks = mix.between(3, 5);
  const int body_top = height / 16 + bar_h + height / 16;
  for (int i = 0; i < blocks; ++i) {
    const int bw = mix.between(width / 5, width * 9 / 20);
    const int bh = mix.between(height / 5, height * 9 / 20);
    const int x = mix.between(0, std::max(0, width - bw));
    const int y = mix.between(body_top, std::max(body_top, height - bh));
    const Yuv c = kBlocks[static_cast<std::size_t>(slide * 3 + i) % kBlocks.size()];
    fill(p, x, y, x + bw, y + bh, c);
  }
  return p;
}

void add_noise(std::uint8_t* y, int linesize, int width, int height, double noise, std::int64_t frame) {
  const int amplitude = std::clamp(static_cast<int>(noise * 48), 0, 127);
  if (amplitude == 0) return;
  std::uint32_t state = 2166136261u ^ static_cast<std::uint32_t>(frame * 16777619);
  for (int row = 0; row < height; ++row) {
    std::uint8_t* line = y + static_cast<std::ptrdiff_t>(row) * linesize;
    for (int x = 0; x < width; ++x) {
      state = state * 1664525u + 1013904223u;
      const int delta = static_cast<int>((state >> 24) % static_cast<std::uint32_t>(2 * amplitude + 1)) - amplitude;
      line[x] = static_cast<std::uint8_t>(std::clamp(line[x] + delta, 16, 235));
    }
  }
}

}  // namespace talkdex::mediagen
