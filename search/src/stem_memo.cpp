#include "stem_memo.h"

#include <array>
#include <cctype>
#include <string>
#include <unordered_map>

namespace talkdex::search_detail {
namespace {

class MemoStem : public Xapian::StemImplementation {
 public:
  MemoStem(Xapian::Stem stem, std::size_t capacity) : stem_(std::move(stem)), capacity_(capacity) {}

  std::string operator()(const std::string& word) override {
    if (auto found = stems_.find(word); found != stems_.end()) return found->second;
    if (stems_.size() >= capacity_) stems_.clear();
    return stems_.emplace(word, stem_(word)).first->second;
  }

  std::string get_description() const override { return "memoised " + stem_.get_description(); }

 private:
  Xapian::Stem stem_;
  std::size_t capacity_;
  std::unordered_map<std::string, std::string> stems_;
};

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

Xapian::Stem memoised(Xapian::Stem stem, std::size_t capacity) {
  if (stem.is_none()) return stem;  // no stemming: nothing to remember
  return Xapian::Stem(new MemoStem(std::move(stem), capacity));
}

}  // namespace talkdex::search_detail
