// Store: the read side. Lists load people and links for all talks in one pass each, not one query per talk.
#include <map>

#include "sqlite.h"
#include "store_rows.h"
#include "talkdex/store.h"

namespace talkdex {
namespace rows {

std::int64_t read_revision(sql::Database& db) {
  return db.query_one("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'revision'", sql::first_int64).value_or(0);
}

void write_revision(sql::Database& db, std::int64_t rev) {
  db.cached("UPDATE meta SET value = ?1 WHERE key = 'revision'").bind(1, std::to_string(rev)).run();
}


// Shared with the streaming reads of store_stream.cpp.
const char* const kTalkColumns =
    "SELECT t.id, t.event_id, e.title, t.rev, t.key, t.title, t.subtitle, t.kind, t.start, t.end, t.abstract, "
    "t.url, t.room, t.track, t.language, COALESCE(t.schedule_id, ''), COALESCE(t.slug, '') "
    "FROM talks t JOIN events e ON e.id = t.event_id ";

TalkRow read_talk(const sql::Statement& st) {
  TalkRow r;
  TalkInfo& t = r.info;
  st.columns(r.id, r.event_id, r.event_title, r.rev, t.key, t.title, t.subtitle, t.kind, t.start, t.end, t.abstract,
             t.url, t.room, t.track, t.language, t.schedule_id, t.slug);
  return r;
}

const char* const kTocColumns =
    "SELECT i.id, i.recording_id, r.uri, i.talk_id, i.ordinal, i.rev, i.key, i.start, i.end, i.title, i.source, "
    "i.confidence, i.alias, COALESCE(t.key, ''), COALESCE(i.slide_text, ''), COALESCE(i.thumbnail, '') "
    "FROM toc_items i JOIN recordings r ON r.id = i.recording_id "
    "LEFT JOIN talks t ON t.id = i.talk_id ";

TocRow read_toc(const sql::Statement& st) {
  TocRow r;
  TocEntry& e = r.entry;
  st.columns(r.id, r.recording_id, r.recording_uri, r.talk_id, r.ordinal, r.rev, e.key, e.start, e.end, e.title,
             e.source, e.confidence, e.alias, e.talk_key, e.slide_text, e.thumbnail);
  return r;
}

}  // namespace rows

namespace {

using rows::kTalkColumns;
using rows::kTocColumns;
using rows::read_talk;
using rows::read_toc;

RecordingRow read_recording(const sql::Statement& st) {
  RecordingRow r;
  st.columns(r.id, r.event_id, r.talk_id, r.uri, r.wallclock_start, r.duration, r.container, r.probe_json, r.attached);
  return r;
}

constexpr const char* kRecordingColumns =
    "SELECT id, event_id, talk_id, uri, wallclock_start, duration, container, probe_json, attached FROM recordings ";

// Fills people and links of the given talks (by id) with two queries.
void attach_people_and_links(sql::Database& db, std::vector<TalkRow>& talks, const char* where_people,
                             const char* where_links, std::optional<std::int64_t> id) {
  std::map<std::int64_t, TalkRow*> by_id;
  for (auto& t : talks) by_id[t.id] = &t;
  auto& people = db.cached(where_people);
  if (id) people.bind(1, *id);
  while (people.step()) {
    auto it = by_id.find(people.int64(0));
    if (it == by_id.end()) continue;
    it->second->info.people.push_back({people.text(1), people.text(2), people.text(3)});
  }
  people.reset();
  auto& links = db.cached(where_links);
  if (id) links.bind(1, *id);
  while (links.step()) {
    auto it = by_id.find(links.int64(0));
    if (it == by_id.end()) continue;
    Link l{links.text(1), links.text(2), std::nullopt};
    if (auto n = links.optional_int64(3)) l.tocitem = static_cast<int>(*n);
    it->second->info.links.push_back(std::move(l));
  }
  links.reset();
}

constexpr const char* kPeopleAll =
    "SELECT tp.talk_id, p.name, COALESCE(p.affiliation, ''), tp.role FROM talk_people tp "
    "JOIN people p ON p.id = tp.person_id ORDER BY tp.talk_id, tp.ordinal";
constexpr const char* kPeopleOne =
    "SELECT tp.talk_id, p.name, COALESCE(p.affiliation, ''), tp.role FROM talk_people tp "
    "JOIN people p ON p.id = tp.person_id WHERE tp.talk_id = ?1 ORDER BY tp.ordinal";
constexpr const char* kLinksAll = "SELECT talk_id, url, COALESCE(title, ''), tocitem FROM links ORDER BY talk_id, ordinal";
constexpr const char* kLinksOne =
    "SELECT talk_id, url, COALESCE(title, ''), tocitem FROM links WHERE talk_id = ?1 ORDER BY ordinal";


}  // namespace

namespace rows {

static EventRow read_event(const sql::Statement& st) {
  EventRow e;
  EventInfo& i = e.info;
  st.columns(e.id, i.key, i.title, i.kind, i.venue, i.room, i.date, i.start, i.end, i.abstract, i.url);
  return e;
}

std::optional<EventRow> load_event(sql::Database& db, std::int64_t id) {
  auto e = db.query_one(
      "SELECT id, key, title, kind, venue, room, date, start, end, abstract, url FROM events WHERE id = ?1",
      read_event, id);
  if (!e) return std::nullopt;
  e->info.organizers = db.query_all(
      "SELECT p.name, COALESCE(ep.affiliation, p.affiliation, ''), ep.role FROM event_people ep "
      "JOIN people p ON p.id = ep.person_id WHERE ep.event_id = ?1 ORDER BY ep.ordinal",
      [](const sql::Statement& st) { return PersonRef{st.text(0), st.text(1), st.text(2)}; }, id);
  return e;
}

std::optional<TalkRow> load_talk(sql::Database& db, std::int64_t id) {
  auto talks = db.query_all(std::string(kTalkColumns) + "WHERE t.id = ?1", read_talk, id);
  if (talks.empty()) return std::nullopt;
  attach_people_and_links(db, talks, kPeopleOne, kLinksOne, id);
  return talks.front();
}

std::optional<RecordingRow> load_recording_by_uri(sql::Database& db, const std::string& uri) {
  return db.query_one(std::string(kRecordingColumns) + "WHERE uri = ?1", read_recording, uri);
}

static SourceRecord read_source(const sql::Statement& st) {
  SourceRecord s;
  // A NULL parent_id reads as 0: no parent.
  st.columns(s.id, s.uri, s.kind, s.content_hash, s.etag, s.last_modified, s.fetched_at, s.status, s.error,
             s.parent_id);
  return s;
}

constexpr const char* kSourceColumns =
    "SELECT id, uri, kind, content_hash, etag, last_modified, fetched_at, status, error, parent_id FROM sources ";

std::optional<SourceRecord> load_source(sql::Database& db, const std::string& uri) {
  return db.query_one(std::string(kSourceColumns) + "WHERE uri = ?1", read_source, uri);
}

std::vector<SourceRecord> load_child_sources(sql::Database& db, std::int64_t parent_id) {
  return db.query_all(std::string(kSourceColumns) + "WHERE parent_id = ?1 ORDER BY id", read_source, parent_id);
}

std::vector<SourceRecord> load_sources(sql::Database& db) {
  return db.query_all(std::string(kSourceColumns) + "ORDER BY id", read_source);
}

}  // namespace rows

std::optional<EventRow> Store::event(std::int64_t id) { return rows::load_event(*db_, id); }

std::vector<EventRow> Store::events() {
  auto ids = db_->query_all("SELECT id FROM events ORDER BY id", sql::first_int64);
  std::vector<EventRow> out;
  for (auto id : ids) out.push_back(*rows::load_event(*db_, id));
  return out;
}

std::optional<TalkRow> Store::talk(std::int64_t id) { return rows::load_talk(*db_, id); }

std::optional<TalkRow> Store::talk_by_key(const std::string& key) {
  auto id = db_->query_one("SELECT id FROM talks WHERE key = ?1", sql::first_int64, key);
  return id ? rows::load_talk(*db_, *id) : std::nullopt;
}

std::vector<TalkRow> Store::talks() {
  auto talks = db_->query_all(std::string(kTalkColumns) + "ORDER BY t.id", read_talk);
  attach_people_and_links(*db_, talks, kPeopleAll, kLinksAll, std::nullopt);
  return talks;
}

namespace {

// The talks a query with one text parameter selects, by id, with people and links.
std::vector<TalkRow> talks_where(sql::Database& db, const std::string& where, const std::string& value) {
  auto& st = db.cached(std::string(kTalkColumns) + where);
  st.bind(1, value);
  std::vector<std::int64_t> ids;
  while (st.step()) ids.push_back(st.int64(0));
  st.reset();
  std::vector<TalkRow> out;
  for (auto id : ids)
    if (auto t = rows::load_talk(db, id)) out.push_back(std::move(*t));
  return out;
}

}  // namespace

std::vector<TalkRow> Store::talks_with_schedule_id(const std::string& schedule_id) {
  return talks_where(*db_, "WHERE t.schedule_id = ?1 ORDER BY t.id", schedule_id);
}

std::vector<TalkRow> Store::talks_with_slug(const std::string& slug) {
  return talks_where(*db_, "WHERE t.slug = ?1 ORDER BY t.id", slug);
}

std::vector<TalkRow> Store::talks_with_key_prefix(const std::string& prefix, int limit) {
  // As recordings_with_uri_prefix: a range of the key index, not a scan.
  auto& st = db_->cached(std::string(kTalkColumns) + "WHERE t.key >= ?1 AND t.key < ?2 ORDER BY t.key LIMIT ?3");
  st.bind(1, prefix).bind(2, prefix + "\xFF").bind(3, limit);
  std::vector<std::int64_t> ids;
  while (st.step()) ids.push_back(st.int64(0));
  st.reset();
  std::vector<TalkRow> out;
  for (auto id : ids)
    if (auto t = rows::load_talk(*db_, id)) out.push_back(std::move(*t));
  return out;
}

std::vector<TalkRow> Store::talks_titled(const std::string& title) {
  return talks_where(*db_, "WHERE t.title = ?1 COLLATE NOCASE ORDER BY t.id", title);
}

std::vector<TalkRow> Store::talks_changed_since(std::int64_t rev) {
  auto talks = db_->query_all(std::string(kTalkColumns) + "WHERE t.rev > ?1 ORDER BY t.id", read_talk, rev);
  attach_people_and_links(*db_, talks, kPeopleAll, kLinksAll, std::nullopt);
  return talks;
}

std::vector<RecordingRow> Store::recordings() {
  return db_->query_all(std::string(kRecordingColumns) + "ORDER BY id", read_recording);
}

std::vector<RecordingRow> Store::recordings_with_uri_prefix(const std::string& prefix) {
  // Every uri with the prefix sorts at or after it and before the prefix followed by byte 0xFF (no UTF-8
  // text holds that byte), in the index's binary order.
  return db_->query_all(std::string(kRecordingColumns) + "WHERE uri >= ?1 AND uri < ?2 ORDER BY uri", read_recording,
                        prefix, prefix + "\xFF");
}

std::optional<RecordingRow> Store::recording(std::int64_t id) {
  return db_->query_one(std::string(kRecordingColumns) + "WHERE id = ?1", read_recording, id);
}

std::optional<RecordingRow> Store::recording_by_uri(const std::string& uri) {
  return rows::load_recording_by_uri(*db_, uri);
}

std::vector<TocRow> Store::toc_items() {
  return db_->query_all(std::string(kTocColumns) + "ORDER BY i.recording_id, i.ordinal", read_toc);
}
std::vector<TocRow> Store::toc_items_for_talk(std::int64_t talk_id) {
  return db_->query_all(std::string(kTocColumns) + "WHERE i.talk_id = ?1 ORDER BY i.recording_id, i.ordinal", read_toc, talk_id);
}
std::vector<TocRow> Store::toc_items_for_recording(std::int64_t recording_id) {
  return db_->query_all(std::string(kTocColumns) + "WHERE i.recording_id = ?1 ORDER BY i.ordinal", read_toc, recording_id);
}
std::vector<TocRow> Store::toc_items_changed_since(std::int64_t rev) {
  return db_->query_all(std::string(kTocColumns) + "WHERE i.rev > ?1 ORDER BY i.recording_id, i.ordinal", read_toc, rev);
}

std::vector<Tombstone> Store::tombstones_since(std::int64_t rev) {
  return db_->query_all(
      "SELECT tbl, id, rev FROM tombstones WHERE rev > ?1 ORDER BY rev",
      [](const sql::Statement& st) { return Tombstone{st.text(0), st.int64(1), st.int64(2)}; }, rev);
}

std::vector<std::int64_t> Store::talk_ids_changed_since(std::int64_t rev) {
  return db_->query_all("SELECT id FROM talks WHERE rev > ?1 ORDER BY id", sql::first_int64, rev);
}

std::vector<std::int64_t> Store::talk_ids_of_events_changed_since(std::int64_t rev) {
  return db_->query_all("SELECT t.id FROM events e JOIN talks t ON t.event_id = e.id WHERE e.rev > ?1 ORDER BY t.id",
                        sql::first_int64, rev);
}

StoreCounts Store::counts() {
  return *db_->query_one(
      "SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM talks), (SELECT COUNT(*) FROM people), "
      "(SELECT COUNT(*) FROM recordings), (SELECT COUNT(*) FROM toc_items), (SELECT COUNT(*) FROM sources)",
      [](const sql::Statement& st) {
        return StoreCounts{st.int64(0), st.int64(1), st.int64(2), st.int64(3), st.int64(4), st.int64(5)};
      });
}

}  // namespace talkdex
