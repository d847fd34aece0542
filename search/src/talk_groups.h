// Grouping a search's matches by talk without reading the index's value stream at each search.
//
// Xapian groups matches by a value (set_collapse_key): for every matching document it reads that value
// from the value stream, which at 100,000 talks made the slowest searches (p99) almost twice as slow
// (bench_search: 5.38 against 3.05 ms). A Searcher kept
// for many searches (serve's) can instead read every document's talk once per index revision into
// memory (TalkGroups, shared by the Searchers of one process) and group with a match spy that sees each
// matching document's id and weight (GroupingSpy). Ranked as Xapian ranks collapsed matches: a talk by
// its best document, higher weight first, then lower document id; a document of no talk is a group of
// its own. Only for one local database: remote shards number their documents apart.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace talkdex::search_detail {

// Every document's talk (its collapse value) in one revision of one local index.
class TalkGroups {
 public:
  // The groups of `db` (one local database) at its current revision: read from its value stream when no
  // Searcher of this process holds them yet (150 ms at 1.1 million documents), else shared. Throws
  // what Xapian throws (DatabaseModifiedError when a commit replaced the revision while reading).
  static std::shared_ptr<const TalkGroups> of(const Xapian::Database& db, Xapian::valueno slot);

  // Whether these are the groups of `db` as it is now (same index, same revision).
  bool current(const Xapian::Database& db) const;

  // The talk of document `id`, numbered from 1; 0 when the document has no talk or is not known.
  std::uint32_t talk_of(Xapian::docid id) const { return id < talk_of_doc_.size() ? talk_of_doc_[id] : 0; }
  // The collapse value of talk `talk` (from talk_of, not 0).
  const std::string& key(std::uint32_t talk) const { return keys_[talk - 1]; }
  // What document `id` is grouped by: its talk's number, or, for a document of no talk, its own id
  // above every talk number (a group of its own, as the collapse leaves it).
  std::uint64_t group_of(Xapian::docid id) const {
    std::uint32_t talk = talk_of(id);
    return talk ? talk : (std::uint64_t{1} << 32) + id;
  }
  // The talk key of document `id`, null for a document of no talk.
  const std::string* key_of(Xapian::docid id) const {
    std::uint32_t talk = talk_of(id);
    return talk ? &key(talk) : nullptr;
  }

 private:
  std::string uuid_;
  Xapian::rev revision_ = 0;
  std::vector<std::uint32_t> talk_of_doc_;
  std::vector<std::string> keys_;
};

// A matching document: its id, weight and talk key ("" for none).
struct GroupedMatch {
  Xapian::docid id = 0;
  double weight = 0;
  const std::string* key = nullptr;  // owned by the TalkGroups; null when the document has no talk
};

// Sees every document the match considers and keeps each talk's best. Not for remote databases (a
// spy there would have to be serialised and the groups are local).
class GroupingSpy : public Xapian::MatchSpy {
 public:
  explicit GroupingSpy(const TalkGroups& groups) : groups_(groups) {}
  void operator()(const Xapian::Document& doc, double weight) override;

  std::size_t documents_seen() const { return seen_; }
  std::size_t groups() const { return best_.size(); }
  // The talks' best documents in rank order, the first `count` (all when fewer).
  std::vector<GroupedMatch> ranked(std::size_t count) const;

 private:
  const TalkGroups& groups_;
  std::size_t seen_ = 0;
  std::unordered_map<std::uint64_t, GroupedMatch> best_;  // by talk, or by document for one of no talk
};

}  // namespace talkdex::search_detail
