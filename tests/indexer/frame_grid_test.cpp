// The 80x45 luma grid that slide detection compares frames by, made from decoded frames: cell averages
// summed from the luma plane at the sizes recordings come in, camera noise averaged away, and formats
// without an 8-bit luma plane through swscale.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <vector>

#include "frame_images.h"
#include "libav.h"

using talkdex::slides::GridScaler;
using talkdex::slides::LumaGrid;

namespace {

talkdex::av::Frame make_frame(int width, int height, AVPixelFormat format) {
  talkdex::av::Frame f(av_frame_alloc());
  REQUIRE(f);
  f->width = width;
  f->height = height;
  f->format = format;
  REQUIRE(av_frame_get_buffer(f.get(), 0) >= 0);
  return f;
}

// A level per cell, as the grid cuts a picture of this size (cell edges rounded down).
int cell_level(int cx, int cy) { return 20 + (cx * 7 + cy * 13) % 200; }

// The cell each pixel column (row) lies in: the last c with c * size / cells <= x.
std::vector<int> cell_of(int size, int cells) {
  std::vector<int> out(static_cast<std::size_t>(size));
  int c = 0;
  for (int x = 0; x < size; ++x) {
    while ((c + 1) * size / cells <= x) ++c;
    out[static_cast<std::size_t>(x)] = c;
  }
  return out;
}

void paint_cells(AVFrame* f) {
  const auto column = cell_of(f->width, LumaGrid::kWidth), row = cell_of(f->height, LumaGrid::kHeight);
  for (int y = 0; y < f->height; ++y)
    for (int x = 0; x < f->width; ++x)
      f->data[0][static_cast<std::ptrdiff_t>(y) * f->linesize[0] + x] = static_cast<std::uint8_t>(
          cell_level(column[static_cast<std::size_t>(x)], row[static_cast<std::size_t>(y)]));
}

int level(const LumaGrid& g, int cx, int cy) { return g.cells[static_cast<std::size_t>(cy * LumaGrid::kWidth + cx)]; }

}  // namespace

TEST_CASE("the luma grid is each cell's average, at 720p, 1080p and sizes that do not divide into cells") {
  for (auto size : {std::pair{1280, 720}, std::pair{1920, 1080}, std::pair{250, 100}, std::pair{643, 361}}) {
    // Plain variables, not a structured binding: CAPTURE's lambda cannot capture one with clang 14.
    const int w = size.first, h = size.second;
    CAPTURE(w);
    CAPTURE(h);
    auto f = make_frame(w, h, AV_PIX_FMT_YUV420P);
    paint_cells(f.get());
    GridScaler scaler;
    LumaGrid grid;
    REQUIRE(scaler.scale(f.get(), grid));
    int wrong = 0;
    for (int cy = 0; cy < LumaGrid::kHeight; ++cy)
      for (int cx = 0; cx < LumaGrid::kWidth; ++cx) wrong += level(grid, cx, cy) != cell_level(cx, cy);
    CHECK(wrong == 0);
  }
}

TEST_CASE("the luma grid averages camera noise away and follows a frame whose size changes") {
  GridScaler scaler;
  LumaGrid grid;
  std::mt19937 random(7);
  std::uniform_int_distribution<int> noise(-6, 6);  // a little more than the generator's camera noise
  for (auto [w, h] : {std::pair{1920, 1080}, std::pair{1280, 720}}) {
    auto f = make_frame(w, h, AV_PIX_FMT_YUV420P);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        f->data[0][static_cast<std::ptrdiff_t>(y) * f->linesize[0] + x] =
            static_cast<std::uint8_t>((x < w / 2 ? 60 : 180) + noise(random));
    REQUIRE(scaler.scale(f.get(), grid));
    int off = 0;
    for (int cy = 0; cy < LumaGrid::kHeight; ++cy)
      for (int cx = 0; cx < LumaGrid::kWidth; ++cx) off += std::abs(level(grid, cx, cy) - (cx < 40 ? 60 : 180)) > 2;
    CHECK(off == 0);
  }
}

TEST_CASE("the luma grid of a frame without an 8-bit luma plane goes through swscale") {
  auto f = make_frame(320, 180, AV_PIX_FMT_RGB24);
  for (int y = 0; y < 180; ++y)
    for (int x = 0; x < 320 * 3; ++x)
      f->data[0][static_cast<std::ptrdiff_t>(y) * f->linesize[0] + x] = static_cast<std::uint8_t>(y < 90 ? 40 : 200);
  GridScaler scaler;
  LumaGrid grid;
  REQUIRE(scaler.scale(f.get(), grid));
  // Grey RGB: the top half dark, the bottom half light, whatever range swscale maps grey to.
  CHECK(level(grid, 10, 5) < 70);
  CHECK(level(grid, 10, 40) > 170);
  CHECK(std::abs(level(grid, 10, 5) - level(grid, 70, 5)) <= 1);
}
