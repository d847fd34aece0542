// The page of a remote shard's talk, "/talks/KEY@SHARD", and its JSON at /api/talks/KEY@SHARD: what that
// shard's index holds (title, people, event, the table of contents with a link at each moment), since
// its store and recordings are on the shard's machine. Each moment links to where the talk is published,
// at that second; the page says which shard it came from.
#include <fmt/format.h>

#include "html.h"
#include "routes.h"
#include "talkdex/search_json.h"
#include "talkdex/text.h"

namespace talkdex::web {
namespace {

IndexedTalk remote_talk(ArchiveAccess& access, const RemoteTalkRef& ref) {
  auto searcher = access.searcher();
  auto talk = searcher->talk(ref.key, ref.shard);
  if (!talk) {
    // No such talk there is the shard's answer; a shard that does not answer is the gateway's fault.
    throw HttpError(talk.failure().code == ErrorCode::not_found ? 404 : 502, talk.failure().message());
  }
  return std::move(*talk);
}

std::string render_remote_talk(const IndexedTalk& t) {
  const Hit& h = t.talk;
  std::string out = "<article class=\"talk remote\" data-ref=\"" + html_escape(h.ref()) + "\">\n<header class=\"talk-head\">\n";
  if (!h.event.empty())
    out += "<p class=\"event\"><a href=\"/?q=" + html_escape(url_encode("in:\"" + h.event + "\"")) + "\">" +
           html_escape(h.event) + "</a></p>\n";
  out += "<h1 id=\"talk-title\">" + html_escape(h.title) + "</h1>\n";
  std::vector<std::string> facts;
  if (!h.kind.empty()) facts.push_back(html_escape(h.kind));
  if (h.start.size() >= 16) facts.push_back("<time>" + html_escape(h.start.substr(0, 10) + " " + h.start.substr(11, 5)) + "</time>");
  if (!facts.empty()) {
    out += "<p class=\"facts\">";
    for (std::size_t i = 0; i < facts.size(); ++i) out += (i ? " · " : "") + facts[i];
    out += "</p>\n";
  }
  if (!h.speakers.empty()) {
    out += "<ul class=\"people\">\n";
    for (const auto& name : h.speakers)
      out += "<li><a href=\"/?q=" + html_escape(url_encode("speaker:\"" + name + "\"")) + "\">" + html_escape(name) + "</a></li>\n";
    out += "</ul>\n";
  }
  out += "<p class=\"shard\">From shard <strong>" + html_escape(h.shard) +
         "</strong>: its recordings are where the talk is published.</p>\n</header>\n";
  if (!h.link.empty())
    out += "<p class=\"watch\"><a rel=\"noopener noreferrer\" class=\"talk-url\" href=\"" + html_escape(safe_href(h.link)) +
           "\">Watch the talk</a></p>\n";
  if (!t.items.empty()) {
    out += "<section class=\"toc\"><h2>Contents</h2>\n<ol class=\"toc\">\n";
    for (const auto& i : t.items) {
      double at = i.offset.value_or(0);
      std::string title = i.moment ? i.moment->title : i.title;
      std::string time = i.link.empty() ? format_hms(at)
                                        : "<a rel=\"noopener noreferrer\" href=\"" + html_escape(safe_href(i.link)) + "\">" +
                                              format_hms(at) + "</a>";
      out += fmt::format("<li class=\"item\" data-start=\"{:.3f}\">", at) + time + " <span class=\"item-title\">" +
             html_escape(title) + "</span></li>\n";
    }
    out += "</ol></section>\n";
  }
  return out + "</article>\n";
}

}  // namespace

bool answer_remote_talk(ArchiveAccess& access, const std::string& ref, bool json, httplib::Response& res) {
  auto remote = access.remote_ref(ref);
  if (!remote) return false;
  IndexedTalk talk = remote_talk(access, *remote);
  if (json) {
    res.set_content(indexed_talk_json(talk).dump(2, ' ', false, nlohmann::json::error_handler_t::replace),
                    "application/json");
  } else {
    res.set_content(render_page({talk.talk.title + " — talkdex", "", render_remote_talk(talk), true}),
                    "text/html; charset=utf-8");
  }
  return true;
}

}  // namespace talkdex::web
