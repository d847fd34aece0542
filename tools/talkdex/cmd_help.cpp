// talkdex help [COMMAND], talkdex man, talkdex completions bash|zsh|fish: the command's own description,
// made from the same CLI11 option tables as every --help, so none of them can drift from the options.
//
// `man` prints a roff page (man 1 talkdex); `completions SHELL` prints a completion script. The build makes
// both with the built talkdex and `cmake --install` puts them where man and the shells look.
#include <fmt/format.h>

#include <sstream>

#include "cli.h"

namespace talkdex::cli {
namespace {

// The commands of the app: every subcommand but the ones that only describe the others.
std::vector<const CLI::App*> described(const CLI::App& app) {
  std::vector<const CLI::App*> out;
  for (const CLI::App* sub : app.get_subcommands({})) out.push_back(sub);
  return out;
}

std::vector<const CLI::Option*> named_options(const CLI::App& app) {
  std::vector<const CLI::Option*> out;
  for (const CLI::Option* o : app.get_options())
    if (o->nonpositional()) out.push_back(o);
  return out;
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// ---- roff ----
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
    line_start = c == '\n';
  }
  return out;
}

std::string option_names(const CLI::Option& o) {
  std::string names;
  for (const auto& s : o.get_snames()) names += (names.empty() ? "-" : ", -") + s;
  for (const auto& l : o.get_lnames()) names += (names.empty() ? "--" : ", --") + l;
  if (o.get_items_expected_min() > 0) {
    std::string type = o.get_type_name();
    names += " " + (type.empty() ? std::string("VALUE") : type.substr(0, type.find(':')));
  }
  return names;
}

std::string man_page(const CLI::App& app) {
  std::ostringstream m;
  m << ".TH TALKDEX 1 \"\" \"talkdex " << TALKDEX_VERSION << "\" \"User Commands\"\n";
  m << ".SH NAME\ntalkdex \\- " << roff(app.get_description().substr(app.get_description().find(':') + 2)) << "\n";
  m << ".SH SYNOPSIS\n.B talkdex\n[\\-\\-archive \\fIDIR\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n";
  m << ".SH GLOBAL OPTIONS\n";
  for (const CLI::Option* o : named_options(app))
    m << ".TP\n.B " << roff(option_names(*o)) << "\n" << roff(o->get_description()) << "\n";
  m << ".SH COMMANDS\n";
  for (const CLI::App* sub : described(app)) {
    m << ".SS " << roff(sub->get_name()) << "\n" << roff(sub->get_description()) << ".\n.PP\n"
      << roff(usage_line(*sub)) << "\n";
    for (const CLI::Option* o : sub->get_options()) {
      if (o->get_name() == "-h,--help") continue;
      std::string name = o->get_positional() ? o->get_name() : option_names(*o);
      m << ".TP\n.B " << roff(name) << "\n" << roff(o->get_description()) << "\n";
    }
  }
  m << ".SH EXIT STATUS\n0 success; 1 a search found nothing; 2 a usage error or a query that cannot be read; "
       "3 an input or the command failed; 4 another writer holds the archive; 130 interrupted (Ctrl\\-C).\n";
  m << ".SH ENVIRONMENT\n.TP\n.B TALKDEX_ARCHIVE\nthe archive folder when \\-\\-archive is not given\n"
       ".TP\n.B TALKDEX_PLAYER\nthe player `play' opens\n.TP\n.B NO_COLOR\nno colour, even on a terminal\n";
  return m.str();
}

// ---- completions ----
std::string quoted(const std::string& s) {  // a single-quoted shell word
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string bash_completion(const CLI::App& app) {
  std::string commands, cases, globals;
  for (const CLI::Option* o : named_options(app))
    for (const auto& l : o->get_lnames()) globals += " --" + l;
  for (const CLI::App* sub : described(app)) {
    commands += " " + sub->get_name();
    std::string words;
    for (const CLI::Option* o : named_options(*sub)) {
      for (const auto& l : o->get_lnames()) words += " --" + l;
      for (const auto& s : o->get_snames()) words += " -" + s;
    }
    cases += fmt::format("    {}) opts={} ;;\n", sub->get_name(), quoted(words.substr(words.empty() ? 0 : 1)));
  }
  return fmt::format(R"(# bash completion for talkdex (talkdex completions bash)
_talkdex() {{
  local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}} cmd= opts= i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${{COMP_WORDS[i]}} in
      --archive) ((i++)) ;;
      -*) ;;
      *) cmd=${{COMP_WORDS[i]}}; break ;;
    esac
  done
  if [[ $prev == --archive ]]; then COMPREPLY=($(compgen -d -- "$cur")); return; fi
  if [[ -z $cmd ]]; then COMPREPLY=($(compgen -W {} -- "$cur")); return; fi
  case $cmd in
{}  esac
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$opts{}" -- "$cur"))
  else COMPREPLY=($(compgen -f -- "$cur")); fi
}}
complete -o filenames -F _talkdex talkdex
)",
                     quoted(commands.substr(1) + globals), cases, globals);
}

