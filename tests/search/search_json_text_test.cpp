// search_results_json_text writes exactly what nlohmann writes for search_results_json: the API's answers
// do not change with the faster writer.
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "talkdex/search_json.h"

using namespace talkdex;

namespace {

std::string by_nlohmann(const SearchOptions& o, const SearchResults& r) {
  return search_results_json(o, r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Hit full_hit() {
  Hit h;
  h.talk_id = 42;
  h.key = "38c3/abc";
  h.title = "Quotes \" and \\ backslash, tab\t, bell\x07, DEL\x7f, ünïcödé, 𝄞, <mark>";
  h.speakers = {"Ada \"the\" Lovelace", "Grace\nHopper"};
  h.event = "38C3";
  h.kind = "talk";
  h.start = "2024-12-28T11:00:00";
  h.offset = 1234.5678;
  h.link = "https://media.example/a.mp4#t=1234";
  h.moment = Moment{"Chapter \x01 one", 1234.5678, "transcript"};
  h.snippet = "… a <mark>heron</mark> by the water …";
  h.score = 12.345678901234567;
  h.percent = 87;
  return h;
}

}  // namespace

TEST_CASE("the JSON text of a search is byte for byte nlohmann's") {
  SearchOptions o;
  o.query = "heron \"by the water\" said:reeds";
  SearchResults r;
  r.hits.push_back(full_hit());
  Hit bare;  // nothing known: nulls and empty lists
  bare.score = 3;  // a whole number: nlohmann writes 3.0
  r.hits.push_back(bare);
  Hit odd = full_hit();
  odd.shard = "east";
  odd.talk_id.reset();
  odd.moment.reset();
  odd.offset = 0.0001;
  odd.score = 1e-07;
  r.hits.push_back(odd);
  r.matches_estimated = 10001;
  r.total_exact = false;
  r.more = true;
  r.suggestion = "heron";
  r.showing = "heron";
  r.notes = {"a quote is not closed", "x\ty"};
  r.unreachable = {"west (tcp://127.0.0.1:1: refused)"};
  CHECK(search_results_json_text(o, r) == by_nlohmann(o, r));

  SUBCASE("with facets, the values most talks first") {
    o.facets = true;
    r.facets["event"] = {{"38C3", 3}, {"rC3", 7}, {"\"quoted\"", 7}};
    r.facets["year"] = {{"2024", 1}};
    r.facets["speaker"] = {};
    CHECK(search_results_json_text(o, r) == by_nlohmann(o, r));
  }
  SUBCASE("nothing found") {
    SearchResults none;
    CHECK(search_results_json_text(o, none) == by_nlohmann(o, none));
  }
  SUBCASE("a score that is not a number is null in both") {
    r.hits[0].score = std::numeric_limits<double>::quiet_NaN();
    CHECK(search_results_json_text(o, r) == by_nlohmann(o, r));
  }
  SUBCASE("text that is not UTF-8 is replaced as nlohmann replaces it") {
    r.hits[0].title = "bad \xff\xfe bytes, cut \xe2\x82 and overlong \xc0\xaf, surrogate \xed\xa0\x80";
    std::string text = search_results_json_text(o, r);
    CHECK(text == by_nlohmann(o, r));
    CHECK(text.find("\xef\xbf\xbd") != std::string::npos);  // U+FFFD
  }
}
