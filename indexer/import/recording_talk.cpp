#include "import/recording_talk.h"

#include <cctype>
#include <filesystem>

#include "talkdex/text.h"

namespace talkdex {
namespace fs = std::filesystem;
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string tag(const std::map<std::string, std::string>& tags, const char* name) {
  auto it = tags.find(name);
  return it == tags.end() ? std::string() : collapse_space(it->second);
}

}  // namespace

std::optional<std::pair<std::string, std::string>> frab_id_in_name(const std::string& stem) {
  std::size_t dash = stem.find('-');
  if (dash == 0 || dash == std::string::npos) return std::nullopt;
  std::string acronym = stem.substr(0, dash);
  for (unsigned char c : acronym)
    if (!std::isalnum(c)) return std::nullopt;
  std::size_t end = dash + 1;
  while (end < stem.size() && std::isdigit(static_cast<unsigned char>(stem[end]))) ++end;
  if (end == dash + 1 || (end < stem.size() && stem[end] != '-')) return std::nullopt;
  return std::make_pair(acronym, stem.substr(dash + 1, end - dash - 1));
}

std::optional<TalkRow> scheduled_talk_for(Store& store, const std::string& path,
                                          const std::map<std::string, std::string>& tags) {
  std::string stem = fs::path(path).stem().string();
  if (auto t = store.talk_by_key(stem)) return t;
  // media.ccc.de names its files ACRONYM-ID-LANGUAGE-Title; frab slugs are ACRONYM-ID-title. The id alone
  // is unique only within a conference, so the acronym must be the talk's event's or begin its slug.
  if (auto id = frab_id_in_name(stem)) {
    std::string acronym = lower(id->first);
    std::optional<TalkRow> found;
    int matches = 0;
    for (auto& t : store.talks_with_schedule_id(id->second)) {
      auto event = store.event(t.event_id);
      bool same_event = event && lower(event->info.key) == "frab:" + acronym;
      bool same_slug = lower(t.info.slug).rfind(acronym + "-" + id->second, 0) == 0;
      if (!same_event && !same_slug) continue;
      ++matches;
      found = std::move(t);
    }
    if (matches == 1) return found;
  }
  if (std::string title = tag(tags, "title"); !title.empty()) {
    auto talks = store.talks_titled(title);
    std::erase_if(talks, [](const TalkRow& t) { return is_own_talk_key(t.info.key); });
    if (talks.size() == 1) return talks.front();
  }
  return std::nullopt;
}

TalkRow write_own_talk(Store& store, const std::string& path, const std::string& folder,
                       const std::map<std::string, std::string>& tags) {
  EventInfo event;
  event.key = "folder:" + folder;
  event.title = fs::path(folder).filename().string();
  if (event.title.empty()) event.title = folder;
  event.kind = "folder";
  TalkInfo talk;
  talk.key = own_talk_key(path);
  talk.title = tag(tags, "title");
  if (talk.title.empty()) {
    talk.title = fs::path(path).stem().string();
    for (char& c : talk.title)
      if (c == '_') c = ' ';
    talk.title = collapse_space(talk.title);
  }
  talk.kind = "recording";
  talk.abstract = tag(tags, "comment");
  if (talk.abstract.empty()) talk.abstract = tag(tags, "description");
  if (std::string artist = tag(tags, "artist"); !artist.empty()) talk.people.push_back(PersonRef{artist, "", kRoleSpeaker});
  // The recording as the talk's link: a hit on a talk without chapters still opens it.
  talk.links.push_back(Link{path, "Recording", std::nullopt});
  std::int64_t id = store.put_own_talk(event, talk);
  return *store.talk(id);
}

}  // namespace talkdex
