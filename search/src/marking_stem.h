// The stemmer a search marks its words with in each hit's text.
//
// A search stems every word of each hit's text to mark the query's words in its snippet (Xapian's
// MSet::snippet) and to find the matched word's moment: ten hits of about 60 words each, stemmed by
// Snowball each time, were a tenth of a served search. Most of those words cannot match.
#pragma once

#include <xapian.h>

#include <set>
#include <string>

namespace talkdex::search_detail {

// `english` (an English stemmer) for marking one query's words in its hits: a word that cannot stem to
// one of the "Z" stems among `terms` comes back as it is, without being stemmed. English stems (Porter2)
// begin with the word's first letter, so a word whose first byte begins none of the stems cannot match.
// A word given back unstemmed cannot match a "Z" term either (it does not begin as one), so what
// Xapian's snippet and first_matching_word mark is unchanged. Not for the German stemmer, which turns
// "ü" into "u".
Xapian::Stem for_terms(Xapian::Stem english, const std::set<std::string>& terms);

}  // namespace talkdex::search_detail
