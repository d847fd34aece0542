// Writing the index: the incremental update by store revision (the full build is in index_build.cpp).
#include "talkdex/index.h"

#include <xapian.h>

#include <map>
#include <set>

#include "documents.h"
#include "fields.h"
#include "index_passages.h"
#include "index_write.h"
#include "talkdex/error.h"
#include "talkdex/store.h"

namespace talkdex {
namespace index_write {

void write_meta(Xapian::WritableDatabase& db, std::int64_t revision) {
  db.set_metadata(std::string(fields::kMetaStoreRevision), std::to_string(revision));
  db.set_metadata(std::string(fields::kMetaFormat), std::string(fields::kFormatVersion));
}

std::int64_t read_meta_revision(const Xapian::Database& db) {
  std::string v = db.get_metadata(std::string(fields::kMetaStoreRevision));
  return v.empty() ? -1 : std::stoll(v);
}

std::int64_t write_talk_group(Xapian::WritableDatabase& db, docs::DocumentMaker& maker, const TalkRow& talk,
                              const std::vector<TocRow>& items, Write how) {
  if (how == Write::kAdd) {
    db.add_document(maker.talk(talk, items));
    for (const auto& it : items) db.add_document(maker.item(it, &talk));
  } else {
    db.replace_document(docs::talk_id_term(talk.id), maker.talk(talk, items));
    for (const auto& it : items) db.replace_document(docs::item_id_term(it.id), maker.item(it, &talk));
  }
  return 1 + static_cast<std::int64_t>(items.size());
}

}  // namespace index_write

using namespace index_write;

std::int64_t indexed_revision(const std::filesystem::path& dir) {
  return with_xapian_errors(dir, [&] { return read_meta_revision(Xapian::Database(dir.string())); });
}

IndexInfo index_info(const std::filesystem::path& dir) {
  return with_xapian_errors(dir, [&] {
    Xapian::Database db(dir.string());
    IndexInfo info;
    info.documents = db.get_doccount();
    info.store_revision = read_meta_revision(db);
    info.xapian_revision = db.get_revision();
    info.format = db.get_metadata(std::string(fields::kMetaFormat));
    return info;
  });
}

bool index_is_updatable(const IndexInfo& info, std::int64_t store_revision) {
  return info.format == fields::kFormatVersion && info.store_revision >= 0 && info.store_revision <= store_revision;
}

IndexStats update_index(Store& store, const std::filesystem::path& dir) {
  return with_xapian_errors(dir, [&] {
    IndexStats stats;
    std::int64_t now = store.revision();
    stats.store_revision = now;
    // Up to date: return before opening for writing, which would take Xapian's own lock file.
    if (read_meta_revision(Xapian::Database(dir.string())) == now) return stats;

    Xapian::WritableDatabase db(dir.string(), Xapian::DB_OPEN);
    std::int64_t since = read_meta_revision(db);
    if (since == now) return stats;
    if (since < 0 || since > now) throw Error(dir.string(), "the index does not match this store: rebuild it");
    if (db.get_metadata(std::string(fields::kMetaFormat)) != fields::kFormatVersion)
      throw Error(dir.string(), "the index was written by another version of talkdex: rebuild it");

    // Which talks need their documents written again (the talk, one of its items or its event changed),
    // and which items without a talk.
    std::set<std::int64_t> talks;
    std::map<std::int64_t, TocRow> loose;
    for (auto id : store.talk_ids_changed_since(since)) talks.insert(id);
    for (auto id : store.talk_ids_of_events_changed_since(since)) talks.insert(id);
    for (auto& it : store.toc_items_changed_since(since)) {
      if (it.talk_id) talks.insert(*it.talk_id);
      else loose.emplace(it.id, std::move(it));
    }
    docs::DocumentMaker maker(db);
    auto talk_of_indexed_item = [&](std::int64_t item_id) -> std::optional<std::int64_t> {
      std::string term = docs::item_id_term(item_id);
      auto pl = db.postlist_begin(term);
      if (pl == db.postlist_end(term)) return std::nullopt;
      std::string v = db.get_document(*pl).get_value(fields::kTalkId);
      if (v.empty()) return std::nullopt;
      return std::stoll(v);
    };
    bool talk_removed = false;
    for (const auto& tomb : store.tombstones_since(since)) {
      if (tomb.table == "talks") {
        // The talk's items lose their talk: their documents are written again below as loose items.
        std::string group = docs::talk_group_term(tomb.id);
        std::vector<Xapian::docid> ids(db.postlist_begin(group), db.postlist_end(group));
        for (auto id : ids) {
          db.delete_document(id);
          ++stats.documents_deleted;
        }
        talks.insert(tomb.id);
        talk_removed = true;
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
      if (talk) {
        stats.documents_written += write_talk_group(db, maker, *talk, store.toc_items_for_talk(id));
      } else {
        std::string term = docs::talk_id_term(id);
        if (db.term_exists(term)) {
          db.delete_document(term);
          ++stats.documents_deleted;
        }
      }
    }
    // Items whose talk went away: written again without it.
    if (talk_removed) {
      store.for_each_loose_item([&](const TocRow& it) {
        if (!db.term_exists(docs::item_id_term(it.id))) loose.emplace(it.id, it);
      });
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
