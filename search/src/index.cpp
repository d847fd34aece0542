// Writing the index: a full build into a new folder, and the incremental update by store revision.
#include "talkdex/index.h"

#include <xapian.h>

#include <map>
#include <set>

#include "documents.h"
#include "fields.h"
#include "index_passages.h"
#include "talkdex/error.h"
#include "talkdex/store.h"

namespace talkdex {
namespace {

void write_meta(Xapian::WritableDatabase& db, std::int64_t revision) {
  db.set_metadata(std::string(fields::kMetaStoreRevision), std::to_string(revision));
  db.set_metadata(std::string(fields::kMetaFormat), std::string(fields::kFormatVersion));
}

std::int64_t read_meta_revision(const Xapian::Database& db) {
  std::string v = db.get_metadata(std::string(fields::kMetaStoreRevision));
  return v.empty() ? -1 : std::stoll(v);
}

// Writes a talk's document and its items' documents.
std::int64_t write_talk_group(Xapian::WritableDatabase& db, docs::DocumentMaker& maker, const TalkRow& talk,
                              const std::vector<TocRow>& items) {
  db.replace_document(docs::talk_id_term(talk.id), maker.talk(talk, items));
  for (const auto& it : items) db.replace_document(docs::item_id_term(it.id), maker.item(it, &talk));
  return 1 + static_cast<std::int64_t>(items.size());
}

template <typename Fn>
auto with_xapian_errors(const std::filesystem::path& dir, Fn&& fn) {
  try {
    return fn();
  } catch (const Xapian::Error& e) {
    throw Error(dir.string(), "index: " + e.get_description());
  }
}

}  // namespace

IndexStats build_index(Store& store, const std::filesystem::path& dir) {
  return with_xapian_errors(dir, [&] {
    if (std::filesystem::exists(dir)) throw Error(dir.string(), "index folder exists already");
    IndexStats stats;
    // Read a consistent picture of the store: its revision first, then the rows (a later write only
    // makes the next update redo some documents).
    stats.store_revision = store.revision();
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE);
    docs::DocumentMaker maker(db);
    std::map<std::int64_t, std::vector<TocRow>> items_by_talk;
    std::vector<TocRow> loose;
    for (auto& it : store.toc_items()) {
      if (it.talk_id) items_by_talk[*it.talk_id].push_back(std::move(it));
      else loose.push_back(std::move(it));
    }
    static const std::vector<TocRow> kNone;
    for (const auto& t : store.talks()) {
      auto found = items_by_talk.find(t.id);
      stats.documents_written += write_talk_group(db, maker, t, found == items_by_talk.end() ? kNone : found->second);
    }
    for (const auto& it : loose) {
      db.replace_document(docs::item_id_term(it.id), maker.item(it, nullptr));
      ++stats.documents_written;
    }
    stats.documents_written += index_passages::write_all(db, maker, store);
    write_meta(db, stats.store_revision);
    db.commit();
    return stats;
  });
}

std::int64_t indexed_revision(const std::filesystem::path& dir) {
  return with_xapian_errors(dir, [&] { return read_meta_revision(Xapian::Database(dir.string())); });
}

IndexStats update_index(Store& store, const std::filesystem::path& dir) {
  return with_xapian_errors(dir, [&] {
    IndexStats stats;
    Xapian::WritableDatabase db(dir.string(), Xapian::DB_OPEN);
    std::int64_t since = read_meta_revision(db);
    std::int64_t now = store.revision();
    stats.store_revision = now;
    if (since == now) return stats;  // nothing changed: write nothing
    if (since < 0 || since > now) throw Error(dir.string(), "the index does not match this store: rebuild it");

    // Which talks need their documents written again, and which loose items.
    std::set<std::int64_t> talks;
    std::map<std::int64_t, TocRow> loose;
    for (const auto& t : store.talks_changed_since(since)) talks.insert(t.id);
    for (auto& it : store.toc_items_changed_since(since)) {
      if (it.talk_id) talks.insert(*it.talk_id);
      else loose.emplace(it.id, std::move(it));
    }
    docs::DocumentMaker maker(db);
    auto talk_of_indexed_item = [&](std::int64_t item_id) -> std::optional<std::int64_t> {
      auto pl = db.postlist_begin(docs::item_id_term(item_id));
      if (pl == db.postlist_end(docs::item_id_term(item_id))) return std::nullopt;
      std::string v = db.get_document(*pl).get_value(fields::kTalkId);
      if (v.empty()) return std::nullopt;
      return std::stoll(v);
    };
    for (const auto& tomb : store.tombstones_since(since)) {
      if (tomb.table == "talks") {
        // The talk's items lose their talk: their documents are rewritten below as loose items.
        std::string group = docs::talk_group_term(tomb.id);
        std::vector<Xapian::docid> ids(db.postlist_begin(group), db.postlist_end(group));
        for (auto id : ids) {
          db.delete_document(id);
          ++stats.documents_deleted;
        }
        talks.insert(tomb.id);
      } else if (tomb.table == "toc_items") {
        if (auto talk = talk_of_indexed_item(tomb.id)) talks.insert(*talk);
        std::string term = docs::item_id_term(tomb.id);
        if (db.term_exists(term)) {
          db.delete_document(term);
          ++stats.documents_deleted;
        }
      }
    }
    for (auto id : talks) {
      auto talk = store.talk(id);
      auto items = store.toc_items_for_talk(id);
      if (talk) {
        stats.documents_written += write_talk_group(db, maker, *talk, items);
      } else {
        std::string term = docs::talk_id_term(id);
        if (db.term_exists(term)) {
          db.delete_document(term);
          ++stats.documents_deleted;
        }
      }
    }
    // Items whose talk went away: written again without it.
    for (const auto& tomb : store.tombstones_since(since)) {
      if (tomb.table != "talks") continue;
      for (auto& it : store.toc_items()) {
        if (!it.talk_id && !db.term_exists(docs::item_id_term(it.id))) loose.emplace(it.id, std::move(it));
      }
      break;
    }
    for (const auto& [id, it] : loose) {
      db.replace_document(docs::item_id_term(id), maker.item(it, nullptr));
      ++stats.documents_written;
    }
    index_passages::update(db, maker, store, since, talks, stats);
    write_meta(db, now);
    db.commit();
    return stats;
  });
}

}  // namespace talkdex
