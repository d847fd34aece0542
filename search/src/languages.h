// Talks in several languages: each document is stemmed by its language, and a query is read in every
// language of the index.
//
// A 38C3 schedule is mostly German: "Sicherheitslücken" must find "Sicherheitslücke", which only the
// German stemmer knows. The indexer stems a talk's documents with the stemmer of the talk's language
// (the schedule's `language`; a passage's own language first), English when Xapian has none for it. A
// query is parsed once per language the index holds (its lang: filter terms) and the readings are
// joined with OP_MAX, so a talk counts by its best reading; the exact words keep their bonus on top.
// German spellings without umlauts (ue, oe, ae; ß is folded to ss everywhere) are indexed beside the
// words that have them, so "ueberwachung" finds "Überwachung".
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace talkdex::languages {

// The stemmer of a language code or name ("de", "deu", "German"); English when Xapian has none for it.
Xapian::Stem stemmer_for(std::string_view language);

// The languages of the documents of `db` (the values of its lang: terms) that stem differently from
// English, each once, English first. Never empty.
std::vector<std::string> of_index(const Xapian::Database& db);

// The words of `text` that hold ä, ö or ü (either case), spelt with ae, oe and ue instead, one space
// apart; "" when there are none.
std::string umlaut_spellings(std::string_view text);

}  // namespace talkdex::languages
