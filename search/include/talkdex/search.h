// Searching one or more Xapian indexes.
//
// A Searcher opens the given databases together (local folders, stub files, or "tcp://HOST:PORT" for a
// shard served by xapian-tcpsrv) and answers queries in Xapian's query language with the fields of
// fields.h (title:, speaker:, event:, kind:, chapter:, said:, slide:, year:, lang:), English stemming
// and accent folding. Hits are grouped by talk: each talk once, with its best matching moment.
// Errors: a query Xapian cannot parse comes back as a Failure naming the query; a database that cannot
// be opened throws talkdex::Error naming it. A search that meets a concurrent commit reopens and retries.
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
  bool facets = false;     // count the whole result set by event, kind, year and speaker
};

// Where a hit jumps to: a chapter, a schedule slot or a transcript passage.
struct Moment {
  std::string title;
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

struct SearchResults {
  std::vector<Hit> hits;
  std::size_t matches_estimated = 0;  // talks (after grouping), estimated
  std::string suggestion;             // "did you mean", empty when none
  // facet name -> value -> count, when SearchOptions::facets
  std::map<std::string, std::map<std::string, std::size_t>> facets;
};

class Searcher {
 public:
  // Opens every database; throws talkdex::Error when one cannot be opened.
  explicit Searcher(std::vector<std::string> databases);
  ~Searcher();
  Searcher(Searcher&&) noexcept;

  Result<SearchResults> search(const SearchOptions& options);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace talkdex
