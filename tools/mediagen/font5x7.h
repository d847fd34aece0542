// A built-in 5x7 bitmap font for the test media generator's text slides: upper-case letters, digits and
// common punctuation (lower case is drawn as upper case; accents are folded first; anything else is
// drawn as a blank). Big enough for OCR when scaled up (3x and more), and needing no font files.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace talkdex::mediagen {

inline constexpr int kGlyphWidth = 5;
inline constexpr int kGlyphHeight = 7;
inline constexpr int kGlyphAdvance = 6;  // columns from one character to the next (one blank column)

// Seven rows of five bits, the leftmost pixel in bit 4; all zero for characters the font lacks.
using Glyph = std::array<std::uint8_t, kGlyphHeight>;
Glyph glyph(char c);

// Whether the font has a shape for `c` (after upper-casing); spaces count as drawn.
bool has_glyph(char c);

}  // namespace talkdex::mediagen
