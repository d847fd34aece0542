#include "languages.h"

#include <algorithm>

#include "fields.h"

namespace talkdex::languages {

Xapian::Stem stemmer_for(std::string_view language) {
  std::string name = Xapian::Unicode::tolower(std::string(language));
  if (name.empty()) return Xapian::Stem("english");
  try {
    return Xapian::Stem(name);  // Xapian knows ISO 639 codes ("de") and English names ("german")
  } catch (const Xapian::InvalidArgumentError&) {
    return Xapian::Stem("english");
  }
}

std::vector<std::string> of_index(const Xapian::Database& db) {
  std::vector<std::string> out = {"english"};
  std::vector<std::string> seen = {Xapian::Stem("english").get_description()};
  std::string prefix;
  for (const auto& f : fields::kBoolean)
    if (f.name == "lang") prefix = f.prefix;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    std::string code = (*it).substr(prefix.size());
    std::string description = stemmer_for(code).get_description();
    if (std::find(seen.begin(), seen.end(), description) != seen.end()) continue;
    seen.push_back(description);
    out.push_back(code);
  }
  return out;
}

std::string umlaut_spellings(std::string_view text) {
  std::string out;
  Xapian::Utf8Iterator it(text.data(), text.size()), end;
  while (it != end) {
    if (!Xapian::Unicode::is_wordchar(*it)) {
      ++it;
      continue;
    }
    std::string word;
    bool umlaut = false;
    for (; it != end && Xapian::Unicode::is_wordchar(*it); ++it) {
      unsigned ch = *it;
      switch (ch) {
        case 0xE4: case 0xC4: word += ch == 0xE4 ? "ae" : "Ae"; umlaut = true; break;
        case 0xF6: case 0xD6: word += ch == 0xF6 ? "oe" : "Oe"; umlaut = true; break;
        case 0xFC: case 0xDC: word += ch == 0xFC ? "ue" : "Ue"; umlaut = true; break;
        default: Xapian::Unicode::append_utf8(word, ch);
      }
    }
    if (umlaut) out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

}  // namespace talkdex::languages
