// JSON inputs within the limits (talkdex/limits.h): nesting deeper than kMaxNestingDepth is refused before
// nlohmann-json parses anything, and a parse error says where and what in a few words (nlohmann's own
// message quotes the last token read, which can be most of the input). Internal to talkdex_indexer.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace talkdex::json_input {

// The byte offset (0-based) where arrays and objects first nest deeper than kMaxNestingDepth, if they do.
// Brackets inside strings do not count.
std::optional<std::size_t> too_deep_at(std::string_view text);

// The reason of a nlohmann parse error, without its "[json.exception...]" tag and with the quoted input
// cut to a few dozen bytes: "parse error at line 3, column 1: syntax error while parsing value - invalid
// literal; last read: '<html><hea…'".
std::string short_reason(const nlohmann::json::parse_error& e);

// "arrays and objects nested more than 256 deep (the limit) at byte N"
std::string too_deep_reason(std::size_t at);

}  // namespace talkdex::json_input
