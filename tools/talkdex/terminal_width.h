// Lines that fit the terminal: on a terminal, output wraps at word boundaries to its width ($COLUMNS
// when set, else what the terminal says); elsewhere (a pipe, a file) lines are never wrapped, so that
// scripts see one line per fact.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

namespace talkdex::cli {

// The width to wrap `stream`'s lines at, or 0 (no wrapping) when it is not a terminal.
std::size_t output_width(std::FILE* stream);

// The columns `text` takes: escape sequences (colour) take none, each UTF-8 character one.
std::size_t visible_width(const std::string& text);

// `line` broken at spaces into lines of at most `width` columns, each line after the first indented by
// `indent` spaces; a word longer than a line (a URL) stands alone on its line, never cut. Line breaks in
// `line` are kept. Width 0: `line` as it is.
std::string wrapped(const std::string& line, std::size_t width, std::size_t indent);

}  // namespace talkdex::cli
