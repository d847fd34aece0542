// talkdex rm recording|item|transcript TARGET [NUMBER]: detaches or removes what the user no longer
// wants: a recording of a talk, a table-of-contents item, a transcript. Like rm and git rm it does not
// ask: the command line names exactly one thing, and `show` lists the numbers it takes. The index
// follows at once, as after import.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "cli.h"
#include "counted.h"
#include "recording_ref.h"
#include "talk_ref.h"
#include "talkdex/error.h"

namespace talkdex::cli {
namespace {

struct RmArgs {
  std::string what;
  std::string target;
  std::optional<int> number;
  std::string language;
  bool json = false;
  bool wait = false;
};

struct Removed {
  std::string what;         // "recording", "item", "transcript"; "detached" for a recording kept for others
  std::string uri;          // the recording
  std::optional<std::int64_t> talk_id;
  std::string title;        // the item's
  std::size_t items = 0;    // items removed
  std::size_t passages = 0; // passages removed
};

// The recording TARGET [NUMBER] names: a file or URL, or the talk's recording NUMBER (as show lists them);
// with `optional_number` a talk without NUMBER means all of its recordings.
std::vector<RecordingRow> recordings_named(Store& store, const RmArgs& args, bool optional_number,
                                           std::optional<TalkRow>& talk) {
  if (auto r = store.recording_by_uri(args.target)) return {*r};
  if (names_recording(args.target)) {
    std::string absolute = std::filesystem::absolute(args.target).lexically_normal().string();
    if (auto r = store.recording_by_uri(absolute)) return {*r};
    throw Error(args.target, "not a recording of this archive");
  }
  talk = find_talk(store, args.target);
  std::vector<RecordingRow> out;
  if (!args.number) {
    if (!optional_number) throw UsageError("rm " + args.what + " " + args.target, "which recording? give its number as show lists them");
    for (const auto& uri : recordings_of_talk(store, *talk))
      if (auto r = store.recording_by_uri(uri)) out.push_back(*r);
    return out;
  }
  if (auto r = store.recording_by_uri(recording_numbered(store, *talk, *args.number))) out.push_back(*r);
  return out;
}

Removed remove_recording(Store& store, const RmArgs& args) {
  std::optional<TalkRow> talk;
  RecordingRow r = recordings_named(store, args, false, talk).front();
  Removed out{"recording", r.uri, r.talk_id, "", 0, 0};
  auto items = store.toc_items_for_recording(r.id);
  // A recording of a whole session, named through one of its talks, holds other talks too: only this
  // talk's items leave it.
  bool others = talk && r.talk_id != talk->id &&
                std::any_of(items.begin(), items.end(), [&](const TocRow& i) { return i.talk_id != talk->id; });
  if (others) {
    out.what = "detached";
    out.talk_id = talk->id;
    for (const auto& i : items)
      if (i.talk_id == talk->id && store.remove_toc_item(i.id)) ++out.items;
    return out;
  }
  out.items = items.size();
  out.passages = store.passages_for_recording(r.id).size();
  store.remove_recording(r.uri);
  return out;
}

Removed remove_item(Store& store, const RmArgs& args) {
  if (!args.number) throw UsageError("rm item " + args.target, "which item? give its number as show lists them");
  TalkRow talk = find_talk(store, args.target);
  TocRow item = find_item(store, talk, *args.number);
  store.remove_toc_item(item.id);
  return Removed{"item", item.recording_uri, talk.id, item.entry.title, 1, 0};
}

Removed remove_transcript(Store& store, const RmArgs& args) {
  std::optional<TalkRow> talk;
  auto recordings = recordings_named(store, args, true, talk);
  Removed out{"transcript", recordings.size() == 1 ? recordings.front().uri : "", talk ? std::optional(talk->id) : std::nullopt,
              "", 0, 0};
  for (const auto& r : recordings) {
    std::set<std::string> languages;
    for (const auto& p : store.passages_for_recording(r.id))
      if (args.language.empty() || p.language == args.language) languages.insert(p.language);
    for (const auto& language : languages) out.passages += static_cast<std::size_t>(store.replace_passages(r.id, language, {}).removed);
  }
  if (out.passages == 0)
    throw Error(args.target, args.language.empty() ? "has no transcript" : "has no transcript in " + args.language);
  return out;
}

std::string describe(const Removed& r) {
  std::string talk = r.talk_id ? fmt::format(" of talk {}", *r.talk_id) : "";
  if (r.what == "item") return fmt::format("removed item \"{}\"{} ({})", r.title, talk, r.uri);
  if (r.what == "detached")
    return fmt::format("detached {}{} ({} removed; the recording stays for its other talks)", r.uri, talk,
                       counted(static_cast<long long>(r.items), "item", "items"));
  if (r.what == "transcript")
    return fmt::format("removed the transcript{}{} ({})", talk, r.uri.empty() ? "" : " of " + r.uri,
                       counted(static_cast<long long>(r.passages), "passage", "passages"));
  return fmt::format("removed recording {}{} (with {} and {})", r.uri, talk,
                     counted(static_cast<long long>(r.items), "item", "items"),
                     counted(static_cast<long long>(r.passages), "passage", "passages"));
}

int run_rm(Context& ctx, const RmArgs& args) {
  WriterLock lock = lock_archive(ctx, "rm", {.wait = args.wait, .create = false});
  Store store = ctx.open_store(false);
  std::int64_t before = store.revision();
  Removed r = args.what == "item"         ? remove_item(store, args)
              : args.what == "transcript" ? remove_transcript(store, args)
                                          : remove_recording(store, args);
  IndexStats stats;
  if (store.revision() != before && ctx.archive().has_index()) stats = update_archive_index(ctx, store);
  if (args.json) {
    nlohmann::json out = {{"removed", r.what},
                          {"recording", r.uri.empty() ? nlohmann::json() : nlohmann::json(r.uri)},
                          {"talk_id", r.talk_id ? nlohmann::json(*r.talk_id) : nlohmann::json()},
                          {"items", r.items},
                          {"passages", r.passages},
                          {"index", {{"documents_written", stats.documents_written},
                                     {"documents_deleted", stats.documents_deleted}}}};
    if (r.what == "item") out["title"] = r.title;
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    std::printf("%s\n", describe(r).c_str());
    if (stats.changed())
      std::printf("index: %s written, %lld deleted\n", counted(stats.documents_written, "document", "documents").c_str(),
                  static_cast<long long>(stats.documents_deleted));
  }
  return kOk;
}

}  // namespace

Handler setup_rm(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<RmArgs>();
  cmd.add_option("what", args->what, "recording, item or transcript")
      ->required()
      ->check(CLI::IsMember({"recording", "item", "transcript"}));
  cmd.add_option("target", args->target,
                 "the talk (number, key, slug, frab:ID, start of its guid), or a recording's file or URL")
      ->required();
  cmd.add_option("number", args->number,
                 "the recording's or item's number in the talk, as show lists them (a transcript: of that recording)")
      ->check(CLI::PositiveNumber);
  cmd.add_option("--language", args->language, "rm transcript: only the transcript in this language (en, de, ...)");
  cmd.add_flag("--json", args->json, "print what was removed as JSON");
  cmd.add_flag("--wait", args->wait, "wait for another writer to finish instead of exiting with code 4");
  return [&ctx, args] { return run_rm(ctx, *args); };
}

}  // namespace talkdex::cli
