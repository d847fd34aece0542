#include "slides.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "font5x7.h"
#include "splitmix.h"
#include "talkdex/text.h"

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

// So that slide N looks the same on every run and machine.
using Mix = SplitMix64;

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

// Text coverage of a picture, 0..255 per pixel: font pixels are drawn as squares, then rounded off
// (blurred and sharpened again) so that strokes join and curve the way a real font's do, which is what
// OCR engines were trained on.
struct Coverage {
  int width, height;
  std::vector<std::uint8_t> a;
  Coverage(int w, int h) : width(w), height(h), a(static_cast<std::size_t>(w) * h, 0) {}
  std::uint8_t& at(int x, int y) { return a[static_cast<std::size_t>(y) * width + x]; }
};

void draw_text(Coverage& cov, const std::string& line, int x, int y, int scale) {
  for (char ch : line) {
    const Glyph g = glyph(ch);
    for (int row = 0; row < kGlyphHeight; ++row)
      for (int col = 0; col < kGlyphWidth; ++col)
        if (g[static_cast<std::size_t>(row)] & (0x10 >> col)) {
          const int px = x + col * scale, py = y + row * scale;
          for (int yy = std::max(0, py); yy < std::min(py + scale, cov.height); ++yy)
            for (int xx = std::max(0, px); xx < std::min(px + scale, cov.width); ++xx) cov.at(xx, yy) = 255;
        }
    x += kGlyphAdvance * scale;
  }
}

