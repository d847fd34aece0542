// Slide text with Tesseract's C++ API, when the build has it (TALKDEX_HAVE_TESSERACT).
#include "talkdex/indexer/slides/ocr.h"

#include <cctype>
#include <memory>

#include "talkdex/text.h"

#ifdef TALKDEX_HAVE_TESSERACT
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>
#endif

namespace talkdex {

#ifdef TALKDEX_HAVE_TESSERACT

namespace {

// Words below this confidence (0..100) are mostly shapes read as letters.
constexpr float kMinWordConfidence = 40;

struct TextDeleter {
  void operator()(char* p) const { delete[] p; }
};

bool has_alnum(const std::string& s) {
  for (unsigned char c : s)
    if (std::isalnum(c) || c >= 0x80) return true;
  return false;
}

}  // namespace

struct SlideReader::Engine {
  tesseract::TessBaseAPI api;
  bool ok = false;
};

SlideReader::SlideReader() : engine_(std::make_unique<Engine>()) {
  // nullptr: the data folder compiled into libtesseract, or $TESSDATA_PREFIX.
  engine_->ok = engine_->api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) == 0;
  if (engine_->ok) {
    engine_->api.SetPageSegMode(tesseract::PSM_AUTO);
    engine_->api.SetVariable("debug_file", "/dev/null");
  }
}

SlideReader::~SlideReader() {
  if (engine_ && engine_->ok) engine_->api.End();
}

bool SlideReader::ok() const { return engine_->ok; }

Result<std::string> SlideReader::read(const std::uint8_t* pixels, int width, int height, int stride) {
  if (!engine_->ok) return Failure{"ocr", ocr_description()};
  tesseract::TessBaseAPI& api = engine_->api;
  api.SetImage(pixels, width, height, 1, stride);
  api.SetSourceResolution(96);  // a screen, not a scan; also keeps Tesseract from guessing aloud
  if (api.Recognize(nullptr) != 0) return Failure{"ocr", "Tesseract could not read the picture"};
  std::string text, line;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (it) {
    do {
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) && !line.empty()) {
        text += (text.empty() ? "" : "\n") + line;
        line.clear();
      }
      std::unique_ptr<char, TextDeleter> word(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!word || it->Confidence(tesseract::RIL_WORD) < kMinWordConfidence) continue;
      std::string w = collapse_space(sanitize_utf8(word.get()));
      if (w.empty() || !has_alnum(w)) continue;
      line += (line.empty() ? "" : " ") + w;
    } while (it->Next(tesseract::RIL_WORD));
  }
  if (!line.empty()) text += (text.empty() ? "" : "\n") + line;
  api.Clear();
  return text;
}

bool ocr_available() {
  static const bool available = SlideReader().ok();
  return available;
}

std::string ocr_description() {
  if (!ocr_available()) return "OCR unavailable: Tesseract's English data (tesseract-ocr-eng) was not found";
  return std::string("tesseract ") + tesseract::TessBaseAPI::Version() + " (eng)";
}

#else  // built without Tesseract

struct SlideReader::Engine {};

SlideReader::SlideReader() : engine_(std::make_unique<Engine>()) {}
SlideReader::~SlideReader() = default;
bool SlideReader::ok() const { return false; }
Result<std::string> SlideReader::read(const std::uint8_t*, int, int, int) {
  return Failure{"ocr", ocr_description()};
}
bool ocr_available() { return false; }
std::string ocr_description() { return "OCR unavailable: talkdex was built without Tesseract (libtesseract-dev)"; }

#endif

}  // namespace talkdex
