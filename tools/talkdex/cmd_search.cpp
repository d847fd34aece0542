// talkdex search QUERY: the best talks, each with the moment to jump to.
//
// On a terminal: a numbered listing, the matching words in bold colour (plain text elsewhere, and never
// with NO_COLOR). With --json: {"query", "total", "suggestion", "notes", "hits": [...], "facets"} where
// each hit has talk_id (this archive's talks only), key, shard and ref ("KEY@SHARD", what show, play and
// chapters take), title, speakers, event, kind, start, offset, link, score, moment and snippet (the
// matching text, HTML-escaped, the query's words between <mark> and </mark>).
// Exit codes: 0 hits, 1 nothing found, 2 a query that cannot be read (one line saying why), 3 when no
// index answered at all. A shard that is down or too slow is left out with one warning naming it and
// the search still exits 0 (README: "Shards"); "unreachable" in the JSON lists such shards.
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "cli.h"
#include "search_sources.h"
#include "talkdex/search.h"
#include "talkdex/search_json.h"
#include "talkdex/text.h"

namespace talkdex::cli {
namespace {

struct SearchArgs {
  std::vector<std::string> words;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool any = false;
  bool json = false;
  bool facets = false;
  unsigned shard_timeout_ms = 5000;
};

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// "<mark>x</mark>" to bold colour on a terminal, to nothing elsewhere; HTML entities back to text.
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

void print_hit(const Context& ctx, std::size_t rank, const Hit& h) {
  const Style& s = ctx.out;
  // This archive's talks by number; a remote shard's by KEY@SHARD (its numbers mean nothing here).
  std::string id = h.talk_id ? fmt::format("[{}]", *h.talk_id) : !h.shard.empty() && !h.key.empty() ? "[" + h.ref() + "]" : "";
  std::string number = std::to_string(rank) + ". ";
  print_line(ctx, number + s.bold(h.title) + " " + s.dim(id), number.size());
  std::vector<std::string> facts;
  if (!h.speakers.empty()) facts.push_back(join(h.speakers, ", "));
  if (!h.kind.empty()) facts.push_back(h.kind);
  if (!h.event.empty()) facts.push_back(h.event);
  if (!h.start.empty()) {
    std::string when = h.start.substr(0, 16);
    if (when.size() > 10) when[10] = ' ';
    facts.push_back(when);
  }
  if (!facts.empty()) print_line(ctx, "   " + shown(join(facts, " · ")), 3);
  if (h.offset || !h.link.empty()) {
    std::string at = h.offset ? s.green("at " + format_hms(*h.offset)) : "";
    std::string moment;
    if (h.moment && h.moment->source == "transcript") moment = " (said)";
    else if (h.moment && h.moment->title != h.title) moment = " \"" + h.moment->title + "\"";
    print_line(ctx, "   " + at + shown(moment) + (at.empty() && moment.empty() ? "" : "  ") + shown(h.link), 3);
  }
  // The snippet, unless it only repeats the title and speakers printed above.
  std::string plain = render_snippet(h.snippet, Style{});
  bool repeats = plain == h.title || plain == h.title + " — " + join(h.speakers, ", ");
  if (!plain.empty() && !repeats) print_line(ctx, "   " + render_snippet(shown(h.snippet), s), 3);
}

void print_facets(const Context& ctx, const SearchResults& r) {
  const std::size_t kShown = 8;
  std::printf("\n");
  for (const char* name : {"event", "kind", "year", "day", "track", "room", "speaker"}) {
    auto found = r.facets.find(name);
    if (found == r.facets.end() || found->second.empty()) continue;
    auto values = facet_by_count(found->second);
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < values.size() && i < kShown; ++i)
      parts.push_back(fmt::format("{} ({})", values[i].first, values[i].second));
    if (values.size() > kShown) parts.push_back(fmt::format("{} more", values.size() - kShown));
    std::printf("%s %s\n", ctx.out.bold(fmt::format("{:<8}", std::string(name) + ":")).c_str(),
                shown(join(parts, " · ")).c_str());
  }
}

// "--limit abc" says what the option takes, not CLI11's "Value abc not in range".
CLI::Validator whole_number(std::size_t lo, std::size_t hi) {
  return CLI::Validator(
      [lo, hi](std::string& v) -> std::string {
        std::size_t n = 0;
        auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (ec == std::errc() && end == v.data() + v.size() && n >= lo && n <= hi) return "";
        return fmt::format("{} is not a whole number from {} to {}", v, lo, hi);
      },
      fmt::format("{}..{}", lo, hi));
}

int run_search(Context& ctx, const SearchArgs& args) {
  SearchOptions o;
  o.query = join(args.words, " ");
  o.limit = args.limit;
  o.offset = args.offset;
  o.match_any = args.any;
  o.facets = args.facets;
  auto sources = search_sources(ctx);
  std::size_t source_count = sources.size();
  SearcherOptions so;
  so.remote_timeout = std::chrono::milliseconds(args.shard_timeout_ms);
  Searcher searcher(std::move(sources), so);
  auto results = searcher.search(o);
  if (!results) {
    error(ctx, results.failure().message());
    return kUsage;
  }
  const SearchResults& r = *results;
  for (const auto& shard : r.unreachable) warn(ctx, "shard " + shard + " left out: its talks are missing from these results");
  if (r.unreachable.size() == source_count) {
    error(ctx, "search: no index answered");
    return kFailed;
  }
  if (args.json) {
    nlohmann::json out = search_results_json(o, r);
    std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  } else {
    for (const auto& n : r.notes) warn(ctx, n);
    if (!r.showing.empty()) {
      std::fprintf(stderr, "no talks match \"%s\"; showing results for %s\n", shown(o.query).c_str(),
                   ctx.err.bold(r.showing).c_str());
    } else if (!r.suggestion.empty()) {
      std::fprintf(stderr, "did you mean: %s\n", ctx.err.bold(r.suggestion).c_str());
    }
    std::size_t rank = o.offset;
    for (const auto& h : r.hits) {
      if (rank > o.offset) std::printf("\n");
      print_hit(ctx, ++rank, h);
    }
    if (o.facets && !r.hits.empty()) print_facets(ctx, r);
    std::string total = fmt::format("{}{} {}", r.total_exact ? "" : "more than ", r.matches_estimated,
                                    r.matches_estimated == 1 && r.total_exact ? "talk" : "talks");
    if (r.hits.empty() && r.matches_estimated > 0) {
      std::fprintf(stderr, "--offset %zu is past the end: %s match \"%s\"\n", o.offset, total.c_str(),
                   shown(o.query).c_str());
    } else if (r.hits.empty()) {
      std::fprintf(stderr, "no talks match \"%s\"\n", shown(o.query).c_str());
    } else if (r.more) {
      std::fprintf(stderr, "%s\n",
                   ctx.err.dim(fmt::format("{}-{} of {}; --offset {} for more", o.offset + 1, rank, total, rank))
                       .c_str());
    }
  }
  return r.hits.empty() ? kNothingFound : kOk;
}

}  // namespace

