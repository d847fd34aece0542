// Store: opening, revisions, sources and the transactional writes.
#include "talkdex/store.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "schema.h"
#include "sqlite.h"
#include "store_rows.h"
#include "talkdex/error.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

using rows::read_revision;
using rows::write_revision;


// A source id, or NULL for 0 (a write that no source made: a recording's own talk).
std::optional<std::int64_t> optional_id(std::int64_t id) { return id ? std::optional<std::int64_t>(id) : std::nullopt; }

// Talk people compare by name and role only: affiliations live on the person, not on the talk.
bool same_people(const std::vector<PersonRef>& a, const std::vector<PersonRef>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (person_key(a[i].name) != person_key(b[i].name) || a[i].role != b[i].role) return false;
  }
  return true;
}

bool same_talk(const TalkInfo& a, const TalkInfo& b) {
  return a.key == b.key && a.title == b.title && a.subtitle == b.subtitle && a.kind == b.kind &&
         a.start == b.start && a.end == b.end && a.abstract == b.abstract && a.url == b.url && a.room == b.room &&
         a.track == b.track && a.language == b.language && a.links == b.links && a.schedule_id == b.schedule_id &&
         a.slug == b.slug && same_people(a.people, b.people);
}

bool same_event(const EventInfo& a, const EventInfo& b) {
  return a.key == b.key && a.title == b.title && a.kind == b.kind && a.venue == b.venue && a.room == b.room &&
         a.date == b.date && a.start == b.start && a.end == b.end && a.abstract == b.abstract && a.url == b.url &&
         same_people(a.organizers, b.organizers);
}

// One row per person, matched by the normalised name; a known affiliation fills an empty one.
std::int64_t upsert_person(sql::Database& db, const PersonRef& p) {
  std::string key = person_key(p.name);
  auto& find = db.cached("SELECT id, affiliation FROM people WHERE name_key = ?1");
  find.bind(1, key);
  if (find.step()) {
    std::int64_t id = find.int64(0);
    bool fill = find.is_null(1) && !p.affiliation.empty();
    find.reset();
    if (fill) db.cached("UPDATE people SET affiliation = ?2 WHERE id = ?1").bind(1, id).bind(2, p.affiliation).run();
    return id;
  }
  find.reset();
  db.cached("INSERT INTO people(name, name_key, affiliation) VALUES (?1, ?2, ?3)")
      .bind(1, collapse_space(p.name))
      .bind(2, key)
      .bind_text_or_null(3, p.affiliation)
      .run();
  return db.last_insert_rowid();
}

