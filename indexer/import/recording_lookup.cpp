#include "import/recording_lookup.h"

#include <fmt/format.h>

namespace talkdex {
namespace fs = std::filesystem;

Result<RecordingRow> recording_of_talk(Store& store, std::int64_t talk_id, const std::string& item) {
  for (auto& r : store.recordings())
    if (r.talk_id == talk_id) return std::move(r);
  auto items = store.toc_items_for_talk(talk_id);
  if (!items.empty()) return *store.recording(items.front().recording_id);
  return Failure{item, fmt::format("talk {} has no recording yet: import the recording first", talk_id),
      ErrorCode::not_found};
}

std::optional<RecordingRow> recording_named(Store& store, const fs::path& folder, const std::string& stem) {
  for (auto& r : store.recordings_with_uri_prefix((folder / stem).string() + ".")) {
    if (fs::path(r.uri).stem().string() == stem) return std::move(r);  // not talk.part.mp4 for talk
  }
  return std::nullopt;
}

}  // namespace talkdex
