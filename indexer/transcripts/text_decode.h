// Bytes of a text file whose encoding is not declared, turned into UTF-8 the way subtitle players guess:
// a byte-order mark names UTF-8, UTF-16 LE/BE or UTF-32 LE/BE; without one, bytes that are valid UTF-8
// are UTF-8 and anything else is windows-1252 (the usual encoding of Western subtitles that are not
// UTF-8). The BOM is removed. Private to the indexer.
#pragma once

#include "talkdex/text.h"

#include <string>
#include <string_view>
#include <vector>

namespace talkdex {

struct DecodedText {
  std::string text;       // UTF-8, without BOM
  std::string encoding;   // "utf-8", "utf-16le", "utf-16be", "utf-32le", "utf-32be" or "windows-1252"
};

DecodedText decode_text(std::string_view bytes);

bool is_valid_utf8(std::string_view s);

// The lines of a text, split at CR, LF or CRLF; a final line terminator does not start another line.
std::vector<std::string_view> split_lines(std::string_view text);


}  // namespace talkdex
