#include "cli.h"

#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "argv_words.h"
#include "terminal_width.h"

#include "talkdex/error.h"
#include "talkdex/indexer/media/media.h"
#include "talkdex/writer_lock.h"

namespace talkdex::cli {

Style Style::for_stream(std::FILE* stream) {
  const char* no_colour = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  Style s;
  s.colour = ::isatty(::fileno(stream)) && !(no_colour && *no_colour) && !(term && std::string(term) == "dumb");
  return s;
}

Archive Context::archive() const {
  return Archive(archive_dir.empty() ? Archive::default_folder() : std::filesystem::path(archive_dir));
}

Store Context::open_store(bool create) const {
  Archive a = archive();
  if (!create && !a.exists()) {
    throw Error(a.folder().string(), "no talkdex archive here (import something first, or pass --archive)");
  }
  if (create) a.create();
  return Store(a.store_file());
}

Store Context::open_store_read_only() const {
  Archive a = archive();
  if (!a.exists()) {
    throw Error(a.folder().string(), "no talkdex archive here (import something first, or pass --archive)");
  }
  return Store::open_read_only(a.store_file());
}

WriterLock lock_archive(const Context& ctx, const std::string& command, LockOptions options) {
  Archive a = ctx.archive();
  if (!options.create && !a.exists()) {
    throw Error(a.folder().string(), "no talkdex archive here (import something first, or pass --archive)");
  }
  a.create();
  return WriterLock(a.lock_file(), command, options.wait ? WriterLock::Mode::kWait : WriterLock::Mode::kFailIfBusy,
                    [&](const LockHolder& holder) {
                      std::fprintf(stderr, "talkdex: waiting for %s to finish\n", holder.describe().c_str());
                    });
}

IndexStats update_archive_index(const Context& ctx, Store& store) {
  IndexStats stats = ctx.archive().update(store);
  if (stats.rebuilt) warn(ctx, "the index was of another talkdex version or another store: built anew");
  return stats;
}

void print_line(const Context& ctx, const std::string& line, std::size_t indent) {
  std::string text = wrapped(line, ctx.width, indent);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
}

void warn(const Context& ctx, const std::string& message) {
  std::fprintf(stderr, "talkdex: %s %s\n", ctx.err.yellow("warning:").c_str(), shown(message).c_str());
}

void error(const Context& ctx, const std::string& message) {
  std::fprintf(stderr, "talkdex: %s %s\n", ctx.err.red("error:").c_str(), shown(message).c_str());
}

// A command-line mistake in one line: an unknown command is named with the ones there are, the rest is
// CLI11's own message.
static std::string usage_error(const CLI::ParseError& e, int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--archive" || a == "--color") {
      ++i;
      continue;
    }
    if (a.rfind("-", 0) == 0) continue;
    bool known = false;
    std::string names;
    for (const auto& c : commands()) {
      known = known || a == c.name;
      names += (names.empty() ? "" : ", ") + std::string(c.name);
    }
    if (!known) return "no command \"" + a + "\" (commands: " + names + ")";
    break;
  }
  return e.what();
}

std::string usage_line(const CLI::App& command) {
  std::string options, positionals;
  for (const CLI::Option* o : command.get_options()) {
    if (o->get_name() == "--help" || o->get_name() == "-h,--help") continue;
    // CLI11's type name, without the check it carries ("INT:INT in [1 - 10000]" -> "INT").
    std::string type = o->get_type_name();
    type = type.substr(0, type.find(':'));
    if (o->get_positional()) {
      std::string name = o->get_name();
      for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (o->get_items_expected_max() > 1) name += "...";
      positionals += " " + (o->get_required() ? name : "[" + name + "]");
      continue;
    }
    const auto& longs = o->get_lnames();
    std::string name = longs.empty() ? "-" + o->get_snames().front() : "--" + longs.front();
    if (o->get_items_expected_min() > 0) name += " " + (type.empty() ? std::string("VALUE") : type);
    options += " " + (o->get_required() ? name : "[" + name + "]");
  }
  return "talkdex " + command.get_name() + options + positionals;
}

int run(int argc, char** argv) {
  if (const char* debug = std::getenv("TALKDEX_DEBUG"); !debug || !*debug) silence_media_logs();
  // Xapian writes changesets (what each commit changed) only when asked: with them, a replica
  // (talkdex shard replica) copies what an `index` changed instead of the whole index. Set here, where a
  // process begins, for every command that writes the index; a value the user set wins.
  ::setenv("XAPIAN_MAX_CHANGESETS", "10", 0);
  Context ctx;
  ctx.out = Style::for_stream(stdout);
  ctx.err = Style::for_stream(stderr);
  ctx.width = output_width(stdout);

  CLI::App app{"talkdex: search recorded conference talks and jump to the right second of the right video"};
  app.name("talkdex");
  app.set_version_flag("--version", std::string("talkdex ") + TALKDEX_VERSION);
  app.add_option("--archive", ctx.archive_dir,
                 "the archive folder (default: $TALKDEX_ARCHIVE, else $XDG_DATA_HOME/talkdex)");
  std::string colour = "auto";
  app.add_option("--color", colour, "colour: auto (on a terminal, without NO_COLOR), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.require_subcommand(1);
  app.fallthrough();  // global options work anywhere: "talkdex search foo --archive X"
  app.footer("Run 'talkdex COMMAND --help' for a command's options.");

  std::vector<std::pair<CLI::App*, Handler>> handlers;
  for (const auto& c : commands()) {
    CLI::App* sub = app.add_subcommand(c.name, c.summary);
    handlers.emplace_back(sub, c.setup(*sub, ctx));
    sub->footer("usage: " + usage_line(*sub));
  }

  try {
    // CLI11 takes the arguments last first.
    std::vector<std::string> args = query_words_last(app, std::vector<std::string>(argv + 1, argv + argc));
    std::reverse(args.begin(), args.end());
    app.parse(args);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    error(ctx, usage_error(e, argc, argv));
    std::string command;
    for (const auto& [sub, handler] : handlers)
      if (sub->parsed()) command = " " + sub->get_name();
    std::fprintf(stderr, "Run 'talkdex%s --help' for usage.\n", command.c_str());
    return kUsage;
  }

  if (colour != "auto") ctx.out.colour = ctx.err.colour = colour == "always";
  try {
    for (auto& [sub, handler] : handlers) {
      if (sub->parsed()) return handler();
    }
    return kUsage;
  } catch (const ArchiveBusy& e) {
    error(ctx, e.what());
    return kBusy;
  } catch (const UsageError& e) {
    error(ctx, e.what());
    return kUsage;
  } catch (const talkdex::Error& e) {
    error(ctx, e.what());
  } catch (const Xapian::Error& e) {
    error(ctx, "index: " + e.get_description());
  } catch (const std::exception& e) {
    error(ctx, e.what());
  }
  return kFailed;
}

}  // namespace talkdex::cli
