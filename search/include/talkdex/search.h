// Searching one or more Xapian indexes.
//
// A Searcher opens the given databases together (local folders, stub files, or "tcp://HOST:PORT" for a
// shard served by xapian-tcpsrv) and answers queries:
//  - all words must match (or any, with match_any); "phrases"; -word and NOT; word* wildcards;
//  - free-text fields title:, speaker:, event:, chapter:, abstract:, said: (the transcript), slide:;
//  - filters that select without changing the ranking: kind:spotlight, kind:"invited talk", lang:en,
//    year:2019, year:2019..2020, date:2019-06-15, date:2019-06-01..2019-06-30, in:"Event title" (that
//    event exactly; in:ident* for a title that begins so), eventid:N (the store's event number),
//    track:security, room:"Saal 1" (the schedule's track and room, folded like kind:);
//  - English stemming (the exact word ranks a little higher) and accent folding (Müller finds Muller).
// A match in a title counts more than in speakers, then chapters, then abstracts, then transcripts.
// Hits are grouped by talk: each talk once, with its best matching moment (a chapter or a transcript
// passage) and the link that opens the recording there.
// Errors: a query that cannot be read (too long, an unknown field, a bad filter value, nothing to search
// for) comes back as a Failure naming the query; queries that can be read leniently are, with a note in
// SearchResults::notes. A database that cannot be opened throws talkdex::Error naming it. A search that
// meets a concurrent commit reopens and retries.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "talkdex/error.h"

namespace talkdex {

struct SearchOptions {
  std::string query;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool match_any = false;  // OR instead of AND between words
  bool facets = false;     // count the whole result set by event, kind, year, speaker, track, room and day
};

// Where a hit jumps to: a chapter, a schedule slot or a transcript passage.
struct Moment {
  std::string title;   // the chapter's title, or the passage's first words
  double offset = 0;
  std::string source;  // schedule, embedded, file, detected, manual, transcript
};

struct Hit {
  std::optional<std::int64_t> talk_id;
  std::string title;
  std::vector<std::string> speakers;
  std::string event;
  std::string kind;
  std::string start;              // ISO 8601 local time, empty when unknown
  std::optional<double> offset;   // seconds into the recording
  std::string link;               // opens the recording at the offset; empty when none
  std::optional<Moment> moment;
  std::string snippet;            // the matching text, terms between <mark> and </mark> (HTML-escaped)
  double score = 0;               // Xapian's weight
  int percent = 0;
};

// How many talks are counted exactly; past this a search says "more than N" (Xapian's check_at_least).
inline constexpr std::size_t kExactTalkCount = 10000;

struct SearchResults {
  std::vector<Hit> hits;
  std::size_t matches_estimated = 0;  // talks (after grouping): exact up to kExactTalkCount, see total_exact
  bool total_exact = true;            // false: more than matches_estimated talks match
  bool more = false;                  // there are talks after this page (known, not estimated)
  std::string suggestion;             // "did you mean": the query with misspelt words corrected, or empty
  // When the query found nothing and its suggestion found talks, the hits are the suggestion's and this is
  // the suggestion ("showing results for ..."); otherwise empty.
  std::string showing;
  std::vector<std::string> notes;     // how the query was read when not exactly as written, and hints
  // "event", "kind", "year", "speaker", "track", "room", "day" -> value -> number of talks, with facets
  std::map<std::string, std::map<std::string, std::size_t>> facets;
};

// The field and filter names a query may use.
std::vector<std::string> search_fields();

class Searcher {
 public:
  // Opens every database; throws talkdex::Error when one cannot be opened. A Searcher may be kept for
  // many searches: each sees the latest commit, and a stub switched by `rebuild` is followed.
  explicit Searcher(std::vector<std::string> databases);
  ~Searcher();
  Searcher(Searcher&&) noexcept;

  Result<SearchResults> search(const SearchOptions& options);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace talkdex