Handler setup_search(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<SearchArgs>();
  cmd.add_option("query", args->words,
                 "words (all must match), \"a phrase\", -word or NOT word, word*, and fields:\n"
                 "  title: speaker: event: chapter: abstract: said: (the transcript)\n"
                 "filters, which do not change the ranking:\n"
                 "  kind:spotlight kind:\"invited talk\" lang:en year:2019 year:2019..2020\n"
                 "  date:2019-06-15 date:2019-06-01..2019-06-30 in:\"Event title\"\n"
                 "  in:ident* (an event title that begins so) eventid:N track:security room:\"Saal 1\"\n"
                 "every argument that is not one of the options below is a word of the query")
      ->required();
  cmd.add_option("--limit,-n", args->limit, "how many talks to show")->check(whole_number(1, 10000));
  cmd.add_option("--offset", args->offset, "skip this many talks (for paging)")->check(whole_number(0, 1000000));
  cmd.add_flag("--any", args->any, "match any word instead of all");
  cmd.add_flag("--facets", args->facets, "count the talks found by event, kind, year, day, track, room and speaker");
  cmd.add_flag("--json", args->json, "print the hits as JSON");
  cmd.add_option("--shard-timeout", args->shard_timeout_ms,
                 "milliseconds a remote shard may take to answer before it is left out")
      ->check(CLI::Range(10, 600000))
      ->capture_default_str();
  return [&ctx, args] { return run_search(ctx, *args); };
}

}  // namespace talkdex::cli
