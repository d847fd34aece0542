// Turning confirmed slide changes into the segments detect_slides() reports: short segments merge into
// the one before (the first into the one after), and only segments that are kept pay for OCR and for
// their thumbnail file. Holds the picture of the current segment only, so memory does not grow with the
// length of the recording.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "frame_images.h"
#include "talkdex/ocr.h"
#include "talkdex/slide_detect.h"

namespace talkdex::slides {

class SegmentBuilder {
 public:
  SegmentBuilder(const DetectOptions& options, DetectStats& stats);

  // The first picture of the recording.
  void start(const AVFrame* frame);
  // A change that began at `boundary` and has settled; `frame` shows the new slide.
  void change(double boundary, double score, const AVFrame* frame);
  // The end of the video; returns the segments.
  std::vector<DetectedSlide> finish(double duration, std::vector<std::string>& warnings);

  bool ocr_used() const { return reader_ != nullptr; }

 private:
  struct Current {
    double start = 0;
    double confidence = 0;
    std::vector<std::uint8_t> jpeg;
    GreyPicture grey;
  };
  void capture(const AVFrame* frame);
  void keep(double end);  // the current segment is kept: write its thumbnail, read its text

  const DetectOptions& options_;
  DetectStats& stats_;
  Current current_;
  std::vector<DetectedSlide> done_;
  std::vector<std::string> warnings_;
  ThumbnailEncoder thumbnails_;
  OcrScaler ocr_scaler_;
  std::unique_ptr<SlideReader> reader_;
};

// "slide-0012345.jpg" for a segment starting at 12.345 s.
std::string thumbnail_file_name(double start);

}  // namespace talkdex::slides
