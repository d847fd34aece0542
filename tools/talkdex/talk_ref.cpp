#include "talk_ref.h"

#include <charconv>

#include "talkdex/error.h"

namespace talkdex::cli {

TalkRow find_talk(Store& store, const std::string& ref) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
  std::optional<TalkRow> talk;
  if (ec == std::errc() && end == ref.data() + ref.size()) talk = store.talk(id);
  if (!talk) talk = store.talk_by_key(ref);
  if (!talk) throw Error("talk " + ref, "no such talk (search shows talk numbers in brackets)");
  return *talk;
}

TocRow find_item(Store& store, const TalkRow& talk, int number) {
  auto items = store.toc_items_for_talk(talk.id);
  if (number < 1 || number > static_cast<int>(items.size()))
    throw Error("talk " + std::to_string(talk.id),
                "has no item " + std::to_string(number) + " (show lists " + std::to_string(items.size()) + ")");
  return items[static_cast<size_t>(number - 1)];
}

}  // namespace talkdex::cli
