// Where a transcript hit opens when the captions time each word (YouTube's automatic captions): at the
// first word of the passage the query matched, instead of at the passage's start.
#pragma once

#include <xapian.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace talkdex::search_detail {

// The query's terms that match a word as the transcript indexes it: its words as written and their
// "Z" stems (prefixed field terms and boolean filters cannot match a passage's word and are left out).
std::set<std::string> word_terms(const Xapian::Query& query);

// The start of the first word of `text` (split at spaces, one start per word) that one of `terms`
// matches, as the indexer tokenises and stems it; nullopt when none does or the starts do not fit.
std::optional<double> first_matching_word(const std::string& text, const std::vector<double>& starts,
                                          const std::set<std::string>& terms, const Xapian::Stem& stem);

}  // namespace talkdex::search_detail
