// The stemmer a search marks its words with (marking_stem.h, for_terms): it stems only the words that could
// stem to one of the query's stems, and must mark exactly what Xapian's English stemmer marks.
#include <doctest/doctest.h>
#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "marking_stem.h"

using talkdex::search_detail::for_terms;

namespace {

// Words whose English stems change most: -y to -i, -ies, -ied, exceptions (skies, dying, news), y- at
// the start, inner apostrophes, digits, a non-ASCII first letter, and a capital.
const std::vector<std::string> kWords = {
    "skies",  "dying",   "lying",    "news",    "ugly",       "early",      "only",     "singly",
    "gently", "generate", "communism", "arsenal", "yelling",  "youth",      "yearly",   "cried",
    "ties",   "running", "runner",   "runs",    "generously", "university", "universe", "o'brien",
    "idly",   "atlas",   "cosmos",   "bias",    "andes",      "inning",     "outing",   "canning",
    "howe",   "proceed", "exceed",   "succeed", "42nd",       "über",       "éclair",   "Running",
    "a",      "by",      "sky",      "yes",     "zebras",     "quickly",    "quiet",    "xylophones"};

// Whether `stem` makes `word` match one of `terms` as Xapian's snippet asks: "Z" and the stem.
bool marks(const Xapian::Stem& stem, const std::string& word, const std::set<std::string>& terms) {
  std::string term(1, 'Z');  // appended: GCC 12 misreads `"Z" + std::string` (GCC bugs 105329, 105651)
  term += stem(word);
  return terms.count(term) > 0;
}

}  // namespace

TEST_CASE("an English stem begins with its word's first byte: what the marking stemmer relies on") {
  Xapian::Stem english("english");
  for (const auto& word : kWords) {
    if (word == "Running") continue;  // Xapian lowercases before stemming
    CAPTURE(word);
    std::string stem = english(word);
    REQUIRE(!stem.empty());
    CHECK(stem[0] == word[0]);
  }
}

TEST_CASE("the marking stemmer marks exactly the words the English stemmer marks") {
  Xapian::Stem english("english");
  // Queries as word_terms gives them: words as written and their "Z" stems.
  const std::vector<std::set<std::string>> queries = {
      {"run", "Zrun", "sky", "Zsky"},
      {"Zuniv", "Zgener"},
      {"Zdie", "Zli", "Znew", "Zugli"},
      {"Zyell", "Zyouth"},
      {"Zo'brien", "Z42nd"},
      {"Züber"},
      {"Zéclair", "Zxylophon"},
      {"news"},  // no stems at all: nothing is stemmed, and nothing marked through a stem
  };
  for (const auto& terms : queries) {
    Xapian::Stem marking = for_terms(english, terms);
    for (const auto& word : kWords) {
      CAPTURE(word);
      CHECK(marks(marking, word, terms) == marks(english, word, terms));
    }
  }
}

TEST_CASE("the marking stemmer leaves the words it need not stem as they are") {
  Xapian::Stem marking = for_terms(Xapian::Stem("english"), {"Zrun"});
  CHECK(marking("running") == "run");     // may match: stemmed
  CHECK(marking("Running") == Xapian::Stem("english")("Running"));  // a capital is let through
  CHECK(marking("generously") == "generously");  // cannot match: as it is
  CHECK(marking("") == "");
  CHECK(for_terms(Xapian::Stem(), {"Zrun"}).is_none());
}
