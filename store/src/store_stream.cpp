// Store: streaming reads for building an index of a large store. A talk's people, links and items come
// from cursors that walk in talk-id order beside the talks' cursor (a merge join), so memory stays at one
// talk at a time and there is no query per talk.
#include <utility>

#include "sqlite.h"
#include "store_rows.h"
#include "talkdex/store.h"

namespace talkdex {
namespace {

// A statement over the rows of a talk-id range, ordered by talk id (column `key_column`).
class RangeCursor {
 public:
  RangeCursor(sql::Database& db, const std::string& sql, std::int64_t first, std::int64_t last, int key_column)
      : st_(db.handle(), sql), key_column_(key_column) {
    st_.bind(1, first).bind(2, last);
    advance();
  }
  bool valid() const { return valid_; }
  std::int64_t key() const { return st_.int64(key_column_); }
  const sql::Statement& row() const { return st_; }
  void advance() { valid_ = st_.step(); }
  // Skips rows of talks before `id` (rows whose talk is outside the talks cursor cannot exist, but a
  // merge join should not rely on that).
  bool at(std::int64_t id) {
    while (valid_ && key() < id) advance();
    return valid_ && key() == id;
  }

 private:
  sql::Statement st_;
  int key_column_;
  bool valid_ = false;
};

constexpr const char* kPeopleRange =
    "SELECT tp.talk_id, p.name, COALESCE(p.affiliation, ''), tp.role FROM talk_people tp "
    "JOIN people p ON p.id = tp.person_id WHERE tp.talk_id BETWEEN ?1 AND ?2 ORDER BY tp.talk_id, tp.ordinal";
constexpr const char* kLinksRange =
    "SELECT talk_id, url, COALESCE(title, ''), tocitem FROM links WHERE talk_id BETWEEN ?1 AND ?2 "
    "ORDER BY talk_id, ordinal";

}  // namespace

void Store::for_each_talk(std::int64_t first_id, std::int64_t last_id, const TalkVisitor& fn) {
  RangeCursor talks(*db_, std::string(rows::kTalkColumns) + "WHERE t.id BETWEEN ?1 AND ?2 ORDER BY t.id",
                    first_id, last_id, 0);
  RangeCursor people(*db_, kPeopleRange, first_id, last_id, 0);
  RangeCursor links(*db_, kLinksRange, first_id, last_id, 0);
  RangeCursor items(*db_,
                    std::string(rows::kTocColumns) +
                        "WHERE i.talk_id BETWEEN ?1 AND ?2 ORDER BY i.talk_id, i.recording_id, i.ordinal",
                    first_id, last_id, 3);
  TalkRow talk;
  std::vector<TocRow> talk_items;
  for (; talks.valid(); talks.advance()) {
    talk = rows::read_talk(talks.row());
    for (; people.at(talk.id); people.advance()) {
      const auto& r = people.row();
      talk.info.people.push_back({r.text(1), r.text(2), r.text(3)});
    }
    for (; links.at(talk.id); links.advance()) {
      const auto& r = links.row();
      Link l{r.text(1), r.text(2), std::nullopt};
      if (auto n = r.optional_int64(3)) l.tocitem = static_cast<int>(*n);
      talk.info.links.push_back(std::move(l));
    }
    talk_items.clear();
    for (; items.at(talk.id); items.advance()) talk_items.push_back(rows::read_toc(items.row()));
    fn(talk, talk_items);
  }
}

void Store::for_each_loose_item(const std::function<void(const TocRow&)>& fn) {
  sql::Statement st(db_->handle(),
                    std::string(rows::kTocColumns) + "WHERE i.talk_id IS NULL ORDER BY i.recording_id, i.ordinal");
  while (st.step()) fn(rows::read_toc(st));
}

std::vector<std::pair<std::int64_t, std::int64_t>> Store::talk_id_ranges(int parts) {
  auto& count = db_->cached("SELECT COUNT(*), MIN(id), MAX(id) FROM talks");
  count.step();
  std::int64_t n = count.int64(0), lo = count.int64(1), hi = count.int64(2);
  count.reset();
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  if (n == 0) return out;
  if (parts < 1) parts = 1;
  if (parts > n) parts = static_cast<int>(n);
  std::int64_t first = lo;
  auto& nth = db_->cached("SELECT id FROM talks ORDER BY id LIMIT 1 OFFSET ?1");
  for (int k = 1; k < parts; ++k) {
    nth.bind(1, n * k / parts);
    nth.step();
    std::int64_t start = nth.int64(0);
    nth.reset();
    out.emplace_back(first, start - 1);
    first = start;
  }
  out.emplace_back(first, hi);
  return out;
}

}  // namespace talkdex
