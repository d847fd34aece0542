#include "recording_ref.h"

#include <filesystem>

#include "talkdex/indexer/import/importer.h"
#include "talkdex/recording_kind.h"

namespace talkdex::cli {

bool names_recording(const std::string& ref) {
  std::error_code ec;
  return is_url(ref) || std::filesystem::is_regular_file(ref, ec);
}

std::string recording_numbered(Store& store, const TalkRow& talk, int number) {
  auto uris = recordings_of_talk(store, talk);
  if (number < 1 || static_cast<std::size_t>(number) > uris.size())
    throw Error("talk " + std::to_string(talk.id) + " --recording " + std::to_string(number),
                uris.empty() ? std::string("the talk has no recording")
                             : "no such recording (the talk has " + std::to_string(uris.size()) + ", numbered as show lists them)");
  return uris[static_cast<std::size_t>(number) - 1];
}

std::optional<std::string> playable_recording(Store& store, const TalkRow& talk) {
  for (auto& uri : recordings_of_talk(store, talk))
    if (!is_player_page(uri)) return uri;
  return std::nullopt;
}

}  // namespace talkdex::cli
