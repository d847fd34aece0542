// A stemmer that remembers the stems it made.
//
// A search stems every word of each hit's text to mark the query's words in its snippet (Xapian's
// MSet::snippet) and to find the matched word's moment: ten hits of about 60 words each, stemmed by
// Snowball each time, were a sixth of a search's instructions. Words repeat across hits and searches
// (a few are very common), so a Searcher keeps the stems it has made; a lookup costs a hash.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <set>
#include <string>

namespace talkdex::search_detail {

// `stem` with a memory of at most `capacity` words (forgotten all at once when full). Like every part of
// a Searcher, not for two threads at once.
Xapian::Stem memoised(Xapian::Stem stem, std::size_t capacity = 50000);

// `english` (an English stemmer, memoised or not) for marking one query's words in its hits: a word that
// cannot stem to one of the "Z" stems among `terms` comes back as it is, without being stemmed. English
// stems (Porter2) begin with the word's first letter, so a word whose first byte begins none of the
// stems cannot match; that is most words of a hit's text, and stemming them was a tenth of a search.
// A word given back unstemmed cannot match a "Z" term either (it does not begin as one), so what
// Xapian's snippet and first_matching_word mark is unchanged. Not for the German stemmer, which turns
// "ü" into "u".
Xapian::Stem for_terms(Xapian::Stem english, const std::set<std::string>& terms);

}  // namespace talkdex::search_detail