std::int64_t write_event(sql::Database& db, const EventInfo& e, std::int64_t source_id, std::int64_t rev,
                         bool& changed) {
  auto id = db.query_one("SELECT id FROM events WHERE key = ?1", sql::first_int64, e.key);
  if (id) {
    auto old = rows::load_event(db, *id);
    if (old && same_event(old->info, e)) {
      for (const auto& p : e.organizers) upsert_person(db, p);  // may fill affiliations
      return *id;
    }
  }
  changed = true;
  using sql::or_null;
  const std::int64_t event_id = *db.query_one(
      "INSERT INTO events(key, source_id, title, kind, venue, room, date, start, end, abstract, url, rev) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
      "ON CONFLICT(key) DO UPDATE SET source_id = excluded.source_id, title = excluded.title, "
      "kind = excluded.kind, venue = excluded.venue, room = excluded.room, date = excluded.date, "
      "start = excluded.start, end = excluded.end, abstract = excluded.abstract, url = excluded.url, "
      "rev = excluded.rev RETURNING id",
      sql::first_int64, e.key, optional_id(source_id), e.title, or_null(e.kind), or_null(e.venue), or_null(e.room),
      or_null(e.date), or_null(e.start), or_null(e.end), or_null(e.abstract), or_null(e.url), rev);
  db.cached("DELETE FROM event_people WHERE event_id = ?1").bind(1, event_id).run();
  int ordinal = 0;
  for (const auto& p : e.organizers) {
    std::int64_t pid = upsert_person(db, p);
    db.cached("INSERT OR IGNORE INTO event_people(event_id, person_id, role, ordinal, affiliation) "
              "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, event_id).bind(2, pid).bind(3, p.role).bind(4, ordinal++).bind_text_or_null(5, p.affiliation)
        .run();
  }
  return event_id;
}

// Returns true when the talk was added or changed.
bool write_talk(sql::Database& db, const TalkInfo& t, std::int64_t event_id, std::int64_t source_id,
                std::int64_t rev, ImportSummary& summary) {
  auto id = db.query_one("SELECT id FROM talks WHERE key = ?1", sql::first_int64, t.key);
  if (id) {
    auto old = rows::load_talk(db, *id);
    if (old && old->event_id == event_id && same_talk(old->info, t)) {
      for (const auto& p : t.people) upsert_person(db, p);
      ++summary.talks_unchanged;
      return false;
    }
    ++summary.talks_updated;
  } else {
    ++summary.talks_added;
  }
  using sql::or_null;
  const std::int64_t talk_id = *db.query_one(
      "INSERT INTO talks(key, event_id, source_id, title, subtitle, kind, start, end, abstract, url, room, "
      "track, language, rev, schedule_id, slug) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
      "ON CONFLICT(key) DO UPDATE SET event_id = excluded.event_id, source_id = excluded.source_id, "
      "title = excluded.title, subtitle = excluded.subtitle, kind = excluded.kind, start = excluded.start, "
      "end = excluded.end, abstract = excluded.abstract, url = excluded.url, room = excluded.room, "
      "track = excluded.track, language = excluded.language, rev = excluded.rev, "
      "schedule_id = excluded.schedule_id, slug = excluded.slug RETURNING id",
      sql::first_int64, t.key, event_id, optional_id(source_id), t.title, or_null(t.subtitle), or_null(t.kind),
      or_null(t.start), or_null(t.end), or_null(t.abstract), or_null(t.url), or_null(t.room), or_null(t.track),
      or_null(t.language), rev, or_null(t.schedule_id), or_null(t.slug));
  db.cached("DELETE FROM talk_people WHERE talk_id = ?1").bind(1, talk_id).run();
  int ordinal = 0;
  for (const auto& p : t.people) {
    std::int64_t pid = upsert_person(db, p);
    db.cached("INSERT OR IGNORE INTO talk_people(talk_id, person_id, role, ordinal) VALUES (?1, ?2, ?3, ?4)")
        .bind(1, talk_id).bind(2, pid).bind(3, p.role).bind(4, ordinal++).run();
  }
  db.cached("DELETE FROM links WHERE talk_id = ?1").bind(1, talk_id).run();
  ordinal = 0;
  for (const auto& l : t.links) {
    db.cached("INSERT INTO links(talk_id, ordinal, url, title, tocitem) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, talk_id).bind(2, ordinal++).bind(3, l.url).bind_text_or_null(4, l.title).bind(5, l.tocitem)
        .run();
  }
  return true;
}

std::optional<std::int64_t> talk_id_for_key(sql::Database& db, const std::string& key) {
  if (key.empty()) return std::nullopt;
  auto id = db.query_one("SELECT id FROM talks WHERE key = ?1", sql::first_int64, key);
  return id;
}

// Detected items at the place of an item of another source (within kDetectedYieldSeconds) give way to
// it: they are removed, and their slide text and thumbnail go to the winner when it has none. Returns
// how many rows changed.
int yield_detected_items(sql::Database& db, std::int64_t recording_id, std::int64_t rev) {
  struct Item {
    std::int64_t id;
    double start;
    bool detected;
    std::string slide_text, thumbnail;
  };
  std::vector<Item> items = db.query_all(
      "SELECT id, start, source = 'detected', COALESCE(slide_text, ''), COALESCE(thumbnail, '') FROM toc_items "
      "WHERE recording_id = ?1 ORDER BY start",
      [](const sql::Statement& st) { return Item{st.int64(0), st.real(1), st.int64(2) != 0, st.text(3), st.text(4)}; },
      recording_id);
  int changed = 0;
  for (const Item& d : items) {
    if (!d.detected) continue;
    Item* winner = nullptr;
    for (Item& o : items)
      if (!o.detected && std::abs(o.start - d.start) <= kDetectedYieldSeconds &&
          (!winner || std::abs(o.start - d.start) < std::abs(winner->start - d.start)))
        winner = &o;
    if (!winner) continue;
    db.cached("DELETE FROM toc_items WHERE id = ?1").bind(1, d.id).run();
    ++changed;
    const bool text = winner->slide_text.empty() && !d.slide_text.empty();
    const bool thumb = winner->thumbnail.empty() && !d.thumbnail.empty();
    if (!text && !thumb) continue;
    if (text) winner->slide_text = d.slide_text;
    if (thumb) winner->thumbnail = d.thumbnail;
    db.cached("UPDATE toc_items SET slide_text = ?2, thumbnail = ?3, rev = ?4 WHERE id = ?1")
        .bind(1, winner->id).bind_text_or_null(2, winner->slide_text).bind_text_or_null(3, winner->thumbnail)
        .bind(4, rev).run();
  }
  return changed;
}

// How much a source's items are trusted: the user's own, the schedule, the recording's embedded
// chapters, a chapter file, slide detection.
int source_rank(const std::string& source) {
  static const char* const order[] = {kTocManual, kTocSchedule, kTocEmbedded, kTocFile, kTocDetected};
  for (int i = 0; i < 5; ++i)
    if (source == order[i]) return i;
  return 5;
}

// Whether the recording has one of its own (embedded) chapters starting at `start`, to the millisecond.
bool embedded_item_at(sql::Database& db, std::int64_t recording_id, double start) {
  auto& st = db.cached(
      "SELECT 1 FROM toc_items WHERE recording_id = ?1 AND source = 'embedded' AND abs(start - ?2) < 0.0005");
  st.bind(1, recording_id).bind(2, start);
  bool found = st.step();
  st.reset();
  return found;
}

// The same item from two sources (the same start to the millisecond and the same title: a chapter file
// exported from the recording's own chapters) is one item, of the higher-ranked source. With `retitles`
// (the chapter file is such an export: each of its items starts where an embedded one does), a file
// item with another title is that embedded item with its title corrected by the user: the embedded item
// takes the title, and keeps its place and number. Returns whether `e` gives way to a stored item;
// stored items that give way to `e` are deleted, and changed rows are counted in `changed`.
bool merge_same_item(sql::Database& db, std::int64_t recording_id, const TocEntry& e, bool retitles,
                     std::int64_t rev, int& changed) {
  auto& st = db.cached(
      "SELECT id, source, title FROM toc_items WHERE recording_id = ?1 AND source <> ?2 AND source <> 'detected' "
      "AND abs(start - ?3) < 0.0005 ORDER BY id");
  st.bind(1, recording_id).bind(2, e.source).bind(3, e.start);
  bool yields = false;
  std::vector<std::int64_t> lower;
  std::optional<std::int64_t> retitle;
  while (st.step()) {
    if (st.text(2) != e.title) {
      if (retitles && st.text(1) == kTocEmbedded && !retitle) retitle = st.int64(0);
      continue;
    }
    if (source_rank(st.text(1)) < source_rank(e.source)) yields = true;
    else lower.push_back(st.int64(0));
  }
  st.reset();
  if (yields) return true;
  if (retitle && lower.empty()) {
    db.cached("UPDATE toc_items SET title = ?2, rev = ?3, talk_id = COALESCE(?4, talk_id) WHERE id = ?1")
        .bind(1, *retitle).bind(2, e.title).bind(3, rev).bind(4, talk_id_for_key(db, e.talk_key)).run();
    ++changed;
    return true;
  }
  for (auto id : lower) {
    db.cached("DELETE FROM toc_items WHERE id = ?1").bind(1, id).run();
    ++changed;
  }
  return false;
}

// Writes a recording's items: entries are matched by key; items of the sources in `replaced` that the
// new list does not have are deleted. An entry that is a stored item of another source (merge_same_item)
// is written once, by the higher-ranked source. Returns how many rows changed.
int write_items(sql::Database& db, std::int64_t recording_id, const std::vector<TocEntry>& items,
                const std::set<std::string>& replaced, std::int64_t rev) {
  int changed = 0;
  std::set<std::string> keep;
  const bool retitles = !items.empty() && std::all_of(items.begin(), items.end(), [&](const TocEntry& e) {
    return e.source == kTocFile && embedded_item_at(db, recording_id, e.start);
  });
  for (const auto& e : items) {
    if (e.source != kTocDetected && merge_same_item(db, recording_id, e, retitles, rev, changed)) continue;
    keep.insert(e.key);
    std::optional<std::int64_t> talk_id = talk_id_for_key(db, e.talk_key);
    auto& find = db.cached(
        "SELECT start, end, title, source, confidence, alias, talk_id, COALESCE(slide_text, ''), "
        "COALESCE(thumbnail, '') FROM toc_items WHERE recording_id = ?1 AND key = ?2");
    find.bind(1, recording_id).bind(2, e.key);
    bool same = false;
    if (find.step()) {
      same = find.real(0) == e.start && find.optional_real(1) == e.end && find.text(2) == e.title &&
             find.text(3) == e.source && find.real(4) == e.confidence &&
             find.optional_int64(5) == (e.alias ? std::optional<std::int64_t>(*e.alias) : std::nullopt) &&
             find.optional_int64(6) == talk_id && (e.slide_text.empty() || find.text(7) == e.slide_text) &&
             (e.thumbnail.empty() || find.text(8) == e.thumbnail);
    }
    find.reset();
    if (same) continue;
    ++changed;
    // An entry without slide text or thumbnail keeps the stored ones: only slide detection knows them.
    db.cached(
          "INSERT INTO toc_items(recording_id, key, talk_id, ordinal, start, end, title, source, confidence, "
          "alias, rev, slide_text, thumbnail) VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
          "ON CONFLICT(recording_id, key) DO UPDATE SET talk_id = excluded.talk_id, start = excluded.start, "
          "end = excluded.end, title = excluded.title, source = excluded.source, "
          "confidence = excluded.confidence, alias = excluded.alias, rev = excluded.rev, "
          "slide_text = COALESCE(excluded.slide_text, slide_text), "
          "thumbnail = COALESCE(excluded.thumbnail, thumbnail)")
        .bind(1, recording_id).bind(2, e.key).bind(3, talk_id).bind(4, e.start).bind(5, e.end)
        .bind(6, e.title).bind(7, e.source).bind(8, e.confidence).bind(9, e.alias).bind(10, rev)
        .bind_text_or_null(11, e.slide_text).bind_text_or_null(12, e.thumbnail)
        .run();
  }
  for (const auto& source : replaced) {
    auto& old = db.cached("SELECT id, key FROM toc_items WHERE recording_id = ?1 AND source = ?2");
    old.bind(1, recording_id).bind(2, source);
    std::vector<std::int64_t> gone;
    while (old.step()) {
      if (!keep.count(old.text(1))) gone.push_back(old.int64(0));
    }
    old.reset();
    for (auto id : gone) {
      db.cached("DELETE FROM toc_items WHERE id = ?1").bind(1, id).run();
      ++changed;
    }
  }
  changed += yield_detected_items(db, recording_id, rev);
  if (changed) {
    db.cached(
          "UPDATE toc_items SET ordinal = (SELECT COUNT(*) FROM toc_items t2 WHERE t2.recording_id = "
          "toc_items.recording_id AND (t2.start < toc_items.start OR (t2.start = toc_items.start AND t2.id < "
          "toc_items.id))) WHERE recording_id = ?1")
        .bind(1, recording_id)
        .run();
  }
  return changed;
}

// A recording's own talk (own_talk_key), and that talk's event when it holds nothing else (no source
// made it): for a recording that is removed, or attached to another talk. Returns whether there was one.
bool remove_own_talk(sql::Database& db, const std::string& uri) {
  auto own = talk_id_for_key(db, own_talk_key(uri));
  if (!own) return false;
  auto talk = rows::load_talk(db, *own);
  db.cached("DELETE FROM talks WHERE id = ?1").bind(1, *own).run();
  if (talk)
    db.cached("DELETE FROM events WHERE id = ?1 AND source_id IS NULL AND NOT EXISTS "
              "(SELECT 1 FROM talks WHERE event_id = ?1) AND NOT EXISTS (SELECT 1 FROM recordings WHERE event_id = ?1)")
        .bind(1, talk->event_id)
        .run();
  return true;
}

std::int64_t upsert_recording(sql::Database& db, const RecordingInfo& r, std::optional<std::int64_t> event_id,
                              std::optional<std::int64_t> talk_id, const std::string& container,
                              const std::string& probe_json, std::int64_t rev, bool& changed) {
  auto old = rows::load_recording_by_uri(db, r.uri);
  if (old && old->event_id == event_id && old->talk_id == talk_id &&
      (!r.wallclock_start || old->wallclock_start == r.wallclock_start) &&
      (!r.duration || old->duration == r.duration) && (container.empty() || old->container == container) &&
      (probe_json.empty() || old->probe_json == probe_json)) {
    return old->id;
  }
  changed = true;
  return *db.query_one(
      "INSERT INTO recordings(uri, event_id, talk_id, wallclock_start, duration, container, probe_json, rev) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
      "ON CONFLICT(uri) DO UPDATE SET event_id = excluded.event_id, talk_id = excluded.talk_id, "
      "wallclock_start = COALESCE(excluded.wallclock_start, wallclock_start), "
      "duration = COALESCE(excluded.duration, duration), container = COALESCE(excluded.container, container), "
      "probe_json = COALESCE(excluded.probe_json, probe_json), rev = excluded.rev RETURNING id",
      sql::first_int64, r.uri, event_id, talk_id, r.wallclock_start, r.duration, sql::or_null(container),
      sql::or_null(probe_json), rev);
}

void write_source(sql::Database& db, const SourceRecord& s) {
  db.cached(
        "INSERT INTO sources(uri, kind, content_hash, etag, last_modified, fetched_at, status, error, parent_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(uri) DO UPDATE SET kind = excluded.kind, "
        "parent_id = excluded.parent_id, "
        "content_hash = COALESCE(excluded.content_hash, content_hash), "
        "etag = COALESCE(excluded.etag, etag), last_modified = COALESCE(excluded.last_modified, last_modified), "
        "fetched_at = excluded.fetched_at, status = excluded.status, error = excluded.error")
      .bind(1, s.uri).bind(2, s.kind).bind_text_or_null(3, s.content_hash).bind_text_or_null(4, s.etag)
      .bind_text_or_null(5, s.last_modified).bind(6, s.fetched_at.empty() ? now_utc_iso() : s.fetched_at)
      .bind_text_or_null(7, s.status).bind_text_or_null(8, s.error)
      .bind(9, s.parent_id ? std::optional<std::int64_t>(s.parent_id) : std::nullopt)
      .run();
}

std::int64_t source_id(sql::Database& db, const std::string& uri) {
  return db.query_one("SELECT id FROM sources WHERE uri = ?1", sql::first_int64, uri).value_or(0);
}

}  // namespace

Store::Store(const std::filesystem::path& file) {
  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  if (ec) throw Error(file.parent_path().string(), "cannot create the folder: " + ec.message());
  db_ = std::make_unique<sql::Database>(file.string());
  migrate(*db_);
}

Store Store::open_read_only(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) throw Error(file.string(), "no store here");
  // A store in WAL mode is read through its -shm file, which a reader must be able to create or write.
  // In a folder the reader cannot write (a read-only archive, another user's) it opens as immutable:
  // without locks or the WAL, which is right where nobody can write either.
  auto uri = [](const std::filesystem::path& p, bool immutable) {
    std::string out = "file:";
    for (unsigned char c : p.string()) {
      if (std::isalnum(c) || c == '/' || c == '.' || c == '-' || c == '_') out += static_cast<char>(c);
      else out += fmt::format("%{:02X}", c);
    }
    return immutable ? out + "?immutable=1" : out + "?mode=ro";
  };
  Store store;
  bool writable_folder = ::access(file.parent_path().c_str(), W_OK) == 0 && ::access(file.c_str(), W_OK) == 0;
  store.db_ = std::make_unique<sql::Database>(uri(file, !writable_folder), true);
  auto& st = store.db_->cached("PRAGMA user_version");
  st.step();
  int current = static_cast<int>(st.int64(0));
  st.reset();
  // An older store where it can be written is upgraded as any command would.
  if (current < schema_version() && writable_folder) return Store(file);
  if (current != schema_version())
    throw Error(file.string(), current > schema_version()
                                   ? fmt::format("written by a newer talkdex (schema {}, this one knows {})", current,
                                                 schema_version())
                                   : "the store is of an older talkdex and cannot be upgraded where it cannot be "
                                     "written: run a writing command (talkdex index) where it can");
  return store;
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

sql::Database& Store::database() { return *db_; }

std::filesystem::path Store::file() const {
  const char* name = sqlite3_db_filename(db_->handle(), "main");
  return name ? std::filesystem::path(name) : std::filesystem::path();
}

std::int64_t Store::revision() { return read_revision(*db_); }

std::optional<SourceRecord> Store::source(const std::string& uri) { return rows::load_source(*db_, uri); }
std::vector<SourceRecord> Store::sources() { return rows::load_sources(*db_); }
std::vector<SourceRecord> Store::child_sources(std::int64_t parent_id) {
  return rows::load_child_sources(*db_, parent_id);
}

std::optional<std::int64_t> Store::talk_source_id(const std::string& key) {
  auto id = db_->query_one("SELECT COALESCE(source_id, 0) FROM talks WHERE key = ?1", sql::first_int64, key);
  return id;
}

void Store::record_source_attempt(const SourceRecord& source) {
  sql::Transaction tx(*db_);
  write_source(*db_, source);
  tx.commit();
}

ImportSummary Store::import_schedule(const SourceRecord& source, const Schedule& schedule, bool prune) {
  if (schedule.event.key.empty()) throw Error(source.uri, "the schedule has no event key");
  sql::Transaction tx(*db_);
  rows::RevisionBump bump(*db_);
  const std::int64_t rev = bump.rev();

  write_source(*db_, source);
  std::int64_t sid = source_id(*db_, source.uri);

  ImportSummary summary;
  bool changed = false;
  summary.event_id = write_event(*db_, schedule.event, sid, rev, changed);

  std::set<std::string> keys;
  for (const auto& t : schedule.talks) {
    if (!keys.insert(t.key).second) throw Error(source.uri, "two talks share the id " + t.key);
    write_talk(*db_, t, summary.event_id, sid, rev, summary);
  }
  // Talks of this source and event that left the schedule.
  auto& old = db_->cached("SELECT id, key FROM talks WHERE source_id = ?1 AND event_id = ?2");
  old.bind(1, sid).bind(2, summary.event_id);
  std::vector<std::int64_t> gone;
  while (old.step()) {
    ++summary.talks_before;
    if (!keys.count(old.text(1))) gone.push_back(old.int64(0));
  }
  old.reset();
  summary.kept_as_partial = !prune && gone.size() >= 2 && gone.size() * 2 > static_cast<std::size_t>(summary.talks_before);
  auto& attached = db_->cached(
      "SELECT 1 FROM recordings WHERE talk_id = ?1 AND container IS NOT NULL AND container <> '' LIMIT 1");
  for (auto id : gone) {
    bool keep = summary.kept_as_partial;
    if (!keep && !prune) {
      attached.bind(1, id);
      keep = attached.step();
      attached.reset();
    }
    if (keep) {
      ++summary.talks_kept;
      continue;
    }
    db_->cached("DELETE FROM talks WHERE id = ?1").bind(1, id).run();
    ++summary.talks_removed;
  }

  for (const auto& r : schedule.recordings) {
    std::optional<std::int64_t> talk_id = talk_id_for_key(*db_, r.talk_key);
    std::int64_t rid = upsert_recording(*db_, r, summary.event_id, talk_id, "", "", rev, changed);
    std::set<std::string> replaced = {kTocSchedule};
    summary.items_written += write_items(*db_, rid, r.items, replaced, rev);
  }

  bump.finish(summary.changed() || changed);
  tx.commit();
  return summary;
}

std::int64_t Store::put_recording(const RecordingInfo& recording, const RecordingPlacement& placement) {
  sql::Transaction tx(*db_);
  rows::RevisionBump bump(*db_);
  const std::int64_t rev = bump.rev();
  bool changed = false;
  std::int64_t id = upsert_recording(*db_, recording, placement.event_id, placement.talk_id, placement.container,
                                     placement.probe_json, rev, changed);
  // Attached to another talk (import --talk): its own talk has nothing left to hold.
  if (placement.talk_id && placement.talk_id != talk_id_for_key(*db_, own_talk_key(recording.uri)))
    changed = remove_own_talk(*db_, recording.uri) || changed;
  std::set<std::string> replaced(placement.replace_sources.begin(), placement.replace_sources.end());
  if (replaced.empty())
    for (const auto& e : recording.items) replaced.insert(e.source);
  int items = write_items(*db_, id, recording.items, replaced, rev);
  bump.finish(changed || items != 0);
  tx.commit();
  return id;
}

bool Store::remove_recording(const std::string& uri) {
  sql::Transaction tx(*db_);
  auto old = rows::load_recording_by_uri(*db_, uri);
  if (!old) return false;
  write_revision(*db_, read_revision(*db_) + 1);  // the items' tombstones carry it
  db_->cached("DELETE FROM recordings WHERE id = ?1").bind(1, old->id).run();
  remove_own_talk(*db_, uri);
  tx.commit();
  return true;
}

void Store::set_recording_attached(std::int64_t recording_id) {
  sql::Transaction tx(*db_);
  db_->cached("UPDATE recordings SET attached = 1 WHERE id = ?1").bind(1, recording_id).run();
  tx.commit();
}

std::int64_t Store::put_own_talk(const EventInfo& event, const TalkInfo& talk) {
  sql::Transaction tx(*db_);
  std::int64_t before = read_revision(*db_);
  std::int64_t rev = before + 1;
  write_revision(*db_, rev);
  bool changed = false;
  std::int64_t event_id = write_event(*db_, event, 0, rev, changed);
  ImportSummary summary;
  changed = write_talk(*db_, talk, event_id, 0, rev, summary) || changed;
  std::int64_t id = *talk_id_for_key(*db_, talk.key);
  if (!changed) write_revision(*db_, before);
  tx.commit();
  return id;
}

bool Store::remove_toc_item(std::int64_t id) {
  sql::Transaction tx(*db_);
  auto& find = db_->cached("SELECT recording_id FROM toc_items WHERE id = ?1");
  find.bind(1, id);
  std::optional<std::int64_t> recording;
  if (find.step()) recording = find.int64(0);
  find.reset();
  if (!recording) return false;
  std::int64_t rev = read_revision(*db_) + 1;
  write_revision(*db_, rev);  // the tombstone carries it
  db_->cached("DELETE FROM toc_items WHERE id = ?1").bind(1, id).run();
  // Numbered again, as write_items does (documents do not carry the numbers).
  db_->cached(
        "UPDATE toc_items SET ordinal = (SELECT COUNT(*) FROM toc_items t2 WHERE t2.recording_id = "
        "toc_items.recording_id AND (t2.start < toc_items.start OR (t2.start = toc_items.start AND t2.id < "
        "toc_items.id))) WHERE recording_id = ?1")
      .bind(1, *recording)
      .run();
  tx.commit();
  return true;
}

}  // namespace talkdex
