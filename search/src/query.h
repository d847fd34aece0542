// Reading what people type into a Xapian query.
//
// The language is Xapian's QueryParser with the fields and filters of fields.h: words must all match
// (or any, with match_any), "phrases", -word and NOT, word* wildcards, field:word for the free-text
// fields, and filters (kind:, year:, date:, lang:, in:, eventid:) that select without changing the rank.
// Ranges: year:2019..2020, year:..2018, date:2019-06-01..2019-06-30, date:2019-06. Accents are folded
// and English stems match, with the exact word weighted a little higher (fields.h, kExactBoost).
//
// Bad input is read sensibly where it can be, with a note saying how (bytes that are not UTF-8 are left
// out; an unclosed quote runs to the end; AND/OR/NOT that do not parse are read as words); where it
// cannot, a Failure names the query and the reason (too long, an unknown field, nothing to search for).
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/limits.h"

namespace talkdex::query {

// Longer queries are refused rather than cut: a cut query would silently search for something else.
inline constexpr std::size_t kMaxQueryBytes = limits::kMaxQueryBytes;

struct Parsed {
  Xapian::Query query;
  std::vector<std::string> notes;  // how the query was read, when not exactly as written
};

// How a failure names the query: `query "TEXT"`, the text cut to about 60 bytes of valid UTF-8.
std::string item_name(const std::string& text);

// Xapian QueryParsers set up for one database, one for each way a query is read (stemmed in a language
// or not, AND or OR), kept between queries: setting one up (its fields, filters and ranges) cost a
// served search 2% of its time, more than parsing a short query. Not for two threads at once (a
// Searcher's). Built again when the Searcher opens another database; a reopen of the same one is seen.
class Parsers {
 public:
  explicit Parsers(const Xapian::Database& db);
  ~Parsers();
  Parsers(Parsers&&) noexcept;
  Parsers& operator=(Parsers&&) noexcept;

  const Xapian::Database& database() const;

 private:
  friend Result<Parsed> parse(Parsers&, const std::string&, bool, const std::vector<std::string>&);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `index_languages`: the index's, from languages::of_index(db), each reading of the words stemmed by one. The
// caller keeps them: finding them walks a filter's posting list, which costs more than a short search.
Result<Parsed> parse(Parsers& parsers, const std::string& text, bool match_any,
                     const std::vector<std::string>& index_languages);

// The query with its words that are not in the index replaced by the closest ones that are (Xapian's
// spelling data), or "" when there is nothing to correct. Looking for suggestions costs more than the
// search itself on a large index, so the Searcher asks only when a search finds few talks.
// With `stats`, the MSet of the search just run, whether a word is in the index is read from its
// statistics (gathered from every shard during the match) instead of asking each database again: over
// remote shards that is a round trip per word and shard saved.
std::string spelling_correction(const Xapian::Database& db, const std::string& text, bool match_any,
                                const Xapian::MSet* stats = nullptr);

// The query's words apart from its filters (kind:, year:, date:, lang:, in:, eventid:), each part as
// typed: {"datenschutz", "lang:en"} for "lang:en datenschutz".
std::pair<std::string, std::string> split_filters(const std::string& text);

// The field and filter names a query may use, for messages and --help.
std::vector<std::string> field_names();

}  // namespace talkdex::query
