#include "slide_segments.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace talkdex::slides {

std::string thumbnail_file_name(double start) {
  char name[48];
  std::snprintf(name, sizeof name, "slide-%07lld.jpg", static_cast<long long>(std::llround(start * 1000)));
  return name;
}

SegmentBuilder::SegmentBuilder(const DetectOptions& options, DetectStats& stats)
    : options_(options), stats_(stats), thumbnails_(options.thumbnail_width) {
  ocr_ = options.ocr && ocr_available();
  if (ocr_) reader_ = std::thread([this] { read_slides(); });
}

SegmentBuilder::~SegmentBuilder() {
  {
    std::lock_guard lock(mutex_);
    abandon_ = true;
  }
  stop_reader();
}

void SegmentBuilder::stop_reader() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (reader_.joinable()) reader_.join();
}

// The OCR thread: one Tesseract engine (it belongs to the thread that uses it), the queued pictures in
// order.
void SegmentBuilder::read_slides() {
  SlideReader reader;
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return abandon_ || stopping_ || !queue_.empty(); });
    if (abandon_ || queue_.empty()) return;
    OcrJob job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    changed_.notify_all();  // room in the queue
    const auto began = std::chrono::steady_clock::now();
    auto text = reader.read(job.grey.pixels.data(), job.grey.width, job.grey.height, job.grey.width);
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    lock.lock();
    stats_.ocr_seconds += took;
    ++stats_.ocr_slides;
    read_.push_back({job.slide, std::move(text)});
  }
}

void SegmentBuilder::capture(const AVFrame* frame) {
  current_.jpeg.clear();
  current_.grey = {};
  if (!options_.thumbnail_dir.empty()) {
    auto jpeg = thumbnails_.encode(frame);
    if (jpeg) current_.jpeg = std::move(*jpeg);
    else if (warnings_.size() < 8) warnings_.push_back(jpeg.failure().message());
  }
  if (ocr_) ocr_scaler_.scale(frame, current_.grey);
}

void SegmentBuilder::start(const AVFrame* frame) {
  current_ = {};
  current_.start = 0;
  current_.confidence = 0.9;  // the recording's first picture: where the first slide is, by definition
  capture(frame);
}

void SegmentBuilder::change(double boundary, double score, const AVFrame* frame) {
  // How much of the picture changed, from just over the threshold (0.5) to a third of it and more (0.95).
  const double confidence =
      std::round(std::clamp(0.5 + (score - options_.change_threshold) * 1.5, 0.5, 0.95) * 100) / 100;
  if (boundary - current_.start >= options_.min_segment) {
    keep(boundary);
    current_ = {};
  } else if (done_.empty()) {
    // The opening segment is too short (a black frame, a fade-in): it takes the new slide's picture and
    // keeps starting at 0.
    capture(frame);
    return;
  } else {
    // Too short to be a slide of its own: it becomes the end of the one before.
    done_.back().end = boundary;
    current_ = {};
  }
  current_.start = boundary;
  current_.confidence = confidence;
  capture(frame);
}

void SegmentBuilder::keep(double end) {
  DetectedSlide slide;
  slide.start = current_.start;
  slide.end = end;
  slide.confidence = current_.confidence;
  if (!current_.jpeg.empty()) {
    const std::string name = thumbnail_file_name(slide.start);
    std::ofstream out(options_.thumbnail_dir / name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(current_.jpeg.data()), static_cast<std::streamsize>(current_.jpeg.size()));
    out.close();
    if (out) slide.thumbnail = name;
    else if (warnings_.size() < 8) warnings_.push_back((options_.thumbnail_dir / name).string() + ": cannot write the thumbnail");
  }
  done_.push_back(std::move(slide));
  if (ocr_ && !current_.grey.pixels.empty()) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return queue_.size() < kOcrQueue; });
    queue_.push_back({done_.size() - 1, std::move(current_.grey)});
    lock.unlock();
    changed_.notify_all();
  }
}

std::vector<DetectedSlide> SegmentBuilder::finish(double duration, std::vector<std::string>& warnings) {
  duration = std::max(duration, current_.start);
  if (done_.empty() || duration - current_.start >= options_.min_segment) keep(duration);
  else done_.back().end = duration;  // a last short segment joins the one before
  current_ = {};
  stop_reader();  // waits for the text of the slides still queued
  for (auto& r : read_) {
    if (r.text) done_[r.slide].text = std::move(*r.text);
    else if (warnings_.size() < 8) warnings_.push_back(r.text.failure().message());
  }
  warnings.insert(warnings.end(), warnings_.begin(), warnings_.end());
  return std::move(done_);
}

}  // namespace talkdex::slides
