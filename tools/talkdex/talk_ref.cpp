#include "talk_ref.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "cli.h"
#include "talkdex/error.h"

namespace talkdex::cli {
namespace {

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// More than one talk answers to `ref`: a usage error listing them, so the user can pick one.
[[noreturn]] void ambiguous(const std::string& ref, const std::string& what, const std::vector<TalkRow>& talks,
                            bool more) {
  std::string list;
  for (const auto& t : talks) list += fmt::format("{}[{}] {} ({})", list.empty() ? "" : "; ", t.id, t.info.title, t.info.key);
  std::string count = (more ? "more than " : "") + std::to_string(talks.size());
  throw UsageError("talk " + ref, fmt::format("ambiguous: it is {} {} talks: {}; name one by its number", what, count, list));
}

}  // namespace

TalkRow find_talk(Store& store, const std::string& ref) {
  // A plain number is the talk's number in this archive, as search and show print it.
  if (all_digits(ref)) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
    if (ec == std::errc() && end == ref.data() + ref.size())
      if (auto talk = store.talk(id)) return *talk;
  }
  if (auto talk = store.talk_by_key(ref)) return *talk;
  // frab:255: the id the schedule gives the talk (frab, pretalx).
  if (ref.rfind("frab:", 0) == 0 && all_digits(ref.substr(5))) {
    auto talks = store.talks_with_schedule_id(ref.substr(5));
    if (talks.size() == 1) return talks.front();
    if (talks.size() > 1) ambiguous(ref, "the schedule id of", talks, false);
    throw Error("talk " + ref, "no talk has this schedule id (show --json lists a talk's schedule_id)");
  }
  auto by_slug = store.talks_with_slug(ref);
  if (by_slug.size() == 1) return by_slug.front();
  if (by_slug.size() > 1) ambiguous(ref, "the slug of", by_slug, false);
  // The beginning of a key (a guid's first characters), when only one talk's key begins so.
  constexpr std::size_t kShortest = 4, kListed = 10;
  if (ref.size() >= kShortest) {
    std::string lower = ref;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const std::string& prefix : lower == ref ? std::vector<std::string>{ref} : std::vector<std::string>{ref, lower}) {
      auto talks = store.talks_with_key_prefix(prefix, static_cast<int>(kListed + 1));
      if (talks.size() == 1) return talks.front();
      if (talks.size() > 1) {
        bool more = talks.size() > kListed;
        talks.resize(std::min(talks.size(), kListed));
        ambiguous(ref, "the beginning of the keys of", talks, more);
      }
    }
  }
  throw Error("talk " + ref, "no such talk (search shows talk numbers in brackets; a talk is also named by its "
                             "key, the start of its guid, its slug or frab:ID)");
}

TocRow find_item(Store& store, const TalkRow& talk, int number) {
  auto items = store.toc_items_for_talk(talk.id);
  if (number < 1 || number > static_cast<int>(items.size()))
    throw Error("talk " + std::to_string(talk.id),
                "has no item " + std::to_string(number) + " (show lists " + std::to_string(items.size()) + ")");
  return items[static_cast<size_t>(number - 1)];
}

}  // namespace talkdex::cli
