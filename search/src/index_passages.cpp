#include "index_passages.h"

#include <optional>

namespace talkdex::index_passages {
namespace {

// The talk of the passage in hand. Passages come by recording and time, so consecutive ones mostly share
// a talk: one talk is kept, not all of them.
class TalkCache {
 public:
  explicit TalkCache(Store& store) : store_(store) {}
  const TalkRow* get(const std::optional<std::int64_t>& id) {
    if (!id) return nullptr;
    if (!talk_ || talk_->id != *id) {
      talk_ = store_.talk(*id);
      if (!talk_) return nullptr;
    }
    return &*talk_;
  }

 private:
  Store& store_;
  std::optional<TalkRow> talk_;
};

}  // namespace

void add_all(Xapian::WritableDatabase& db, docs::DocumentMaker& maker, Store& store, const std::function<void()>& wrote) {
  TalkCache talks(store);
  store.scan_passages([&](const PassageRow& p) {
    db.add_document(maker.passage(p, talks.get(p.talk_id)));
    wrote();
  });
}

void update(Xapian::WritableDatabase& db, docs::DocumentMaker& maker, Store& store, std::int64_t since,
            const std::set<std::int64_t>& talks, IndexStats& stats) {
  for (const auto& tomb : store.tombstones_since(since)) {
    if (tomb.table != "passages") continue;
    std::string term = docs::passage_id_term(tomb.id);
    if (db.term_exists(term)) {
      db.delete_document(term);
      ++stats.documents_deleted;
    }
  }
  TalkCache cache(store);
  std::set<std::int64_t> written;
  for (const auto& p : store.passages_changed_since(since)) {
    db.replace_document(docs::passage_id_term(p.id), maker.passage(p, cache.get(p.talk_id)));
    written.insert(p.id);
  }
  for (auto id : talks) {
    auto talk = store.talk(id);
    if (!talk) continue;
    for (const auto& p : store.passages_for_talk(id)) {
      if (!written.insert(p.id).second) continue;
      db.replace_document(docs::passage_id_term(p.id), maker.passage(p, &*talk));
    }
  }
  stats.documents_written += static_cast<std::int64_t>(written.size());
}

}  // namespace talkdex::index_passages
