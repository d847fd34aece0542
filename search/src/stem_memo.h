// A stemmer that remembers the stems it made.
//
// A search stems every word of each hit's text to mark the query's words in its snippet (Xapian's
// MSet::snippet) and to find the matched word's moment: ten hits of about 60 words each, stemmed by
// Snowball each time, were a sixth of a search's instructions. Words repeat across hits and searches
// (a few are very common), so a Searcher keeps the stems it has made; a lookup costs a hash.
#pragma once

#include <xapian.h>

#include <cstddef>

namespace talkdex::search_detail {

// `stem` with a memory of at most `capacity` words (forgotten all at once when full). Like every part of
// a Searcher, not for two threads at once.
Xapian::Stem memoised(Xapian::Stem stem, std::size_t capacity = 50000);

}  // namespace talkdex::search_detail
