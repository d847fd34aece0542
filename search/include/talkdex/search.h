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
// Shards: a Searcher opens the archive's own index and remote shards (SearchSource) as one Xapian
// database (Database::add_database), so one ranking covers them all. A remote shard that is down or does
// not answer within SearcherOptions::remote_timeout is left out, named in SearchResults::unreachable; a
// shard's later addresses (its replicas) are tried before that. One that answers something that is not
// Xapian's remote protocol throws talkdex::Error naming it. Hits carry the talk's stable key and the shard
// they came from (Hit::ref(), "KEY@SHARD"), never another store's talk number.
// Errors: a query that cannot be read (too long, an unknown field, a bad filter value, nothing to search
// for) comes back as a Failure naming the query; queries that can be read leniently are, with a note in
// SearchResults::notes. A database that cannot be opened throws talkdex::Error naming it. A search that
// meets a concurrent commit reopens and retries.
#pragma once

#include <chrono>
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
  std::optional<std::int64_t> talk_id;  // the talk's number in this archive's store; none for a remote shard
  std::string key;                      // the talk's stable key (guid, pretalx code, ...); "" for no talk
  std::string shard;                    // the shard it came from; "" for the archive's own index
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
  // "KEY" for a talk of the archive's own index, "KEY@SHARD" for one of a remote shard: unique across
  // shards, and what show, play and chapters accept. "" when the hit belongs to no talk.
  std::string ref() const { return key.empty() || shard.empty() ? key : key + "@" + shard; }
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
  // Shards left out because none of their addresses answered: "NAME (ADDRESS: reason)".
  std::vector<std::string> unreachable;
};

// An index a Searcher opens.
struct SearchSource {
  std::string name;                    // "" for the archive's own index, else the shard's name
  std::vector<std::string> addresses;  // a folder or stub file, or "tcp://HOST:PORT" copies in order
};

struct SearcherOptions {
  // How long a remote shard may take to connect and to answer before it is left out.
  std::chrono::milliseconds remote_timeout{5000};
  // Group matches by talk with every document's talk held in memory (read once per index revision,
  // 150 ms and 11 MiB at 1.1 million documents by bench_search, shared by the process's Searchers) instead of
  // reading each match's talk from the index: at 100,000 talks (bench_search) a search takes 14% less
  // time on average, the slowest (p99) 43% less. For a Searcher kept for
  // many searches (serve's); answers are the same. Used for the archive's own index when it is the
  // only source.
  bool group_in_memory = false;
  // How many talks are counted exactly (kExactTalkCount); fewer only to test what lies past it.
  std::size_t exact_talks = kExactTalkCount;
};

// What an index holds of one talk: enough to show a talk of a remote shard whose store is elsewhere.
struct IndexedTalk {
  Hit talk;                 // title, speakers, event, kind, start, link and best moment
  std::vector<Hit> items;   // its table of contents by offset: each item's title in moment, its link
};

// The field and filter names a query may use.
std::vector<std::string> search_fields();

class Searcher {
 public:
  // Opens every database; throws talkdex::Error when one cannot be opened. A Searcher may be kept for
  // many searches: each sees the latest commit, and a stub switched by `rebuild` is followed.
  explicit Searcher(std::vector<std::string> databases);
  // The archive's own index and remote shards, searched as one.
  Searcher(std::vector<SearchSource> sources, SearcherOptions options);
  ~Searcher();
  Searcher(Searcher&&) noexcept;

  Result<SearchResults> search(const SearchOptions& options);

  // The talk with this stable key on the named source ("" for the archive's own index), from what its
  // index holds; a Failure naming "talk KEY@SHARD" when it has none or the shard is unreachable.
  Result<IndexedTalk> talk(const std::string& key, const std::string& shard);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace talkdex
