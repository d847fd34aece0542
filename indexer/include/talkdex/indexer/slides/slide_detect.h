// Slide changes found in the video itself: a table of contents for recordings that come with none.
//
// detect_slides() decodes as little as the answer needs:
//  - a first pass decodes keyframes only (AVDISCARD_NONKEY, no loop filter; the other packets are read,
//    buffered briefly, never decoded), each averaged down to an 80x45 luma picture (cell averages
//    summed straight from the decoder's luma plane, every other row from 360 lines up) and
//    compared with the last stable one (cell averages, so camera noise does not count; a few cells that
//    changed by much do, so a slide whose number goes up by one is a change);
//  - where two keyframes differ, the packet sizes between them are read first: one packet that stands
//    out, with the picture holding after it, is a cut at that packet, and nothing is decoded;
//  - otherwise (fades, changes of a few characters, several changes) the frames between the keyframes
//    are decoded from the packets still in memory, to place the boundary within a frame, and only until
//    the picture is the second keyframe's (which then confirms the change, so the half second of
//    stillness after it is not decoded); keyframes that agree are decoded between only
//    when they lie more than max_keyframe_gap apart and a packet between them stood out;
//  - a boundary is where the picture changes and then stays still for `settle` seconds; motion confined
//    to a small part of the frame (a speaker picture-in-picture) is masked; segments shorter than
//    min_segment merge into the one before (the first into the one after);
//  - each kept segment gets a thumbnail (JPEG, libav's mjpeg encoder) and, with OCR on and available,
//    the text of its slide (Tesseract, see ocr.h, on a thread of its own while decoding goes on), both
//    taken from a frame once the slide has settled.
// A change of a few characters in the same keyframe interval as a cut before it is not seen (the packet
// sizes show the cut only, and the second keyframe shows both): one slide, starting at the cut.
// Memory stays bounded whatever the length: the packets of the last two keyframe intervals (at most
// max_buffered_bytes, beyond which every frame is decoded instead), one frame per decoder, the
// thumbnail and OCR picture of the current segment, and at most four pictures waiting for OCR.
//
// Errors: a Failure naming the file for what cannot be read at all (missing, not media, no video
// stream, no frame decodable) and for cancellation ("interrupted"). Damage in the middle (undecodable
// packets, read errors) is skipped and reported in Detection::warnings.
// Thread safety: no shared state; run several detections at once if you like.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "talkdex/error.h"

namespace talkdex {

struct DetectOptions {
  double min_segment = 4;           // seconds; shorter slides merge into their neighbour
  double change_threshold = 0.03;   // fraction of the picture that must change
  double settle = 0.5;              // seconds the new picture must stay still
  double max_keyframe_gap = 4;      // seconds; agreeing keyframes further apart get the frames between
                                    // decoded where a packet between them stood out
  std::int64_t max_buffered_bytes = 64ll << 20;
  int threads = 2;                  // decoder threads (frame and slice)
  std::filesystem::path thumbnail_dir;  // where thumbnails are written; empty: none
  int thumbnail_width = 256;        // pixels; the height keeps the aspect ratio
  bool ocr = true;                  // read slide text when OCR is available
  double timeout_seconds = 30;      // each read of a URL
  // Asked between packets; returning true stops the detection with Failure "interrupted".
  std::function<bool()> cancelled;
  // Told the media time reached and the duration (0 when unknown), now and then.
  std::function<void(double done, double total)> progress;
};

struct DetectedSlide {
  double start = 0;          // seconds from the start of the recording
  double end = 0;
  double confidence = 0;     // 0..1: how clearly the picture changed here and settled
  std::string thumbnail;     // file name inside DetectOptions::thumbnail_dir; "" when none was written
  std::string text;          // the slide's text by OCR, lines separated by '\n'; "" when none
};

struct DetectStats {
  std::int64_t packets = 0;          // video packets read
  std::int64_t keyframes_decoded = 0;
  std::int64_t frames_decoded = 0;   // all decoded frames, keyframes included
  std::int64_t refined_intervals = 0;      // keyframe intervals whose frames were decoded
  std::int64_t refinements_cut_short = 0;  // of those, stopped once the picture had settled
  std::int64_t cuts_from_packet_sizes = 0; // changes placed by packet sizes between differing keyframes
  std::int64_t undecodable_packets = 0;
  std::int64_t peak_buffered_bytes = 0;
  bool decoded_every_frame = false;  // keyframes too far apart to buffer the packets between them
  double ocr_seconds = 0;            // time the OCR thread spent reading slides (alongside decoding)
  std::int64_t ocr_slides = 0;       // slides read
};

struct Detection {
  std::string uri;
  double duration = 0;               // seconds of video seen
  int width = 0, height = 0;
  std::string codec;
  std::vector<DetectedSlide> slides; // in time order, covering [0, duration)
  bool ocr_used = false;             // OCR was asked for and available
  DetectStats stats;
  std::vector<std::string> warnings; // damage skipped, with where it was
};

Result<Detection> detect_slides(const std::string& path_or_url, const DetectOptions& options = {});

}  // namespace talkdex
