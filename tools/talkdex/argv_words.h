// Command lines as people type them: the words of a query may begin with '-'.
//
// `talkdex search security -hacking` means the query "security -hacking", not the option -h. Before
// CLI11 reads the command line, the arguments of a command that takes a query are sorted: the command's
// documented options (and the global ones, which work anywhere) stay options, with their values; every
// other argument, and everything after "--", is a word of the query. The words then follow one "--", so
// CLI11 reads them as the query whatever they look like.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace talkdex::cli {

// `args` (argv without the program name) with the query words of a query-taking command of `app` moved
// after one "--" (also for `help COMMAND`, whose word would otherwise be read as that command). Other
// command lines come back unchanged.
std::vector<std::string> query_words_last(const CLI::App& app, const std::vector<std::string>& args);

}  // namespace talkdex::cli
