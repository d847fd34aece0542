// Search results as JSON, the one shape that `talkdex search --json` prints and `talkdex serve` answers
// at /api/search: {"query", "total", "more", "suggestion", "notes", "hits": [...], "facets"} where each
// hit has talk_id, title, speakers, event, kind, start, offset, link, score, snippet and moment. "facets"
// is there only when options.facets: name -> [{"value", "count"}], most talks first.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "talkdex/search.h"

namespace talkdex {

nlohmann::json search_results_json(const SearchOptions& options, const SearchResults& results);

// The same as compact text: exactly search_results_json(...).dump() with invalid UTF-8 replaced, written
// without building the tree first (a server writes one per search).
std::string search_results_json_text(const SearchOptions& options, const SearchResults& results);

// A talk of a remote shard as its index holds it, the shape `talkdex show --json KEY@SHARD` prints and
// `talkdex serve` answers at /api/talks/KEY@SHARD: {"ref", "key", "shard", "title", "speakers", "event",
// "kind", "start", "link", "toc": [{"start", "title", "source", "link"}]}.
nlohmann::json indexed_talk_json(const IndexedTalk& talk);

// A facet's values, most talks first (ties in the map's order).
std::vector<std::pair<std::string, std::size_t>> facet_by_count(const std::map<std::string, std::size_t>& counts);

}  // namespace talkdex