std::string zsh_spec(const CLI::Option& o) {
  std::string desc = first_line(o.get_description());
  for (char& c : desc)
    if (c == '[') c = '(';
    else if (c == ']') c = ')';
  std::string out;
  std::vector<std::string> names;
  for (const auto& s : o.get_snames()) names.push_back("-" + s);
  for (const auto& l : o.get_lnames()) names.push_back("--" + l);
  for (const auto& n : names)
    out += " " + quoted(n + "[" + desc + "]" + (o.get_items_expected_min() > 0 ? ":value:" : ""));
  return out;
}

std::string zsh_completion(const CLI::App& app) {
  std::string commands, cases, globals;
  for (const CLI::Option* o : named_options(app)) globals += zsh_spec(*o);
  for (const CLI::App* sub : described(app)) {
    commands += "    " + quoted(sub->get_name() + ":" + sub->get_description()) + "\n";
    std::string specs;
    for (const CLI::Option* o : named_options(*sub)) specs += zsh_spec(*o);
    cases += fmt::format("        {}) _arguments{} '*:file:_files' ;;\n", sub->get_name(), specs);
  }
  return fmt::format(R"(#compdef talkdex
# zsh completion for talkdex (talkdex completions zsh)
_talkdex() {{
  local curcontext=$curcontext state line
  local -a commands
  commands=(
{}  )
  _arguments -C{} '1:command:->command' '*::argument:->argument'
  case $state in
    command) _describe -t commands 'talkdex command' commands ;;
    argument)
      case $line[1] in
{}      esac ;;
  esac
}}
_talkdex "$@"
)",
                     commands, globals, cases);
}

std::string fish_line(const CLI::Option& o, const std::string& condition) {
  std::string line = "complete -c talkdex" + condition;
  for (const auto& s : o.get_snames()) line += " -s " + s;
  for (const auto& l : o.get_lnames()) line += " -l " + l;
  if (o.get_items_expected_min() > 0) line += " -r";
  return line + " -d " + quoted(first_line(o.get_description())) + "\n";
}

std::string fish_completion(const CLI::App& app) {
  std::string out = "# fish completion for talkdex (talkdex completions fish)\n";
  for (const CLI::Option* o : named_options(app)) out += fish_line(*o, "");
  for (const CLI::App* sub : described(app)) {
    out += "complete -c talkdex -n __fish_use_subcommand -f -a " + sub->get_name() + " -d " +
           quoted(sub->get_description()) + "\n";
    for (const CLI::Option* o : named_options(*sub))
      out += fish_line(*o, " -n '__fish_seen_subcommand_from " + sub->get_name() + "'");
  }
  return out;
}

}  // namespace

Handler setup_help(CLI::App& cmd, Context& ctx) {
  auto topic = std::make_shared<std::string>();
  cmd.add_option("command", *topic, "the command to describe (none: every command)");
  const CLI::App* app = cmd.get_parent();
  return [app, topic, &ctx] {
    if (topic->empty()) {
      // Not app->help(), which describes the command chosen (this one).
      std::fputs(app->get_formatter()->make_help(app, app->get_name(), CLI::AppFormatMode::Normal).c_str(), stdout);
      return static_cast<int>(kOk);
    }
    for (const CLI::App* sub : app->get_subcommands({}))
      if (sub->get_name() == *topic) {
        std::fputs(sub->help().c_str(), stdout);
        return static_cast<int>(kOk);
      }
    error(ctx, "no command \"" + *topic + "\" (talkdex help lists them)");
    return static_cast<int>(kUsage);
  };
}

Handler setup_man(CLI::App& cmd, Context&) {
  const CLI::App* app = cmd.get_parent();
  return [app] {
    std::fputs(man_page(*app).c_str(), stdout);
    return static_cast<int>(kOk);
  };
}

Handler setup_completions(CLI::App& cmd, Context&) {
  auto shell = std::make_shared<std::string>();
  cmd.add_option("shell", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  const CLI::App* app = cmd.get_parent();
  return [app, shell] {
    std::string script = *shell == "bash" ? bash_completion(*app)
                         : *shell == "zsh" ? zsh_completion(*app)
                                           : fish_completion(*app);
    std::fputs(script.c_str(), stdout);
    return static_cast<int>(kOk);
  };
}

}  // namespace talkdex::cli
