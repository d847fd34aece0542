#include "cue_moment.h"

#include <cctype>
#include <map>

#include "talkdex/text.h"

namespace talkdex::cue_moment {

MatchedWords matched_words(Xapian::TermIterator begin, Xapian::TermIterator end) {
  MatchedWords out;
  for (auto it = begin; it != end; ++it) {
    const std::string term = *it;
    if (term.empty()) continue;
    if (term.size() > 1 && term[0] == 'Z' && !std::isupper(static_cast<unsigned char>(term[1])))
      out.stems.insert(term.substr(1));
    else if (!std::isupper(static_cast<unsigned char>(term[0])))
      out.exact.insert(term);
  }
  return out;
}

std::optional<CueTime> matched_cue(const std::string& text, const std::vector<CueTime>& cues,
                                   const MatchedWords& words, const std::vector<Xapian::Stem>& stems) {
  if (cues.empty() || words.empty()) return std::nullopt;
  // The cue holding byte `at`: the last that begins at or before it.
  auto cue_of = [&](std::size_t at) {
    std::size_t i = 0;
    while (i + 1 < cues.size() && cues[i + 1].at <= at) ++i;
    return i;
  };
  std::map<std::size_t, std::set<std::string>> found;  // cue -> the matched words in it
  Xapian::Utf8Iterator it(text), end;
  while (it != end) {
    if (!Xapian::Unicode::is_wordchar(*it)) {
      ++it;
      continue;
    }
    std::size_t at = it.raw() - text.data();
    std::string word;
    while (it != end && (Xapian::Unicode::is_wordchar(*it) || *it == '\'')) Xapian::Unicode::append_utf8(word, *it++);
    std::string folded = Xapian::Unicode::tolower(fold_accents(word));
    bool matched = words.exact.count(folded) > 0;
    for (const auto& stem : stems) matched = matched || words.stems.count(stem(folded)) > 0;
    if (matched) found[cue_of(at)].insert(folded);
  }
  const std::pair<const std::size_t, std::set<std::string>>* best = nullptr;
  for (const auto& entry : found)
    if (!best || entry.second.size() > best->second.size()) best = &entry;
  if (!best) return std::nullopt;
  return cues[best->first];
}

}  // namespace talkdex::cue_moment
