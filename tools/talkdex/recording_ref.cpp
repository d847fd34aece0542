#include "recording_ref.h"

#include <algorithm>
#include <filesystem>

#include "talkdex/importer.h"

namespace talkdex::cli {

bool names_recording(const std::string& ref) {
  std::error_code ec;
  return is_url(ref) || std::filesystem::is_regular_file(ref, ec);
}

std::vector<std::string> recordings_of_talk(Store& store, const TalkRow& talk) {
  std::vector<std::string> uris;
  auto add = [&uris](const std::string& uri) {
    if (std::find(uris.begin(), uris.end(), uri) == uris.end()) uris.push_back(uri);
  };
  for (const auto& r : store.recordings())
    if (r.talk_id == talk.id) add(r.uri);
  for (const auto& item : store.toc_items_for_talk(talk.id)) add(item.recording_uri);
  return uris;
}

}  // namespace talkdex::cli
