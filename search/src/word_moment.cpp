#include "word_moment.h"

#include <cctype>

#include "talkdex/text.h"

namespace talkdex::search_detail {

std::set<std::string> word_terms(const Xapian::Query& query) {
  std::set<std::string> out;
  for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
    const std::string& term = *t;
    if (term.empty()) continue;
    unsigned char c = static_cast<unsigned char>(term[0]);
    if (c == 'Z' && term.size() > 1 && !std::isupper(static_cast<unsigned char>(term[1]))) out.insert(term);
    else if (!std::isupper(c)) out.insert(term);
  }
  return out;
}

std::optional<double> first_matching_word(const std::string& text, const std::vector<double>& starts,
                                          const std::set<std::string>& terms, const Xapian::Stem& stem) {
  std::vector<std::string> tokens;
  for (const auto& t : split(text, ' '))
    if (!t.empty()) tokens.push_back(t);
  if (tokens.size() != starts.size() || terms.empty()) return std::nullopt;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    // The token's words as Xapian's term generator cuts them: letters, digits and inner apostrophes.
    std::string folded = to_lower_ascii(fold_accents(tokens[i]));
    std::string word;
    auto matches = [&] {
      if (word.empty()) return false;
      if (terms.count(word)) return true;
      // Built by appending: GCC 12 misreads `"Z" + std::string` (GCC bugs 105329, 105651).
      std::string stemmed(1, 'Z');
      stemmed += stem(word);
      return terms.count(stemmed) > 0;
    };
    for (std::size_t k = 0; k <= folded.size(); ++k) {
      unsigned char c = k < folded.size() ? static_cast<unsigned char>(folded[k]) : ' ';
      if (std::isalnum(c) || c >= 0x80 || (c == '\'' && !word.empty())) {
        word += static_cast<char>(c);
        continue;
      }
      while (!word.empty() && word.back() == '\'') word.pop_back();
      if (matches()) return starts[i];
      word.clear();
    }
  }
  return std::nullopt;
}

}  // namespace talkdex::search_detail
