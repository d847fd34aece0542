// The search page, "/?q=QUERY&offset=N": hits grouped by talk, each with its best moment and a link that
// opens the talk page there; "did you mean"; facets as links that add a filter to the query; paging.
// Rendered on the server: it works without JavaScript.
#include <fmt/format.h>

#include <charconv>

#include "html.h"
#include "routes.h"
#include "talkdex/search_json.h"
#include "talkdex/text.h"

namespace talkdex::web {
namespace {

constexpr std::size_t kPageSize = 10;
constexpr std::size_t kFacetValuesShown = 8;

std::size_t number_param(const httplib::Request& req, const char* name, std::size_t fallback, std::size_t max) {
  if (!req.has_param(name)) return fallback;
  std::string v = req.get_param_value(name);
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n > max)
    throw HttpError(400, fmt::format("{}={}: not a number from 0 to {}", name, v, max));
  return n;
}

std::string search_url(const std::string& query, std::size_t offset = 0) {
  std::string url = "/?q=" + url_encode(query);
  if (offset) url += "&offset=" + std::to_string(offset);
  return url;
}

// The filter a facet value adds to the query, in the query language of search.h.
std::string facet_filter(const std::string& facet, const std::string& value) {
  std::string quoted = "\"" + value + "\"";
  if (facet == "event") return "in:" + quoted;
  if (facet == "kind") return "kind:" + quoted;
  if (facet == "year") return "year:" + value;
  return "speaker:" + quoted;
}

// A talk of this archive by its number; one of a remote shard by "KEY@SHARD" (its numbers mean nothing
// here): its page shows what the shard's index holds.
bool has_talk_page(const Hit& h) { return h.talk_id || (!h.shard.empty() && !h.key.empty()); }

std::string talk_url(const Hit& h) {
  std::string url = "/talks/" + (h.talk_id ? std::to_string(*h.talk_id) : url_encode(h.ref()));
  if (h.offset) url += "?t=" + deep_link_time(*h.offset);
  return url;
}

std::string render_hit(const Hit& h, std::size_t rank) {
  std::string href = has_talk_page(h) ? talk_url(h) : safe_href(h.link);
  // The moment plays here for a talk of this archive; a remote shard's recording is at its link.
  std::string jump = h.talk_id || h.link.empty() ? href : safe_href(h.link);
  std::string out = "<li class=\"hit\" value=\"" + std::to_string(rank) + "\">\n<h2><a class=\"hit-title\" href=\"" +
                    html_escape(href) + "\">" + html_escape(h.title) + "</a></h2>\n";
  std::vector<std::string> facts;
  std::string names;
  for (const auto& s : h.speakers) names += (names.empty() ? "" : ", ") + s;
  if (!names.empty()) facts.push_back("<span class=\"speakers\">" + html_escape(names) + "</span>");
  if (!h.kind.empty()) facts.push_back("<span class=\"kind\">" + html_escape(h.kind) + "</span>");
  if (!h.event.empty()) facts.push_back("<span class=\"event\">" + html_escape(h.event) + "</span>");
  if (h.start.size() >= 10) facts.push_back("<time>" + html_escape(h.start.substr(0, 10)) + "</time>");
  if (!facts.empty()) {
    out += "<p class=\"facts\">";
    for (size_t i = 0; i < facts.size(); ++i) out += (i ? " · " : "") + facts[i];
    out += "</p>\n";
  }
  if (h.offset) {
    std::string what;
    if (h.moment && h.moment->source == "transcript") what = "said";
    else if (h.moment && h.moment->title != h.title) what = h.moment->title;
    out += "<p class=\"moment\"><a class=\"jump\" data-offset=\"" + fmt::format("{:.3f}", *h.offset) + "\" href=\"" +
           html_escape(jump) + "\">▶ " + format_hms(*h.offset) + "</a>";
    if (!what.empty()) out += " <span class=\"moment-title\">" + html_escape(what) + "</span>";
    out += "</p>\n";
  }
  if (!h.snippet.empty()) out += "<p class=\"snippet\">" + snippet_html(h.snippet) + "</p>\n";
  return out + "</li>\n";
}

std::string render_facets(const std::string& query, const SearchResults& r) {
  std::string out = "<aside class=\"facets\" aria-label=\"Filters\">\n";
  for (const char* name : {"event", "kind", "year", "speaker"}) {
    auto found = r.facets.find(name);
    if (found == r.facets.end() || found->second.empty()) continue;
    out += fmt::format("<section class=\"facet\"><h3>{}</h3><ul>\n", name);
    auto values = facet_by_count(found->second);
    for (std::size_t i = 0; i < values.size() && i < kFacetValuesShown; ++i) {
      const auto& [value, count] = values[i];
      out += "<li><a href=\"" + html_escape(search_url(query + " " + facet_filter(name, value))) + "\">" +
             html_escape(value) + "</a> <span class=\"count\">" + std::to_string(count) + "</span></li>\n";
    }
    out += "</ul></section>\n";
  }
  return out + "</aside>\n";
}

std::string render_pager(const std::string& query, std::size_t offset, const SearchResults& r) {
  std::string out = "<nav class=\"pager\">";
  if (offset > 0) out += "<a rel=\"prev\" href=\"" + html_escape(search_url(query, offset - std::min(offset, kPageSize))) + "\">← Previous</a>";
  out += fmt::format("<span>{}–{} of {}</span>", offset + 1, offset + r.hits.size(), r.matches_estimated);
  if (r.more) out += "<a rel=\"next\" href=\"" + html_escape(search_url(query, offset + kPageSize)) + "\">Next →</a>";
  return out + "</nav>\n";
}

std::string render_home(ArchiveAccess& access) {
  auto store = access.store();
  StoreCounts c = store->counts();
  return fmt::format(
      "<section class=\"home\"><h1>Search the talks</h1>"
      "<p>{} talks of {} events, {} recordings, {} chapters.</p>"
      "<p class=\"hint\">All words must match; <code>\"a phrase\"</code>, <code>-word</code>, <code>word*</code>; "
      "fields <code>title:</code> <code>speaker:</code> <code>chapter:</code> <code>said:</code>; filters "
      "<code>kind:spotlight</code> <code>year:2019</code> <code>in:\"Event\"</code>.</p></section>",
      c.talks, c.events, c.recordings, c.items);
}

}  // namespace

