// What the sizes of a keyframe interval's packets say about the pictures between its two keyframes,
// read before (and often instead of) decoding them.
//
// A cut to a new slide costs the encoder a frame's worth of new picture: the packet that carries it is
// several times larger than the packets just before it, whose noise and moving speaker inset cost about
// the same in every frame. So:
//  - kQuiet: no packet stands out; nothing changed abruptly between the keyframes (a fade or a change of
//    a few characters may still have: the keyframes tell);
//  - kOneCut: one packet (or a few in a row: a cut to a picture whose noise costs more) stands out, and
//    nothing more for at least `settle` before the second keyframe: one cut, at the first such packet;
//  - kUnclear: several separate packets stand out, or too few packets to judge.
// The caller trusts kOneCut only when the two keyframes differ; anything else is decoded.
// Pure arithmetic, no libav: tested on its own.
#pragma once

#include <vector>

namespace talkdex::slides {

struct PacketSize {
  double time = 0;  // seconds
  int bytes = 0;
};

enum class GopReadingKind { kQuiet, kOneCut, kUnclear };

struct GopReading {
  GopReadingKind kind = GopReadingKind::kUnclear;
  double cut = 0;         // kOneCut: the time of the packet that stands out
  double last_spike = 0;  // kOneCut, kUnclear: the time of the last packet that stands out (0: none)
};

// `between`: the packets after the first keyframe and before the second, in decoding order; `next_key`:
// the second keyframe's time; `frame`: one frame's duration.
GopReading read_gop(const std::vector<PacketSize>& between, double next_key, double settle, double frame);

}  // namespace talkdex::slides
