// Turning confirmed slide changes into the segments detect_slides() reports: short segments merge into
// the one before (the first into the one after), and only segments that are kept pay for OCR and for
// their thumbnail file. Holds the picture of the current segment only, so memory does not grow with the
// length of the recording.
//
// OCR runs on a thread of its own while decoding goes on: a kept segment's grey picture is queued (at
// most kOcrQueue of them, so a slow reader holds decoding back rather than memory growing) and its text
// is filled in by finish(), which waits for the reader. The destructor stops the reader without waiting
// for the pictures still queued (a detection that failed or was interrupted).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "frame_images.h"
#include "talkdex/indexer/slides/ocr.h"
#include "talkdex/indexer/slides/slide_detect.h"

namespace talkdex::slides {

class SegmentBuilder {
 public:
  SegmentBuilder(const DetectOptions& options, DetectStats& stats);
  ~SegmentBuilder();
  SegmentBuilder(const SegmentBuilder&) = delete;
  SegmentBuilder& operator=(const SegmentBuilder&) = delete;

  // The first picture of the recording.
  void start(const AVFrame* frame);
  // A change that began at `boundary` and has settled; `frame` shows the new slide.
  void change(double boundary, double score, const AVFrame* frame);
  // The end of the video; returns the segments.
  std::vector<DetectedSlide> finish(double duration, std::vector<std::string>& warnings);

  bool ocr_used() const { return ocr_; }
  static constexpr std::size_t kOcrQueue = 4;

 private:
  struct Current {
    double start = 0;
    double confidence = 0;
    std::vector<std::uint8_t> jpeg;
    GreyPicture grey;
  };
  void capture(const AVFrame* frame);
  void keep(double end);  // the current segment is kept: write its thumbnail, queue its text
  struct OcrJob {
    std::size_t slide = 0;  // index into done_
    GreyPicture grey;
  };
  struct OcrDone {
    std::size_t slide = 0;
    Result<std::string> text;
  };
  void read_slides();     // the OCR thread
  void stop_reader();

  const DetectOptions& options_;
  DetectStats& stats_;
  Current current_;
  std::vector<DetectedSlide> done_;
  std::vector<std::string> warnings_;
  ThumbnailEncoder thumbnails_;
  OcrScaler ocr_scaler_;
  bool ocr_ = false;
  std::mutex mutex_;                 // guards the queue, the results, stopping_ and stats_.ocr_*
  std::condition_variable changed_;
  std::deque<OcrJob> queue_;
  std::vector<OcrDone> read_;
  bool stopping_ = false;            // no more jobs come: finish the queue and end
  bool abandon_ = false;             // end now, leaving the queue
  std::thread reader_;
};

// "slide-0012345.jpg" for a segment starting at 12.345 s.
std::string thumbnail_file_name(double start);

}  // namespace talkdex::slides
