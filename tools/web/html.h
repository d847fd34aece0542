// HTML building blocks of the web pages: escaping, URLs, times, and the page frame.
// Every string that comes from the archive goes through html_escape (or attr) before it is written; the
// search snippet is taken apart and written again with only its <mark> kept, so no markup from the store
// can reach the page.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace talkdex::web {

// & < > " ' as entities: safe in element content and in quoted attribute values.
std::string html_escape(std::string_view s);
// `url` when it is http(s) or a path on this server, else "#": a javascript: or data: link from a
// schedule never becomes a link (the CSP would block it too; this keeps it from being a link at all).
std::string safe_href(std::string_view url);
// A query-string component: everything but unreserved characters percent-encoded.
std::string url_encode(std::string_view s);
// A snippet from the search library (HTML-escaped text with <mark>..</mark>) as safe HTML: entities
// decoded, the text escaped again, the marks kept.
std::string snippet_html(std::string_view snippet);
// A deep-link time: "1h2m3s", "2m", "75", "75.5", "1:02:03"; nullopt when malformed or negative.
std::optional<double> parse_deep_link_time(std::string_view s);
// "1h2m3s" for a ?t= link (whole seconds).
std::string deep_link_time(double seconds);

struct PageFrame {
  std::string title;  // the document title (plain text)
  std::string query;  // put in the header's search box (plain text)
  std::string body;   // HTML
  bool with_script = false;  // the page's enhancements (/static/app.js)
};
// The whole document: head with the stylesheet, the header with the search form, the body.
std::string render_page(const PageFrame& frame);

}  // namespace talkdex::web