// A box blur of radius r along rows, then columns.
void box_blur(Coverage& cov, int r) {
  std::vector<int> line;
  auto pass = [&](int n, int count, auto get) {
    for (int i = 0; i < count; ++i) {
      line.assign(static_cast<std::size_t>(n) + 1, 0);
      for (int k = 0; k < n; ++k) line[static_cast<std::size_t>(k) + 1] = line[static_cast<std::size_t>(k)] + get(i, k);
      std::vector<std::uint8_t> out(static_cast<std::size_t>(n));
      for (int k = 0; k < n; ++k) {
        const int lo = std::max(0, k - r), hi = std::min(n, k + r + 1);
        out[static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(
            (line[static_cast<std::size_t>(hi)] - line[static_cast<std::size_t>(lo)]) / (hi - lo));
      }
      for (int k = 0; k < n; ++k) get(i, k) = out[static_cast<std::size_t>(k)];
    }
  };
  pass(cov.width, cov.height, [&](int y, int x) -> std::uint8_t& { return cov.at(x, y); });
  pass(cov.height, cov.width, [&](int x, int y) -> std::uint8_t& { return cov.at(x, y); });
}

void paint_coverage(SlidePicture& p, const Coverage& cov, Yuv c) {
  for (int y = 0; y < p.height; ++y)
    for (int x = 0; x < p.width; ++x) {
      // Sharpen the blurred edge again: 1/4 coverage and less is background, 3/4 and more is ink.
      const int a = std::clamp((cov.a[static_cast<std::size_t>(y) * p.width + x] - 64) * 2, 0, 255);
      if (a == 0) continue;
      auto mix = [a](std::uint8_t& dst, std::uint8_t ink) { dst = static_cast<std::uint8_t>((dst * (255 - a) + ink * a) / 255); };
      mix(p.y[static_cast<std::size_t>(y) * p.width + x], c.y);
      if (!(x & 1) && !(y & 1)) {
        mix(p.u[static_cast<std::size_t>(y / 2) * (p.width / 2) + x / 2], c.u);
        mix(p.v[static_cast<std::size_t>(y / 2) * (p.width / 2) + x / 2], c.v);
      }
    }
}

// Words of `text` in lines of at most `max_chars` characters (a longer word is cut).
std::vector<std::string> wrap(const std::string& text, std::size_t max_chars) {
  std::vector<std::string> lines;
  std::string line;
  for (std::string word : split(collapse_space(text), ' ')) {
    while (word.size() > max_chars) {
      if (!line.empty()) lines.push_back(std::move(line)), line.clear();
      lines.push_back(word.substr(0, max_chars));
      word = word.substr(max_chars);
    }
    if (word.empty()) continue;
    if (!line.empty() && line.size() + 1 + word.size() > max_chars) lines.push_back(std::move(line)), line.clear();
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace

SlidePicture paint_text_slide(const std::string& text, int width, int height) {
  SlidePicture p;
  p.width = width;
  p.height = height;
  // One background for every text slide, as a deck has: consecutive text slides differ in text only.
  const Yuv bg = kBackgrounds[0];
  p.y.assign(static_cast<std::size_t>(width) * height, bg.y);
  p.u.assign(static_cast<std::size_t>(width / 2) * (height / 2), bg.u);
  p.v.assign(static_cast<std::size_t>(width / 2) * (height / 2), bg.v);

  const std::string folded = fold_accents(text);
  std::vector<std::string> paragraphs = split(folded, '\n');
  const int title_scale = std::max(2, height / 80);
  const int body_scale = std::max(2, title_scale * 3 / 4);
  const int margin = width / 16;
  int y = height / 12;
  Coverage title(width, height), body(width, height);
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    const int scale = i == 0 ? title_scale : body_scale;
    const auto max_chars = static_cast<std::size_t>(std::max(1, (width - 2 * margin) / (kGlyphAdvance * scale)));
    for (const std::string& line : wrap(paragraphs[i], max_chars)) {
      if (y + kGlyphHeight * scale > height) break;
      draw_text(i == 0 ? title : body, line, margin, y, scale);
      y += (kGlyphHeight + 4) * scale;
    }
    y += (i == 0 ? 3 : 1) * scale;
  }
  box_blur(title, std::max(1, title_scale * 2 / 5));
  box_blur(body, std::max(1, body_scale * 2 / 5));
  paint_coverage(p, title, Yuv{41, 180, 110});
  paint_coverage(p, body, Yuv{16, 128, 128});
  return p;
}

void blend(const SlidePicture& from, const SlidePicture& to, double alpha, SlidePicture& out) {
  out.width = to.width;
  out.height = to.height;
  const int a = std::clamp(static_cast<int>(std::lround(alpha * 256)), 0, 256);
  auto mix = [a](const std::vector<std::uint8_t>& f, const std::vector<std::uint8_t>& t, std::vector<std::uint8_t>& o) {
    o.resize(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) o[i] = static_cast<std::uint8_t>((f[i] * (256 - a) + t[i] * a) >> 8);
  };
  mix(from.y, to.y, out.y);
  mix(from.u, to.u, out.u);
  mix(from.v, to.v, out.v);
}

void paint_speaker(std::uint8_t* const planes[3], const int linesizes[3], int width, int height, double t) {
  const int bw = (width / 4) & ~1, bh = (height / 4) & ~1;
  const int x0 = (width - bw - width / 32) & ~1, y0 = (height - bh - height / 32) & ~1;
  // The figure: a head and shoulders whose centre sways across the box and bobs a little.
  const double cx = x0 + bw / 2.0 + bw / 4.0 * std::sin(2 * M_PI * t / 3.7);
  const double cy = y0 + bh * 0.4 + bh / 16.0 * std::sin(2 * M_PI * t / 1.3);
  const double head = bh / 6.0;
  for (int y = y0; y < y0 + bh; ++y) {
    for (int x = x0; x < x0 + bw; ++x) {
      const double dx = x - cx, dy = y - cy;
      Yuv c{static_cast<std::uint8_t>(50 + 30 * (y - y0) / std::max(1, bh)), 128, 128};  // a dim room
      if (dx * dx + dy * dy < head * head) c = {170, 110, 150};                              // face
      else if (y > cy + head && std::abs(dx) < head * 1.8) c = {70, 150, 110};               // shirt
      planes[0][static_cast<std::ptrdiff_t>(y) * linesizes[0] + x] = c.y;
      if (!(x & 1) && !(y & 1)) {
        planes[1][static_cast<std::ptrdiff_t>(y / 2) * linesizes[1] + x / 2] = c.u;
        planes[2][static_cast<std::ptrdiff_t>(y / 2) * linesizes[2] + x / 2] = c.v;
      }
    }
  }
}

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
  // The delta of each of the 256 values of the generator's top byte, looked up rather than divided for:
  // a division per pixel was most of the time it took to make a long 1080p lecture (same pixels).
  std::array<int, 256> delta;
  for (std::uint32_t v = 0; v < delta.size(); ++v)
    delta[v] = static_cast<int>(v % static_cast<std::uint32_t>(2 * amplitude + 1)) - amplitude;
  std::uint32_t state = 2166136261u ^ static_cast<std::uint32_t>(frame * 16777619);
  for (int row = 0; row < height; ++row) {
    std::uint8_t* line = y + static_cast<std::ptrdiff_t>(row) * linesize;
    for (int x = 0; x < width; ++x) {
      state = state * 1664525u + 1013904223u;
      line[x] = static_cast<std::uint8_t>(std::clamp(line[x] + delta[state >> 24], 16, 235));
    }
  }
}

}  // namespace talkdex::mediagen
