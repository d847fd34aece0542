#include "talk_count.h"

namespace talkdex::search_detail {

// Sees every matching document (Xapian calls a match spy before any grouping) and counts its group the
// first time this count meets it.
class TalkCounter::Spy : public Xapian::MatchSpy {
 public:
  Spy(TalkCounter& counter, Xapian::valueno slot) : c_(counter), slot_(slot), serial_(++counter.counts_) {}

  void operator()(const Xapian::Document& doc, double) override {
    Xapian::docid id = doc.get_docid();
    if (id >= c_.group_of_.size()) c_.group_of_.resize(id + 1, 0);
    std::uint32_t& group = c_.group_of_[id];
    if (group == 0) {
      std::string value = doc.get_value(slot_);
      if (value.empty()) {  // no group: counted on its own, as Xapian's collapse does
        ++groups;
        return;
      }
      auto [at, added] = c_.groups_.try_emplace(std::move(value), static_cast<std::uint32_t>(c_.groups_.size()));
      group = at->second + 1;
    }
    if (group > c_.counted_in_.size()) c_.counted_in_.resize(group, 0);
    std::uint32_t& seen = c_.counted_in_[group - 1];
    if (seen != serial_) {
      seen = serial_;
      ++groups;
    }
  }

  std::string name() const override { return "talkdex::TalkCounter"; }

  std::size_t groups = 0;

 private:
  TalkCounter& c_;
  Xapian::valueno slot_;
  std::uint32_t serial_;
};

void TalkCounter::follow(const Xapian::Database& db) {
  std::string uuid = db.get_uuid();
  Xapian::rev revision = db.get_revision();
  if (uuid == uuid_ && revision == revision_) return;
  // Another commit may have given a document another talk (a recording moved to another talk keeps its
  // passages' document ids): everything is read again.
  uuid_ = std::move(uuid);
  revision_ = revision;
  group_of_.clear();
  groups_.clear();
  counted_in_.clear();
  counts_ = 0;
}

std::size_t TalkCounter::count(const Xapian::Database& db, const Xapian::Query& query, Xapian::valueno slot) {
  follow(db);
  if (counts_ == UINT32_MAX) {  // the serials would wrap: start again
    counted_in_.assign(counted_in_.size(), 0);
    counts_ = 0;
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Spy spy(*this, slot);
  enquire.add_matchspy(&spy);
  // No hits are wanted, but every match must be seen: at least as many as the database holds.
  enquire.get_mset(0, 0, db.get_doccount());
  return spy.groups;
}

}  // namespace talkdex::search_detail
