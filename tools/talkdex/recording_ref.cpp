#include "recording_ref.h"

#include <filesystem>

#include "talkdex/importer.h"

namespace talkdex::cli {

bool names_recording(const std::string& ref) {
  std::error_code ec;
  return is_url(ref) || std::filesystem::is_regular_file(ref, ec);
}

}  // namespace talkdex::cli
