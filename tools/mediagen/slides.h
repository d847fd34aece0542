// Slide pictures for the test media generator: a plain background, a title bar and a few large
// blocks, all decided by the slide number, so consecutive slides differ over a large part of the frame
// (what slide-change detection looks for) while frames of one slide are identical (before noise).
// Text slides draw their text with the built-in 5x7 font (font5x7.h), large enough for OCR; a speaker
// picture-in-picture and cross-fades make the frames move the way a lecture recording's do.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace talkdex::mediagen {

// One YUV 4:2:0 picture: y is width*height, u and v are (width/2)*(height/2).
struct SlidePicture {
  int width = 0, height = 0;
  std::vector<std::uint8_t> y, u, v;
};

SlidePicture paint_slide(int slide, int width, int height);

// A text slide on a white background: the first line of `text` large (the title), the other
// lines ('\n'-separated) smaller below it, each wrapped at word boundaries to fit the width.
SlidePicture paint_text_slide(const std::string& text, int width, int height);

// `out` = (1 - alpha) * from + alpha * to, pixel by pixel (the pictures have the same size).
void blend(const SlidePicture& from, const SlidePicture& to, double alpha, SlidePicture& out);

// The speaker picture-in-picture at time `t` seconds, drawn over a YUV 4:2:0 frame: a box a quarter of
// the frame wide in the bottom-right corner, with a figure that sways and bobs continuously.
void paint_speaker(std::uint8_t* const planes[3], const int linesizes[3], int width, int height, double t);

// Adds deterministic noise of amplitude `noise` (0..1) to the luma of `y`, varying with `frame`.
void add_noise(std::uint8_t* y, int linesize, int width, int height, double noise, std::int64_t frame);

}  // namespace talkdex::mediagen
