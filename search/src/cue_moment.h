// The moment of a transcript hit: the cue of its passage that holds the words the query matched.
//
// A passage is about 30 seconds of speech, too long to jump to its start: the words searched for may be
// said 20 seconds later. The passage keeps where each cue's words begin in its text (CueTime); the
// matched terms are found again in the text, word by word as the indexer read it (accents folded, lower
// case, stemmed), and the cue holding most of them is the moment.
#pragma once

#include <xapian.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "talkdex/model.h"

namespace talkdex::cue_moment {

// The terms a hit matched, as the document holds them: exact words ("supermask") and stems ("supermask"
// from the term "Zsupermask"). Prefixed terms (fields, filters) are left out: a passage's words are
// unprefixed.
struct MatchedWords {
  std::set<std::string> exact;
  std::set<std::string> stems;
  bool empty() const { return exact.empty() && stems.empty(); }
};
MatchedWords matched_words(Xapian::TermIterator begin, Xapian::TermIterator end);

// The cue of `cues` (ascending by `at`) holding the most distinct matched words of `text`, the earliest
// of equals; nothing when no word of the text matches.
// `stems` are the stemmers of the index's languages (a passage was stemmed by one of them).
std::optional<CueTime> matched_cue(const std::string& text, const std::vector<CueTime>& cues,
                                   const MatchedWords& words, const std::vector<Xapian::Stem>& stems);

}  // namespace talkdex::cue_moment
