#include "argv_words.h"

#include <algorithm>

namespace talkdex::cli {
namespace {

// The option of `app` that `arg` names ("--limit", "-n", "--limit=5"), or null.
const CLI::Option* named_option(const CLI::App& app, const std::string& arg) {
  if (arg.size() < 2 || arg[0] != '-') return nullptr;
  std::string name = arg.substr(0, arg.find('='));
  for (const CLI::Option* o : app.get_options()) {
    if (!o->nonpositional()) continue;
    const auto& longs = o->get_lnames();
    const auto& shorts = o->get_snames();
    if (name.rfind("--", 0) == 0 && std::find(longs.begin(), longs.end(), name.substr(2)) != longs.end()) return o;
    if (name.size() == 2 && name[0] == '-' && std::find(shorts.begin(), shorts.end(), name.substr(1)) != shorts.end())
      return o;
  }
  return nullptr;
}

// A command whose positional takes words as typed: search's query, and help's command name (which
// CLI11 would otherwise read as that command).
bool takes_words(const CLI::App& command) {
  for (const CLI::Option* o : command.get_options())
    if (o->get_positional() && (o->get_name() == "query" || o->get_name() == "command")) return true;
  return false;
}

}  // namespace

std::vector<std::string> query_words_last(const CLI::App& app, const std::vector<std::string>& args) {
  // The command: the first argument that is neither a global option nor its value.
  std::size_t at = 0;
  const CLI::App* command = nullptr;
  for (; at < args.size(); ++at) {
    if (const CLI::Option* o = named_option(app, args[at])) {
      if (o->get_items_expected_min() > 0 && args[at].find('=') == std::string::npos) ++at;
      continue;
    }
    if (args[at] == "--") return args;
    for (const CLI::App* sub : app.get_subcommands({}))
      if (sub->get_name() == args[at]) command = sub;
    break;
  }
  if (!command || !takes_words(*command)) return args;

  std::vector<std::string> out(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(at) + 1);
  std::vector<std::string> words;
  for (std::size_t i = at + 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      words.insert(words.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    const CLI::Option* o = named_option(*command, a);
    if (!o) o = named_option(app, a);
    if (!o) {
      words.push_back(a);
      continue;
    }
    out.push_back(a);
    if (o->get_items_expected_min() > 0 && a.find('=') == std::string::npos && i + 1 < args.size())
      out.push_back(args[++i]);
  }
  if (!words.empty()) {
    out.push_back("--");
    out.insert(out.end(), words.begin(), words.end());
  }
  return out;
}

}  // namespace talkdex::cli
