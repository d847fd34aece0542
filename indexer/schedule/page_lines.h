// A web page as lines of text, each with the links it carries: the first step of the workshop page reader.
//
// Two inputs give the same lines: HTML, parsed with gumbo (block elements and <br> end a line, table
// cells are joined by a space, entities decoded), and text copied from a browser with stray HTML left in
// (each line's tags stripped, entities decoded). In both, an <a href> on a line becomes a Link of that
// line; "#", javascript: and other non-web targets are not links. Internal to talkdex_indexer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "talkdex/model.h"

namespace talkdex::page {

struct PageLine {
  int source_line = 0;      // 1-based line of the input the text starts on, for warnings
  std::string text;         // white space collapsed, entities decoded; may be empty (a paragraph break)
  std::vector<Link> links;  // absolute http(s) URLs; title from the title attribute, else the anchor text
};

struct PageText {
  std::string document_title;  // the HTML <title>; empty for text input
  std::vector<PageLine> lines;
  // Set, with no lines, when the page is past a limit (talkdex/limits.h): its size or depth.
  std::optional<std::string> refused;
};

// True when the content is an HTML document rather than text with stray tags.
bool looks_like_html(std::string_view content);

// Reads either form (chosen by looks_like_html). `base_url` resolves root-relative and protocol-relative
// links; without it those links are dropped. The content must be valid UTF-8.
PageText read_page_lines(std::string_view content, const std::string& base_url);

PageText html_page_lines(std::string_view html, const std::string& base_url);
PageText text_page_lines(std::string_view text, const std::string& base_url);

// --- Shared by both forms ---
// "&raquo;" -> "»", "&#39;" -> "'", "&#x2019;" -> "’"; unknown entities are kept as written.
std::string decode_entities(std::string_view s);
// A Link for an href, or none when the target is not a web page (empty, "#...", javascript:, mailto:).
// Sets Link::tocitem from a "tocitem=N" query parameter.
std::optional<Link> make_link(std::string_view href, std::string_view title, const std::string& base_url);

}  // namespace talkdex::page
