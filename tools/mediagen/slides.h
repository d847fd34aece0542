// Slide pictures for the test media generator: a plain background, a title bar and a few large
// blocks, all decided by the slide number, so consecutive slides differ over a large part of the frame
// (what slide-change detection looks for) while frames of one slide are identical (before noise).
#pragma once

#include <cstdint>
#include <vector>

namespace talkdex::mediagen {

// One YUV 4:2:0 picture: y is width*height, u and v are (width/2)*(height/2).
struct SlidePicture {
  int width = 0, height = 0;
  std::vector<std::uint8_t> y, u, v;
};

SlidePicture paint_slide(int slide, int width, int height);

// Adds deterministic noise of amplitude `noise` (0..1) to the luma of `y`, varying with `frame`.
void add_noise(std::uint8_t* y, int linesize, int width, int height, double noise, std::int64_t frame);

}  // namespace talkdex::mediagen
