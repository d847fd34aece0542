// The table of functions the media module (talkdex-media.so) hands to the talkdex command.
//
// libav and Tesseract bring about 120 shared libraries that a search, show or import of a schedule
// never use, yet would map and relocate at every start. So the talkdex command links no media code:
// media.h, embedded_subtitles.h, slide_detect.h and ocr.h are implemented in it by media_loader.cpp,
// which loads talkdex-media.so on the first call and forwards through this table. Tests and developer
// tools link the media code itself (the talkdex_indexer target) and never load the module.
//
// The module and the command are built together from one tree with one compiler: the table passes C++
// types (std::string, Result<T>, std::function) across, so the module checks kMediaModuleAbi and the
// sizes of the structs passed, and the loader refuses a module built from other sources.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "talkdex/indexer/media/embedded_subtitles.h"
#include "talkdex/indexer/media/media.h"
#include "talkdex/indexer/slides/ocr.h"
#include "talkdex/indexer/slides/slide_detect.h"

namespace talkdex::media_module {

// Raise when a function is added, removed or changes its signature.
inline constexpr std::uint32_t kMediaModuleAbi = 1;

// The file name of the module, and the entry point it exports (the only symbol it exports).
inline constexpr const char* kModuleFileName = "talkdex-media.so";
inline constexpr const char* kEntryPoint = "talkdex_media_module_v1";

struct MediaApi {
  std::uint32_t abi = kMediaModuleAbi;
  std::size_t layout = 0;  // layout_fingerprint() of the module's build

  void (*silence_media_logs)();
  Result<ProbeResult> (*probe_recording)(const std::string&, const ProbeOptions&);
  Result<ClipResult> (*clip_recording)(const std::string&, double, std::optional<double>, const std::string&,
                                       const std::string&, const ClipOptions&);
  Result<std::vector<EmbeddedTranscript>> (*read_embedded_subtitles)(const std::string&, double);
  Result<Detection> (*detect_slides)(const std::string&, const DetectOptions&);
  bool (*ocr_available)();
  std::string (*ocr_description)();
};

// The sizes of the structs crossing the boundary: a cheap check that both sides were built from the
// same headers.
inline constexpr std::size_t layout_fingerprint() {
  return sizeof(MediaApi) ^ (sizeof(ProbeResult) << 8) ^ (sizeof(ProbeOptions) << 16) ^ (sizeof(ClipResult) << 24) ^
         (sizeof(ClipOptions) << 32) ^ (sizeof(EmbeddedTranscript) << 40) ^ (sizeof(Detection) << 48) ^
         (sizeof(DetectOptions) << 56);
}

}  // namespace talkdex::media_module

// The module's entry point: the table, valid for the life of the process.
extern "C" const talkdex::media_module::MediaApi* talkdex_media_module_v1();
