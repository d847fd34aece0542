// talkdex search QUERY: the best talks, each with the moment to jump to.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli.h"
#include "talkdex/search.h"
#include "talkdex/text.h"

namespace talkdex::cli {
namespace {

struct SearchArgs {
  std::vector<std::string> words;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool any = false;
  bool json = false;
};

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// "<mark>x</mark>" to bold on a terminal, to nothing elsewhere; HTML entities back to text.
std::string render_snippet(const std::string& html, const Style& style) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    auto at = [&](const char* s) { return html.compare(i, std::strlen(s), s) == 0; };
    if (at("<mark>")) { out += style.colour ? "\033[1;33m" : ""; i += 6; }
    else if (at("</mark>")) { out += style.colour ? "\033[0m" : ""; i += 7; }
    else if (at("&amp;")) { out += '&'; i += 5; }
    else if (at("&lt;")) { out += '<'; i += 4; }
    else if (at("&gt;")) { out += '>'; i += 4; }
    else if (at("&quot;")) { out += '"'; i += 6; }
    else out += html[i++];
  }
  return out;
}

nlohmann::json hit_json(const Hit& h) {
  auto opt = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  nlohmann::json j = {{"talk_id", opt(h.talk_id)},
                      {"title", h.title},
                      {"speakers", h.speakers},
                      {"event", h.event},
                      {"kind", h.kind},
                      {"start", h.start.empty() ? nlohmann::json() : nlohmann::json(h.start)},
                      {"offset", opt(h.offset)},
                      {"link", h.link.empty() ? nlohmann::json() : nlohmann::json(h.link)},
                      {"score", h.score},
                      {"snippet", h.snippet},
                      {"moment", nullptr}};
  if (h.moment) j["moment"] = {{"title", h.moment->title}, {"offset", h.moment->offset}, {"source", h.moment->source}};
  return j;
}

void print_hit(const Context& ctx, std::size_t rank, const Hit& h) {
  const Style& s = ctx.out;
  std::string id = h.talk_id ? fmt::format("[{}]", *h.talk_id) : "";
  std::printf("%zu. %s %s\n", rank, s.bold(h.title).c_str(), s.dim(id).c_str());
  std::vector<std::string> facts;
  if (!h.speakers.empty()) facts.push_back(join(h.speakers, ", "));
  if (!h.kind.empty()) facts.push_back(h.kind);
  if (!h.event.empty()) facts.push_back(h.event);
  if (!h.start.empty()) {
    std::string when = h.start.substr(0, 16);
    if (when.size() > 10) when[10] = ' ';
    facts.push_back(when);
  }
  if (!facts.empty()) std::printf("   %s\n", join(facts, " · ").c_str());
  if (h.offset || !h.link.empty()) {
    std::string at = h.offset ? s.green("at " + format_hms(*h.offset)) : "";
    std::string moment = h.moment && h.moment->title != h.title ? " \"" + h.moment->title + "\"" : "";
    std::printf("   %s%s%s%s\n", at.c_str(), moment.c_str(), at.empty() && moment.empty() ? "" : "  ",
                h.link.c_str());
  }
  std::string snippet = render_snippet(h.snippet, s);
  if (!snippet.empty() && h.snippet != h.title) std::printf("   %s\n", snippet.c_str());
}

int run_search(Context& ctx, const SearchArgs& args) {
  SearchOptions o;
  o.query = join(args.words, " ");
  o.limit = args.limit;
  o.offset = args.offset;
  o.match_any = args.any;
  if (trim(o.query).empty()) {
    error(ctx, "search: the query is empty");
    return kUsage;
  }
  Archive archive = ctx.archive();
  if (!archive.exists()) throw Error(archive.folder().string(), "no talkdex archive here (import something first, or pass --archive)");
  Searcher searcher(archive.search_databases());
  auto results = searcher.search(o);
  if (!results) {
    error(ctx, results.failure().message());
    return kUsage;
  }
  if (args.json) {
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& h : results->hits) hits.push_back(hit_json(h));
    nlohmann::json out = {{"query", o.query},
                          {"total", results->matches_estimated},
                          {"suggestion", results->suggestion.empty() ? nlohmann::json() : nlohmann::json(results->suggestion)},
                          {"hits", hits}};
    std::printf("%s\n", out.dump(2).c_str());
  } else {
    if (!results->suggestion.empty())
      std::fprintf(stderr, "did you mean: %s\n", ctx.err.bold(results->suggestion).c_str());
    std::size_t rank = o.offset;
    for (const auto& h : results->hits) print_hit(ctx, ++rank, h);
    if (results->hits.empty()) std::fprintf(stderr, "no talks match \"%s\"\n", o.query.c_str());
  }
  return results->hits.empty() ? kNothingFound : kOk;
}

}  // namespace

Handler setup_search(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<SearchArgs>();
  cmd.add_option("query", args->words,
                 "words, \"phrases\", -excluded, field:word (title, speaker, event, kind, chapter, abstract, said)")
      ->required();
  cmd.add_option("--limit,-n", args->limit, "how many talks to show")->check(CLI::Range(1, 10000));
  cmd.add_option("--offset", args->offset, "skip this many talks (for paging)");
  cmd.add_flag("--any", args->any, "match any word instead of all");
  cmd.add_flag("--json", args->json, "print the hits as JSON");
  return [&ctx, args] { return run_search(ctx, *args); };
}

}  // namespace talkdex::cli
