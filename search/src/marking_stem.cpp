#include "marking_stem.h"

#include <array>
#include <cctype>
#include <string>

namespace talkdex::search_detail {
namespace {

class TermStem : public Xapian::StemImplementation {
 public:
  TermStem(Xapian::Stem stem, const std::set<std::string>& terms) : stem_(std::move(stem)) {
    for (const auto& t : terms) {
      if (t.size() < 2 || t[0] != 'Z') continue;
      auto first = static_cast<unsigned char>(t[1]);
      begins_[first] = true;
      // Xapian lowercases a word before stemming it; its upper case is let through all the same.
      begins_[static_cast<unsigned char>(std::toupper(first))] = true;
    }
  }

  std::string operator()(const std::string& word) override {
    if (word.empty() || !begins_[static_cast<unsigned char>(word[0])]) return word;
    return stem_(word);
  }

  std::string get_description() const override { return "for terms " + stem_.get_description(); }

 private:
  Xapian::Stem stem_;
  std::array<bool, 256> begins_{};
};

}  // namespace

Xapian::Stem for_terms(Xapian::Stem english, const std::set<std::string>& terms) {
  if (english.is_none()) return english;
  return Xapian::Stem(new TermStem(std::move(english), terms));
}

}  // namespace talkdex::search_detail
