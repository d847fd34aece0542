#include "stem_memo.h"

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

}  // namespace

Xapian::Stem memoised(Xapian::Stem stem, std::size_t capacity) {
  if (stem.is_none()) return stem;  // no stemming: nothing to remember
  return Xapian::Stem(new MemoStem(std::move(stem), capacity));
}

}  // namespace talkdex::search_detail
