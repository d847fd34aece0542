// Reading the text of a slide picture with Tesseract (an optional build feature: TALKDEX_OCR, on when
// libtesseract is found at build time).
//
// ocr_available() says whether this build has OCR and its English data loads; without it, slide
// detection still finds slides and thumbnails, only without their text. SlideReader owns one Tesseract
// engine (loading one costs tens of milliseconds, so a detection keeps one for all its slides).
// Errors: read() returns a Failure when OCR is unavailable or Tesseract fails on the picture; a picture
// with no text gives an empty string, not a failure.
// Thread safety: ocr_available() may be called from any thread; a SlideReader belongs to one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "talkdex/error.h"

namespace talkdex {

// True when slide text can be read (built with Tesseract and its "eng" data found).
bool ocr_available();
// "tesseract 5.3.0 (eng)", or why OCR is unavailable ("built without Tesseract", "no eng data ...").
std::string ocr_description();

class SlideReader {
 public:
  SlideReader();
  ~SlideReader();
  SlideReader(const SlideReader&) = delete;
  SlideReader& operator=(const SlideReader&) = delete;

  bool ok() const;
  // The text of an 8-bit grey picture (`stride` bytes from one row to the next): words Tesseract is
  // reasonably sure of, one line of the slide per line, spaces collapsed.
  Result<std::string> read(const std::uint8_t* pixels, int width, int height, int stride);

 private:
  struct Engine;
  std::unique_ptr<Engine> engine_;
};

}  // namespace talkdex
