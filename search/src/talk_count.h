// Counting the talks a query matches, exactly up to a limit, without Xapian's collapse.
//
// Issue 17 wants exact counts up to kExactTalkCount talks. Xapian counts grouped hits only by collapsing
// every match until it has seen that many talks (check_at_least), and it cannot skip documents by their
// weight until then: the collapse reads each document's key from the value stream, which cost more than
// the page of hits itself on a large archive. A TalkCounter counts instead, with boolean weights (no
// ranking), the talks of every matching document, and remembers which talk each document it met belongs
// to, so that a document is looked up in the value stream once for as long as the index does not change.
// A Searcher kept open (a server's, a benchmark's) therefore counts at the speed of reading the matching
// document numbers; a one-shot search pays the lookups once.
//
// For one local database only: remote shards count with Xapian's collapse (search.cpp).
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace talkdex::search_detail {

class TalkCounter {
 public:
  // How many groups (the values of `slot`; a document without one is a group of its own, as Xapian's
  // collapse counts it) have a document matching `query` in `db`.
  std::size_t count(const Xapian::Database& db, const Xapian::Query& query, Xapian::valueno slot);

 private:
  class Spy;
  // Forgets every document's group when `db` is not the revision (or the index) they were read from.
  void follow(const Xapian::Database& db);

  std::string uuid_;
  Xapian::rev revision_ = 0;
  std::vector<std::uint32_t> group_of_;                    // document id -> group number + 1; 0: not read
  std::unordered_map<std::string, std::uint32_t> groups_;  // a group's value -> its number
  std::vector<std::uint32_t> counted_in_;                  // group number -> the count that last saw it
  std::uint32_t counts_ = 0;
};

}  // namespace talkdex::search_detail
