// The JSON API: the same shapes as the command's --json (search_json.h, talk_json.h).
//   /api/search?q=&limit=&offset=&facets=1&any=1   what `talkdex search --json` prints
//   /api/talks/ID                                    what `talkdex show --json` prints (ID may be KEY@SHARD)
//   /api/talks/ID/chapters.vtt, /api/talks/ID/transcript.vtt   (?rec=N: of that recording)
// Errors are {"error": "...", "status": N}: 400 for a query or parameter that cannot be read, 404 for no
// such talk, 503 while there is no archive or no index.
#include <fmt/format.h>

#include <charconv>

#include "routes.h"
#include "talk_media.h"
#include "talkdex/search_json.h"
#include "talkdex/talk_json.h"
#include "talkdex/text.h"

namespace talkdex::web {
namespace {

std::size_t number_param(const httplib::Request& req, const char* name, std::size_t fallback, std::size_t min,
                         std::size_t max) {
  if (!req.has_param(name)) return fallback;
  std::string v = req.get_param_value(name);
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n < min || n > max)
    throw HttpError(400, fmt::format("{}={}: not a number from {} to {}", name, sanitize_utf8(v), min, max));
  return n;
}

bool flag_param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return false;
  std::string v = req.get_param_value(name);
  if (v == "1" || v == "true" || v.empty()) return true;
  if (v == "0" || v == "false") return false;
  throw HttpError(400, fmt::format("{}={}: not 1 or 0", name, sanitize_utf8(v)));
}

std::optional<std::int64_t> recording_param(const httplib::Request& req) {
  if (!req.has_param("rec")) return std::nullopt;
  return static_cast<std::int64_t>(number_param(req, "rec", 0, 1, 1ull << 53));
}

// Compact, as APIs send it: indenting would add a third to the bytes and to the time of writing them.
void send_json(httplib::Response& res, const nlohmann::json& j) {
  res.set_content(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

}  // namespace

void add_api(httplib::Server& server, ArchiveAccess& access) {
  server.Get("/api/search", guarded(true, [&access](const httplib::Request& req, httplib::Response& res) {
    if (!req.has_param("q")) throw HttpError(400, "q is missing: /api/search?q=WORDS");
    SearchOptions o;
    o.query = sanitize_utf8(req.get_param_value("q"));
    o.limit = number_param(req, "limit", 10, 1, 10000);
    o.offset = number_param(req, "offset", 0, 0, 1000000);
    o.facets = flag_param(req, "facets");
    o.match_any = flag_param(req, "any");
    auto answer = access.search(o, "api", [](const SearchOptions& normalised, const SearchResults& results) {
      return search_results_json_text(normalised, results);
    });
    if (!answer) throw HttpError(400, answer.failure().message());
    res.set_content((*answer)->body, "application/json");
  }));

  // The files of a talk first: a key may hold a '/' (a workshop page's keys do), so the talk's own
  // route takes the rest of the path and must come after them.
  server.Get(R"(/api/talks/(.+)/chapters\.vtt)", guarded(true, [&access](const httplib::Request& req, httplib::Response& res) {
    auto store = access.store();
    res.set_content(chapters_vtt(talk_media(*store, req.matches[1], recording_param(req))), "text/vtt; charset=utf-8");
  }));

  server.Get(R"(/api/talks/(.+)/transcript\.vtt)", guarded(true, [&access](const httplib::Request& req, httplib::Response& res) {
    auto store = access.store();
    TalkMedia m = talk_media(*store, req.matches[1], recording_param(req));
    res.set_content(transcript_vtt(talk_passages(*store, m)), "text/vtt; charset=utf-8");
  }));

  server.Get(R"(/api/talks/(.+))", guarded(true, [&access](const httplib::Request& req, httplib::Response& res) {
    if (answer_remote_talk(access, req.matches[1], true, res)) return;
    auto store = access.store();
    TalkMedia m = talk_media(*store, req.matches[1]);
    send_json(res, talk_json(m.talk, m.items, m.recordings, access.archive().folder()));
  }));

  // Anything else under /api/ is JSON too.
  server.Get(R"(/api/.*)", guarded(true, [](const httplib::Request& req, httplib::Response&) {
    throw HttpError(404, "no API at " + sanitize_utf8(req.path));
  }));
}

}  // namespace talkdex::web
