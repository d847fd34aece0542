#include "talkdex/talk_json.h"

#include <algorithm>

#include "talkdex/recording_kind.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

nlohmann::json text_or_null(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

template <class T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

nlohmann::json seconds_or_null(const std::optional<double>& v) { return v ? nlohmann::json(round_ms(*v)) : nlohmann::json(); }

// The talk's recordings with what probing found (streams, tags, container), the probe's JSON as stored;
// numbered as `--recording N` takes them. A player page is a link: kind "page", nothing probed.
nlohmann::json recordings_json(const std::vector<RecordingRow>& recordings) {
  nlohmann::json out = nlohmann::json::array();
  int number = 0;
  for (const auto& r : recordings) {
    nlohmann::json probe = nlohmann::json::parse(r.probe_json, nullptr, false);
    out.push_back({{"number", ++number},
                   {"uri", r.uri},
                   {"kind", recording_kind_name(recording_kind(r.uri))},
                   {"duration", seconds_or_null(r.duration)},
                   {"container", text_or_null(r.container)},
                   {"starts", opt(r.wallclock_start)},
                   {"streams", probe.is_object() && probe.contains("streams") ? probe["streams"] : nlohmann::json::array()},
                   {"tags", probe.is_object() && probe.contains("tags") ? probe["tags"] : nlohmann::json::object()}});
  }
  return out;
}

}  // namespace

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

nlohmann::json talk_json(const TalkRow& t, const std::vector<TocRow>& items, const std::vector<RecordingRow>& recordings,
                         const std::filesystem::path& archive) {
  nlohmann::json people = nlohmann::json::array();
  for (const auto& p : t.info.people)
    people.push_back({{"name", p.name}, {"role", p.role}, {"affiliation", p.affiliation}});
  nlohmann::json links = nlohmann::json::array();
  for (const auto& l : t.info.links) links.push_back({{"url", l.url}, {"title", l.title}, {"tocitem", opt(l.tocitem)}});
  nlohmann::json toc = nlohmann::json::array();
  for (const auto& i : items) {
    toc.push_back({{"id", i.id},
                   {"recording", i.recording_uri},
                   {"ordinal", i.ordinal},
                   {"start", round_ms(i.entry.start)},
                   {"end", seconds_or_null(i.entry.end)},
                   {"title", i.entry.title},
                   {"source", i.entry.source},
                   {"confidence", i.entry.confidence},
                   {"tocitem", opt(i.entry.alias)},
                   // A thumbnail of the slide at the item (slide detection), as an absolute path.
                   {"thumbnail", i.entry.thumbnail.empty()
                                     ? nlohmann::json()
                                     : nlohmann::json(std::filesystem::absolute(archive / i.entry.thumbnail).string())},
                   {"slide_text", text_or_null(i.entry.slide_text)}});
  }
  return {{"talk_id", t.id},        {"key", t.info.key},
          {"url", text_or_null(t.info.url)}, {"schedule_id", text_or_null(t.info.schedule_id)},
          {"slug", text_or_null(t.info.slug)},
          {"title", t.info.title},  {"subtitle", text_or_null(t.info.subtitle)},
          {"kind", t.info.kind},    {"event", t.event_title},
          {"event_id", t.event_id}, {"start", text_or_null(t.info.start)},
          {"end", text_or_null(t.info.end)}, {"room", text_or_null(t.info.room)},
          {"abstract", text_or_null(t.info.abstract)}, {"people", people},
          {"links", links},         {"toc", toc},
          {"recordings", recordings_json(recordings)}};
}

}  // namespace talkdex
