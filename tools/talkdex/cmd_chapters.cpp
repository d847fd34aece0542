// talkdex chapters TALK --format vtt|ffmetadata|youtube|json: the talk's table of contents in a format
// the importer reads back.
#include <fstream>

#include "cli.h"
#include "search_sources.h"
#include "recording_ref.h"
#include "talk_ref.h"
#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/error.h"

namespace talkdex::cli {

Handler setup_chapters(CLI::App& cmd, Context& ctx) {
  struct Args {
    std::string talk;
    std::string format = "vtt";
    std::string output;
    std::optional<int> recording;
  };
  auto args = std::make_shared<Args>();
  cmd.add_option("talk", args->talk, "the talk's number, its key, or KEY@SHARD")->required();
  cmd.add_option("--format,-f", args->format, "vtt, ffmetadata, youtube or json")
      ->check(CLI::IsMember({"vtt", "ffmetadata", "youtube", "json"}));
  cmd.add_option("--output,-o", args->output, "write to this file instead of stdout");
  cmd.add_option("--recording", args->recording, "the items of this recording of the talk (numbered as show lists them)")
      ->check(CLI::PositiveNumber);
  return [&ctx, args] {
    std::vector<TocEntry> items;
    std::optional<double> duration;
    auto remote = remote_talk_ref(ctx, args->talk);
    if (remote) {
      // A remote shard's talk: the items its index holds (title, offset, source); the duration stays with
      // the shard's store.
      for (const auto& i : find_remote_talk(ctx, *remote).items) {
        TocEntry e;
        e.title = i.moment ? i.moment->title : i.title;
        e.start = i.offset.value_or(0);
        e.source = i.moment ? i.moment->source : "";
        items.push_back(std::move(e));
      }
    } else {
      Store store = ctx.open_store_read_only();
      TalkRow talk = find_talk(store, args->talk);
      auto rows = store.toc_items_for_talk(talk.id);
      if (rows.empty()) {
        std::fprintf(stderr, "talk %s has no table of contents\n", args->talk.c_str());
        return static_cast<int>(kNothingFound);
      }
      // One recording's items: the one asked for; else the talk's own recording when it has one, else the
      // first it has items in (a session recording it is part of).
      std::int64_t recording_id = rows.front().recording_id;
      if (args->recording) {
        std::string uri = recording_numbered(store, talk, *args->recording);
        recording_id = store.recording_by_uri(uri)->id;
      } else {
        for (const auto& r : store.recordings())
          if (r.talk_id == talk.id) recording_id = r.id;
      }
      for (const auto& r : rows)
        if (r.recording_id == recording_id) items.push_back(r.entry);
      if (items.empty()) {
        std::fprintf(stderr, "talk %s has no table of contents in %s\n", args->talk.c_str(),
                     store.recording(recording_id)->uri.c_str());
        return static_cast<int>(kNothingFound);
      }
      duration = store.recording(recording_id)->duration;
    }
    if (items.empty() && remote) {
      std::fprintf(stderr, "talk %s has no table of contents\n", args->talk.c_str());
      return static_cast<int>(kNothingFound);
    }
    ChapterFormat format = *chapter_format_from_name(args->format);
    // The text formats reach terminals and players: a title's control characters (an escape sequence
    // from a file) are left out. JSON escapes them and stays exact.
    if (format != ChapterFormat::Json)
      for (auto& e : items) e.title = shown(e.title);
    std::string text = write_chapters(items, format, duration);
    if (args->output.empty()) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      return static_cast<int>(kOk);
    }
    std::error_code ec;
    if (std::filesystem::is_directory(args->output, ec))
      throw Error(args->output, "is a folder: name the file to write (-o FOLDER/talk.vtt)");
    std::string tmp = args->output + ".tmp";
    {
      std::ofstream out(tmp, std::ios::binary);
      out << text;
      if (!out.flush()) {
        out.close();
        std::filesystem::remove(tmp, ec);
        throw Error(args->output, "cannot write");
      }
    }
    std::filesystem::rename(tmp, args->output, ec);
    if (ec) {
      std::string reason = ec.message();
      std::filesystem::remove(tmp, ec);
      throw Error(args->output, "cannot write: " + reason);
    }
    return static_cast<int>(kOk);
  };
}

}  // namespace talkdex::cli
