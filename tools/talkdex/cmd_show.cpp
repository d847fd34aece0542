// talkdex show TALK: the talk, its people and links, its recordings and its table of contents.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "recording_ref.h"
#include "search_sources.h"
#include "talk_ref.h"
#include "talkdex/search_json.h"
#include "talkdex/talk_json.h"
#include "talkdex/recording_kind.h"
#include "talkdex/text.h"

namespace talkdex::cli {
namespace {

// "h264 320x240 10 fps, aac 1 ch, subrip (eng)": a recording's streams in one line.
std::string streams_line(const std::string& probe_json) {
  nlohmann::json probe = nlohmann::json::parse(probe_json, nullptr, false);
  if (!probe.is_object() || !probe.contains("streams")) return "";
  std::string out;
  for (const auto& st : probe["streams"]) {
    std::string one = st.value("codec", "?");
    std::string type = st.value("type", "");
    if (type == "video" && st.contains("width"))
      one += fmt::format(" {}x{}", st.value("width", 0), st.value("height", 0));
    if (type == "video" && st.contains("fps")) one += fmt::format(" {:g} fps", st.value("fps", 0.0));
    if (type == "audio" && st.contains("channels")) one += fmt::format(" {} ch", st.value("channels", 0));
    if (st.contains("language")) one += " (" + st.value("language", "") + ")";
    out += (out.empty() ? "" : ", ") + one;
  }
  return out;
}

void print_talk(const Context& ctx, const TalkRow& t, const std::vector<TocRow>& items,
                const std::vector<RecordingRow>& recordings) {
  const Style& s = ctx.out;
  print_line(ctx, s.bold(t.info.title) + " " + s.dim("[" + std::to_string(t.id) + "]"), 0);
  if (!t.info.subtitle.empty()) std::printf("%s\n", shown(t.info.subtitle).c_str());
  std::printf("%s · %s", shown(t.info.kind.empty() ? "talk" : t.info.kind).c_str(), shown(t.event_title).c_str());
  // "2019-06-15 09:45–10:00": the day once, times to the minute.
  if (t.info.start.size() >= 16) {
    std::printf(" · %s %s", shown(t.info.start.substr(0, 10)).c_str(), shown(t.info.start.substr(11, 5)).c_str());
    if (t.info.end.size() >= 16) std::printf("–%s", shown(t.info.end.substr(11, 5)).c_str());
  } else if (!t.info.start.empty()) {
    std::printf(" · %s", shown(t.info.start).c_str());
  }
  if (!t.info.room.empty()) std::printf(" · %s", shown(t.info.room).c_str());
  std::printf("\n");
  for (const auto& p : t.info.people) {
    std::printf("  %-10s %s%s\n", shown(p.role).c_str(), shown(p.name).c_str(),
                p.affiliation.empty() ? "" : shown(" (" + p.affiliation + ")").c_str());
  }
  if (!t.info.url.empty()) std::printf("  %-10s %s\n", "page", shown(t.info.url).c_str());  // the schedule's own page
  for (const auto& l : t.info.links) {
    std::printf("  %-10s %s\n", shown(l.title.empty() ? "link" : l.title).c_str(), shown(l.url).c_str());
  }
  if (!t.info.abstract.empty()) {
    std::printf("\n");
    print_line(ctx, terminal_text(t.info.abstract, true), 0);
  }
  if (!recordings.empty()) {
    std::printf("\n%s\n", s.bold("Recordings").c_str());
    int number = 0;
    for (const auto& r : recordings) {
      std::printf("  %d. %s", ++number, shown(r.uri).c_str());
      if (is_player_page(r.uri)) std::printf("  %s", s.dim("player page (a link to open in a browser)").c_str());
      if (r.duration) std::printf("  %s", s.green(format_hms(*r.duration)).c_str());
      if (std::string line = streams_line(r.probe_json); !line.empty()) std::printf("  %s", s.dim(line).c_str());
      std::printf("\n");
    }
  }
  if (!items.empty()) {
    std::printf("\n%s\n", s.bold("Table of contents").c_str());
    std::string recording;
    int n = 0;
    for (const auto& i : items) {
      if (i.recording_uri != recording) {
        recording = i.recording_uri;
        std::printf("  %s\n", s.dim(recording).c_str());
      }
      std::printf("  %2d. %s  %s  %s\n", ++n, s.green(format_hms(i.entry.start)).c_str(), shown(i.entry.title).c_str(),
                  s.dim("(" + i.entry.source + ")").c_str());
    }
  }
}

// A talk of a remote shard, from what its index holds (its store is on the shard's machine).
int show_remote(const Context& ctx, const RemoteTalkRef& ref, bool json) {
  IndexedTalk t = find_remote_talk(ctx, ref);
  const Hit& h = t.talk;
  if (json) {
    std::printf("%s\n", indexed_talk_json(t).dump(2).c_str());
    return kOk;
  }
  const Style& s = ctx.out;
  std::printf("%s %s\n", s.bold(h.title).c_str(), s.dim("[" + h.ref() + "]").c_str());
  std::printf("%s · %s", shown(h.kind.empty() ? "talk" : h.kind).c_str(), shown(h.event).c_str());
  if (h.start.size() >= 16)
    std::printf(" · %s %s", shown(h.start.substr(0, 10)).c_str(), shown(h.start.substr(11, 5)).c_str());
  std::printf("\n");
  for (const auto& name : h.speakers) std::printf("  %-10s %s\n", "speaker", shown(name).c_str());
  if (!h.link.empty()) std::printf("  %-10s %s\n", "link", shown(h.link).c_str());
  if (!t.items.empty()) {
    std::printf("\n%s\n", s.bold("Table of contents").c_str());
    int n = 0;
    for (const auto& i : t.items)
      std::printf("  %2d. %s  %s  %s\n", ++n, s.green(format_hms(i.offset.value_or(0))).c_str(),
                  shown(i.moment ? i.moment->title : i.title).c_str(), s.dim(i.link).c_str());
  }
  std::printf("%s\n", s.dim("(from shard " + h.shard + "'s index; its store is on that machine)").c_str());
  return kOk;
}

}  // namespace

Handler setup_show(CLI::App& cmd, Context& ctx) {
  struct Args {
    std::string talk;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  cmd.add_option("talk", args->talk,
                 "the talk: its number (as search prints it), key, slug, frab:ID, the start of its guid, or KEY@SHARD")
      ->required();
  cmd.add_flag("--json", args->json, "print the talk as JSON");
  return [&ctx, args] {
    if (auto remote = remote_talk_ref(ctx, args->talk)) return show_remote(ctx, *remote, args->json);
    Store store = ctx.open_store_read_only();
    TalkRow t = find_talk(store, args->talk);
    auto items = store.toc_items_for_talk(t.id);
    std::vector<RecordingRow> recordings;
    for (const auto& uri : recordings_of_talk(store, t))
      if (auto r = store.recording_by_uri(uri)) recordings.push_back(std::move(*r));
    if (args->json) {
      nlohmann::json out = talk_json(t, items, recordings, ctx.archive().folder());
      std::printf("%s\n", out.dump(2).c_str());
    } else {
      print_talk(ctx, t, items, recordings);
    }
    return static_cast<int>(kOk);
  };
}

}  // namespace talkdex::cli
