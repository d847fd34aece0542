// The talk page, "/talks/ID" or "/talks/KEY", with "?t=1h2m3s" (or "#t=SECONDS") to start there and
// "?rec=N" to play another of its local recordings: title, people, event, abstract; the player with the
// chapters as a <track>; the table of contents with slide thumbnails; the transcript. Every time is a link
// to the page at that moment, so the page works without JavaScript; app.js makes the links seek the
// player instead, highlights the current cue and keeps "link to this moment" up to date.
#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "html.h"
#include "routes.h"
#include "talk_media.h"
#include "talkdex/links.h"
#include "talkdex/text.h"

namespace talkdex::web {
namespace {

bool has_video(const RecordingRow& r) {
  auto probe = nlohmann::json::parse(r.probe_json, nullptr, false);
  if (!probe.is_object() || !probe.contains("streams") || !probe["streams"].is_array()) return true;
  for (const auto& s : probe["streams"])
    if (s.is_object() && s.value("type", "") == "video") return true;
  return false;
}

std::string moment_url(const TalkMedia& m, double at) {
  std::string url = "/talks/" + std::to_string(m.talk.id) + "?";
  if (m.played && m.played->talk_id != m.talk.id) url += "rec=" + std::to_string(m.played->id) + "&";
  return url + "t=" + deep_link_time(at);
}

// A time that seeks: with the page's script the player jumps there, without it the page opens there.
std::string seek_link(const TalkMedia& m, double at, const std::string& label) {
  return fmt::format("<a class=\"seek\" data-seek=\"{:.3f}\" href=\"{}\">{}</a>", at, html_escape(moment_url(m, at)),
                     html_escape(label));
}

std::string render_header(const TalkRow& t) {
  std::string out = "<header class=\"talk-head\">\n<p class=\"event\"><a href=\"/?q=" +
                    html_escape(url_encode("in:\"" + t.event_title + "\"")) + "\">" + html_escape(t.event_title) +
                    "</a></p>\n<h1 id=\"talk-title\">" + html_escape(t.info.title) + "</h1>\n";
  if (!t.info.subtitle.empty()) out += "<p class=\"subtitle\">" + html_escape(t.info.subtitle) + "</p>\n";
  std::vector<std::string> facts;
  if (!t.info.kind.empty()) facts.push_back(html_escape(t.info.kind));
  if (t.info.start.size() >= 16) {
    std::string when = t.info.start.substr(0, 10) + " " + t.info.start.substr(11, 5);
    if (t.info.end.size() >= 16) when += "–" + t.info.end.substr(11, 5);
    facts.push_back("<time>" + html_escape(when) + "</time>");
  }
  if (!t.info.room.empty()) facts.push_back(html_escape(t.info.room));
  if (!facts.empty()) {
    out += "<p class=\"facts\">";
    for (size_t i = 0; i < facts.size(); ++i) out += (i ? " · " : "") + facts[i];
    out += "</p>\n";
  }
  if (!t.info.people.empty()) {
    out += "<ul class=\"people\">\n";
    for (const auto& p : t.info.people) {
      out += "<li><a href=\"/?q=" + html_escape(url_encode("speaker:\"" + p.name + "\"")) + "\">" + html_escape(p.name) +
             "</a>";
      if (!p.affiliation.empty()) out += " <span class=\"affiliation\">" + html_escape(p.affiliation) + "</span>";
      if (!p.role.empty() && p.role != "speaker") out += " <span class=\"role\">" + html_escape(p.role) + "</span>";
      out += "</li>\n";
    }
    out += "</ul>\n";
  }
  return out + "</header>\n";
}

std::string render_player(const TalkMedia& m, double start, bool with_transcript) {
  if (!m.played) return "";
  const RecordingRow& r = *m.played;
  std::string tag = has_video(r) ? "video" : "audio";
  std::string id = std::to_string(m.talk.id);
  std::string out = fmt::format(
      "<div class=\"player\">\n<{0} id=\"player\" controls preload=\"metadata\" data-start=\"{1:.3f}\" "
      "src=\"/media/recordings/{2}#t={1:.3f}\">\n"
      "<track kind=\"chapters\" srclang=\"en\" label=\"Chapters\" default src=\"/api/talks/{3}/chapters.vtt?rec={2}\">\n",
      tag, start, r.id, id);
  if (with_transcript)
    out += fmt::format("<track kind=\"subtitles\" srclang=\"en\" label=\"Transcript\" src=\"/api/talks/{}/transcript.vtt?rec={}\">\n",
                       id, r.id);
  out += "</" + tag + ">\n";
  out += "<p class=\"share\"><a id=\"moment-link\" href=\"" + html_escape(moment_url(m, start)) +
         "\">Link to this moment</a> <span id=\"moment-time\">" + format_hms(start) + "</span></p>\n</div>\n";
  return out;
}

std::string render_recordings(const TalkMedia& m) {
  std::string out;
  for (const auto& r : m.recordings) {
    if (m.played && r.id == m.played->id) continue;
    double at = 0;
    for (const auto& i : m.items)
      if (i.recording_id == r.id && r.talk_id != m.talk.id) {
        at = i.entry.start;
        break;
      }
    std::string href = is_local_file(r) ? fmt::format("/talks/{}?rec={}&t={}", m.talk.id, r.id, deep_link_time(at))
                                        : link_at(r.uri, at);
    std::string label = is_local_file(r) ? std::filesystem::path(r.uri).filename().string() : r.uri;
    out += "<li><a href=\"" + html_escape(safe_href(href)) + "\">" + html_escape(label) + "</a>" +
           (at > 0 ? " at " + format_hms(at) : std::string()) + "</li>\n";
  }
  if (out.empty()) return "";
  return "<section class=\"recordings\"><h2>" + std::string(m.played ? "Other recordings" : "Recordings") +
         "</h2><ul>\n" + out + "</ul></section>\n";
}

std::string render_toc(const TalkMedia& m) {
  if (m.items.empty()) return "";
  std::string out = "<section class=\"toc\"><h2>Contents</h2>\n<ol class=\"toc\">\n";
  for (const auto& i : m.items) {
    bool here = m.played && i.recording_id == m.played->id;
    out += fmt::format("<li class=\"item\" data-start=\"{:.3f}\">", i.entry.start);
    if (here) {
      out += seek_link(m, i.entry.start, format_hms(i.entry.start));
    } else {
      out += "<a href=\"" + html_escape(safe_href(link_at(i.recording_uri, i.entry.start))) + "\">" +
             format_hms(i.entry.start) + "</a>";
    }
    out += " <span class=\"item-title\">" + html_escape(i.entry.title) + "</span>";
    if (!i.entry.thumbnail.empty())
      out += fmt::format("<img class=\"thumb\" loading=\"lazy\" alt=\"\" src=\"/media/thumbnails/{}/{}\">", m.talk.id, i.id);
    out += "</li>\n";
  }
  return out + "</ol></section>\n";
}

std::string render_transcript(const TalkMedia& m, const std::vector<PassageRow>& passages) {
  if (passages.empty()) return "";
  std::string out = "<section class=\"transcript\"><h2>Transcript</h2>\n<ol class=\"transcript\">\n";
  for (const auto& p : passages) {
    double end = p.passage.end ? *p.passage.end : p.passage.start + 5;
    out += fmt::format("<li class=\"cue\" data-start=\"{:.3f}\" data-end=\"{:.3f}\">", p.passage.start, end) +
           seek_link(m, p.passage.start, format_hms(p.passage.start)) + " <span>" + html_escape(p.passage.text) +
           "</span></li>\n";
  }
  return out + "</ol></section>\n";
}

std::optional<std::int64_t> recording_param(const httplib::Request& req) {
  if (!req.has_param("rec")) return std::nullopt;
  std::string v = req.get_param_value("rec");
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
  if (ec != std::errc() || end != v.data() + v.size()) throw HttpError(400, "rec=" + v + ": not a recording number");
  return id;
}

}  // namespace

void add_talk_page(httplib::Server& server, ArchiveAccess& access) {
  server.Get(R"(/talks/(.+))", guarded(false, [&access](const httplib::Request& req, httplib::Response& res) {
    if (answer_remote_talk(access, req.matches[1], false, res)) return;
    auto store = access.store();
    TalkMedia m = talk_media(*store, req.matches[1], recording_param(req));
    double start = m.talk_start;
    if (req.has_param("t")) {
      auto t = parse_deep_link_time(req.get_param_value("t"));
      if (!t) throw HttpError(400, "t=" + req.get_param_value("t") + ": not a time (1h2m3s, 75, or 1:02:03)");
      start = *t;
    }
    auto passages = talk_passages(*store, m);
    std::string body = "<article class=\"talk\" data-talk=\"" + std::to_string(m.talk.id) + "\">\n" + render_header(m.talk);
    body += render_player(m, start, !passages.empty());
    if (!m.talk.info.abstract.empty())
      body += "<section class=\"abstract\"><h2>Abstract</h2><p>" + html_escape(m.talk.info.abstract) + "</p></section>\n";
    body += render_recordings(m);
    body += "<div class=\"columns\">\n" + render_toc(m) + render_transcript(m, passages) + "</div>\n";
    if (!m.talk.info.links.empty() || !m.talk.info.url.empty()) {
      body += "<section class=\"links\"><h2>Links</h2><ul>\n";
      // The talk's own page in the schedule (frab's <url>, the Fahrplan page).
      if (!m.talk.info.url.empty())
        body += "<li><a rel=\"noopener noreferrer\" class=\"talk-url\" href=\"" + html_escape(safe_href(m.talk.info.url)) +
                "\">Schedule page</a></li>\n";
      for (const auto& l : m.talk.info.links)
        body += "<li><a rel=\"noopener noreferrer\" href=\"" + html_escape(safe_href(l.url)) + "\">" +
                html_escape(l.title.empty() ? l.url : l.title) + "</a></li>\n";
      body += "</ul></section>\n";
    }
    body += "</article>\n";
    res.set_content(render_page({m.talk.info.title + " — talkdex", "", body, true}), "text/html; charset=utf-8");
  }));
}

}  // namespace talkdex::web
