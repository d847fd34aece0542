// The media functions of the talkdex command: each loads talkdex-media.so on first use and forwards to it
// (see media_module_api.h for why; module_loader.h for where it is looked for).
//
// When the module cannot be loaded, each function fails as the media code fails on a bad file: a Failure
// naming the recording and the reason (the module's path and the loader's words), so a command reports
// it on one line and goes on with other items. OCR is then unavailable, with the same reason.
#include <atomic>

#include "media_module_api.h"
#include "module_loader.h"

namespace talkdex {
namespace {

using media_module::MediaApi;

struct LoadedModule {
  const MediaApi* api = nullptr;  // null when it could not be loaded
  std::string error;              // why, when api is null
};

// Set by silence_media_logs() before the module is loaded; applied when it is. Process-wide by nature:
// libav's log level is itself process-wide.
std::atomic<bool> logs_silenced{false};
std::atomic<const MediaApi*> loaded_api{nullptr};

LoadedModule load() {
  auto loaded = modules::load_module(media_module::kModuleFileName, media_module::kEntryPoint);
  if (!loaded.table) return {nullptr, "media support could not be loaded (" + loaded.error + ")"};
  auto api = static_cast<const MediaApi*>(loaded.table);
  if (api->abi != media_module::kMediaModuleAbi || api->layout != media_module::layout_fingerprint())
    return {nullptr, "media support could not be loaded (" + loaded.path +
                         " belongs to another build of talkdex: reinstall it with this talkdex)"};
  loaded_api = api;
  if (logs_silenced) api->silence_media_logs();
  return {api, {}};
}

const LoadedModule& module() {
  static const LoadedModule loaded = load();  // thread-safe initialisation, once per process
  return loaded;
}

}  // namespace

void silence_media_logs() {
  logs_silenced = true;
  // A module loaded later is told by load(); asking module() here would load it at every start.
  if (const MediaApi* api = loaded_api.load()) api->silence_media_logs();
}

Result<ProbeResult> probe_recording(const std::string& path_or_url, const ProbeOptions& options) {
  const auto& m = module();
  if (!m.api) return Failure{path_or_url, m.error};
  return m.api->probe_recording(path_or_url, options);
}

Result<ClipResult> clip_recording(const std::string& input, double start, std::optional<double> end,
                                  const std::string& output_path, const std::string& title,
                                  const ClipOptions& options) {
  const auto& m = module();
  if (!m.api) return Failure{input, m.error};
  return m.api->clip_recording(input, start, end, output_path, title, options);
}

Result<std::vector<EmbeddedTranscript>> read_embedded_subtitles(const std::string& path_or_url,
                                                                double timeout_seconds) {
  const auto& m = module();
  if (!m.api) return Failure{path_or_url, m.error};
  return m.api->read_embedded_subtitles(path_or_url, timeout_seconds);
}

Result<Detection> detect_slides(const std::string& path_or_url, const DetectOptions& options) {
  const auto& m = module();
  if (!m.api) return Failure{path_or_url, m.error};
  return m.api->detect_slides(path_or_url, options);
}

bool ocr_available() {
  const auto& m = module();
  return m.api && m.api->ocr_available();
}

std::string ocr_description() {
  const auto& m = module();
  return m.api ? m.api->ocr_description() : "OCR unavailable: " + m.error;
}

}  // namespace talkdex
