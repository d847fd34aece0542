#include "talkdex/search_json.h"

#include <algorithm>

#include "talkdex/text.h"

namespace talkdex {
namespace {

nlohmann::json hit_json(const Hit& h) {
  auto opt = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  auto text_or_null = [](const std::string& v) { return v.empty() ? nlohmann::json() : nlohmann::json(v); };
  nlohmann::json j = {{"talk_id", opt(h.talk_id)},
                      {"key", text_or_null(h.key)},
                      {"shard", text_or_null(h.shard)},
                      {"ref", text_or_null(h.ref())},
                      {"title", h.title},
                      {"speakers", h.speakers},
                      {"event", h.event},
                      {"kind", h.kind},
                      {"start", h.start.empty() ? nlohmann::json() : nlohmann::json(h.start)},
                      {"offset", h.offset ? nlohmann::json(round_ms(*h.offset)) : nlohmann::json()},
                      {"link", h.link.empty() ? nlohmann::json() : nlohmann::json(h.link)},
                      {"score", h.score},
                      {"snippet", h.snippet},
                      {"moment", nullptr}};
  if (h.moment) j["moment"] = {{"title", h.moment->title}, {"offset", round_ms(h.moment->offset)}, {"source", h.moment->source}};
  return j;
}

}  // namespace

std::vector<std::pair<std::string, std::size_t>> facet_by_count(const std::map<std::string, std::size_t>& counts) {
  std::vector<std::pair<std::string, std::size_t>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return v;
}

nlohmann::json search_results_json(const SearchOptions& o, const SearchResults& r) {
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : r.hits) hits.push_back(hit_json(h));
  nlohmann::json out = {{"query", sanitize_utf8(o.query)},
                        {"total", r.matches_estimated},
                        {"total_exact", r.total_exact},
                        {"more", r.more},
                        {"showing", r.showing.empty() ? nlohmann::json() : nlohmann::json(r.showing)},
                        {"suggestion", r.suggestion.empty() ? nlohmann::json() : nlohmann::json(r.suggestion)},
                        {"notes", r.notes},
                        {"unreachable", r.unreachable},
                        {"hits", hits}};
  if (o.facets) {
    nlohmann::json facets = nlohmann::json::object();
    for (const auto& [name, counts] : r.facets) {
      nlohmann::json values = nlohmann::json::array();
      for (const auto& [value, count] : facet_by_count(counts)) values.push_back({{"value", value}, {"count", count}});
      facets[name] = values;
    }
    out["facets"] = facets;
  }
  return out;
}

nlohmann::json indexed_talk_json(const IndexedTalk& t) {
  const Hit& h = t.talk;
  nlohmann::json toc = nlohmann::json::array();
  for (const auto& i : t.items)
    toc.push_back({{"start", i.offset ? nlohmann::json(*i.offset) : nlohmann::json()},
                   {"title", i.moment ? i.moment->title : i.title},
                   {"source", i.moment ? i.moment->source : ""},
                   {"link", i.link}});
  return {{"ref", h.ref()},
          {"key", h.key},
          {"shard", h.shard},
          {"title", h.title},
          {"speakers", h.speakers},
          {"event", h.event},
          {"kind", h.kind},
          {"start", h.start.empty() ? nlohmann::json() : nlohmann::json(h.start)},
          {"link", h.link.empty() ? nlohmann::json() : nlohmann::json(h.link)},
          {"toc", toc}};
}

}  // namespace talkdex