void add_search_page(httplib::Server& server, ArchiveAccess& access) {
  server.Get("/", guarded(false, [&access](const httplib::Request& req, httplib::Response& res) {
    std::string query = sanitize_utf8(req.get_param_value("q"));
    PageFrame page{query.empty() ? "talkdex" : query + " — talkdex", query, "", true};
    if (trim(query).empty()) {
      page.body = render_home(access);
      res.set_content(render_page(page), "text/html; charset=utf-8");
      return;
    }
    SearchOptions o;
    o.query = query;
    o.limit = kPageSize;
    o.offset = number_param(req, "offset", 0, 1000000);
    o.facets = true;
    auto answer = access.search(o, "page");
    if (!answer) {
      res.status = 400;
      page.body = "<section class=\"error\"><h1>This query cannot be read</h1><p>" +
                  html_escape(answer.failure().message()) + "</p></section>";
      res.set_content(render_page(page), "text/html; charset=utf-8");
      return;
    }
    const SearchResults& r = (*answer)->results;
    std::string body;
    if (!r.suggestion.empty())
      body += "<p class=\"suggestion\">Did you mean <a href=\"" + html_escape(search_url(r.suggestion)) + "\">" +
              html_escape(r.suggestion) + "</a>?</p>\n";
    for (const auto& n : r.notes) body += "<p class=\"note\">" + html_escape(n) + "</p>\n";
    for (const auto& shard : r.unreachable)
      body += "<p class=\"note unreachable\">Shard " + html_escape(shard) +
              " did not answer: its talks are missing from these results.</p>\n";
    if (r.hits.empty()) {
      body += "<p class=\"nothing\">No talks match <strong>" + html_escape(query) + "</strong>.</p>\n";
    } else {
      body += "<div class=\"results\">\n<section class=\"hits\">\n<ol class=\"hits\" start=\"" +
              std::to_string(o.offset + 1) + "\">\n";
      std::size_t rank = o.offset;
      for (const auto& h : r.hits) body += render_hit(h, ++rank);
      body += "</ol>\n" + render_pager(query, o.offset, r) + "</section>\n" + render_facets(query, r) + "</div>\n";
    }
    page.body = body;
    res.set_content(render_page(page), "text/html; charset=utf-8");
  }));
}

}  // namespace talkdex::web
