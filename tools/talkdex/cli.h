// The talkdex command: shared pieces of every subcommand.
//
// Subcommands are data: each has a row in the table of commands.cpp (name, usage, summary, setup) and
// one file of its own (cmd_NAME.cpp) whose setup function adds its options to the CLI11 subcommand and
// returns the handler that runs after parsing. Handlers return the exit code; fatal errors throw.
#pragma once

#include <CLI/CLI.hpp>

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "talkdex/archive.h"
#include "talkdex/error.h"
#include "talkdex/store.h"
#include "talkdex/text.h"
#include "talkdex/writer_lock.h"

namespace talkdex::cli {

// Exit codes, as documented in the README.
enum Exit : int {
  kOk = 0,
  kNothingFound = 1,
  kUsage = 2,
  kFailed = 3,   // some item failed, or the command failed
  kBusy = 4,     // another writer holds the archive
  kInterrupted = 130,  // stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)
};

// A command line that names something ambiguously or wrongly: one line, exit code 2 (kUsage).
class UsageError : public talkdex::Error {
 public:
  using talkdex::Error::Error;
};

// Text from the archive (titles, names, chapter titles, URIs, errors quoting an input) as it is printed
// for a person: without control characters (talkdex/text.h terminal_text), so that no escape sequence of
// a file reaches the terminal. Every human-readable printer passes its data through this or a Style.
inline std::string shown(std::string_view s) { return terminal_text(s); }

// Colour and emphasis, only on a terminal and never with NO_COLOR. The text is shown() first: only the
// style's own escape sequences are printed.
struct Style {
  bool colour = false;
  std::string bold(std::string_view s) const { return wrap("\033[1m", s); }
  std::string dim(std::string_view s) const { return wrap("\033[2m", s); }
  std::string green(std::string_view s) const { return wrap("\033[32m", s); }
  std::string yellow(std::string_view s) const { return wrap("\033[33m", s); }
  std::string red(std::string_view s) const { return wrap("\033[31m", s); }
  static Style for_stream(std::FILE* stream);

 private:
  std::string wrap(const char* code, std::string_view s) const {
    return colour ? code + shown(s) + "\033[0m" : shown(s);
  }
};

struct Context {
  std::string archive_dir;  // --archive; empty means Archive::default_folder()
  Style out;                // for stdout
  Style err;                // for stderr
  std::size_t width = 0;    // stdout's lines wrap at this many columns; 0: never (not a terminal)

  Archive archive() const;
  // Opens the archive's store; with `create` false, a missing archive is an error naming the folder.
  Store open_store(bool create) const;
  // For commands that only read (show, status, chapters, sources, events, play): works on an archive the
  // user cannot write.
  Store open_store_read_only() const;
};

using Handler = std::function<int()>;
using Setup = Handler (*)(CLI::App& command, Context& context);

// An option whose value must lie in [lo, hi], with its default shown in --help.
template <typename T, typename Bound>
CLI::Option* add_bounded_option(CLI::App& command, const std::string& name, T& value, const std::string& description,
                                Bound lo, Bound hi) {
  return command.add_option(name, value, description)->check(CLI::Range(lo, hi))->capture_default_str();
}

// --json for a command that prints `what` ("the events") as JSON instead of text; the handler reads the
// flag when it runs, so it is shared with it.
inline std::shared_ptr<bool> add_json_flag(CLI::App& command, const std::string& what) {
  auto json = std::make_shared<bool>(false);
  command.add_flag("--json", *json, "print " + what + " as JSON");
  return json;
}

struct Command {
  const char* name;
  const char* summary;  // one line
  Setup setup;
};

const std::vector<Command>& commands();

// The command's usage line, made from its CLI11 options so that it cannot drift from them:
// "talkdex search [--limit N] [--json] ... QUERY...".
std::string usage_line(const CLI::App& command);

// How the archive is locked for writing.
struct LockOptions {
  bool wait = false;   // wait for another writer (saying for whom on stderr) instead of failing
  bool create = true;  // make the archive when missing; without, a missing archive is an error
};

// The archive's writer lock for `command`: waits with `options.wait` (saying for whom on stderr), else
// throws ArchiveBusy, which run() turns into exit code 4 with the holder's pid, command and start time.
// Without `options.create`, a missing archive is an error naming the folder (and no folder is made).
WriterLock lock_archive(const Context& ctx, const std::string& command, LockOptions options);

// Diagnostics on stderr: "talkdex: warning: ...", "talkdex: error: ...".
// Brings the index up to the store (Archive::update), saying so when it had to be built anew.
IndexStats update_archive_index(const Context& ctx, Store& store);

void warn(const Context& ctx, const std::string& message);

// Prints `line` and a line break on stdout, wrapped to the terminal (ctx.width) at word boundaries, the
// lines after the first indented by `indent` spaces.
void print_line(const Context& ctx, const std::string& line, std::size_t indent);
void error(const Context& ctx, const std::string& message);

int run(int argc, char** argv);

}  // namespace talkdex::cli
