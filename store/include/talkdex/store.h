// The store: the archive's source of truth, one SQLite file.
//
// Promises:
//  - Opening migrates the schema forward (PRAGMA user_version) and never backward: a file written by a
//    newer talkdex is refused with an Error.
//  - Every write method is one transaction: it applies whole or not at all. A thrown exception leaves
//    the file exactly as it was.
//  - Talks, events, recordings and table-of-contents items are matched by their stable keys, so importing
//    the same input again changes nothing (and does not bump the revision).
//  - Every row a write changes carries the store revision of that write (`rev`); deletions leave a
//    tombstone with the revision. The index uses this to do only what changed.
// Errors: fatal ones (cannot open, corrupt, disk full) throw talkdex::Error; lookups that find nothing
// return std::nullopt.
// A Store is one connection: use it from one thread. Several processes may open the same file (WAL).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "talkdex/model.h"

namespace talkdex {

namespace sql {
class Database;
}

// A source as recorded: what was imported or fetched, and how that went.
struct SourceRecord {
  std::int64_t id = 0;
  std::string uri;            // absolute path or URL
  std::string kind;           // workshop-page, frab-xml, schedule-json, chapters-vtt, ...
  std::string content_hash;   // hex digest of the last imported body
  std::string etag;           // HTTP validators of the last good fetch
  std::string last_modified;
  std::string fetched_at;     // ISO 8601 UTC of the last attempt
  std::string status;         // ok, unchanged, failed
  std::string error;          // the last error, empty when the last attempt succeeded
  // The source this one is a part of (0: none): a media.ccc.de conference's event documents and subtitle
  // files are read again when the conference is, not on their own.
  std::int64_t parent_id = 0;
};

struct EventRow {
  std::int64_t id = 0;
  EventInfo info;
};

struct TalkRow {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::string event_title;
  std::int64_t rev = 0;
  TalkInfo info;  // people and links filled in
};

struct RecordingRow {
  std::int64_t id = 0;
  std::optional<std::int64_t> event_id;
  std::optional<std::int64_t> talk_id;
  std::string uri;
  std::optional<std::string> wallclock_start;
  std::optional<double> duration;
  std::string container;
  std::string probe_json;  // what probing found, as JSON text
  bool attached = false;   // the user attached it (import): a followed folder's scan never removes it
};

// What Store::put_recording writes beside the recording itself: whom it belongs to and what probing
// found. Empty container and probe_json keep what the store has.
// Every member has an initializer, so that a call names only what it sets: {.talk_id = id}.
struct RecordingPlacement {
  std::optional<std::int64_t> event_id{};
  std::optional<std::int64_t> talk_id{};
  std::string container{};   // libav's format name: "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"
  std::string probe_json{};  // ProbeResult::to_json()
  // The sources whose earlier items the new list replaces; empty: the sources the new items have.
  std::vector<std::string> replace_sources{};
};

struct TocRow {
  std::int64_t id = 0;
  std::int64_t recording_id = 0;
  std::string recording_uri;
  std::optional<std::int64_t> talk_id;
  int ordinal = 0;
  std::int64_t rev = 0;
  TocEntry entry;
};

struct ImportSummary {
  std::int64_t event_id = 0;
  int talks_added = 0;
  int talks_updated = 0;
  int talks_removed = 0;
  int talks_unchanged = 0;
  int items_written = 0;
  // Talks of the source that the schedule no longer has, kept (see import_schedule): all of them when
  // more than half of the source's talks are missing, else those with a recording attached.
  int talks_kept = 0;
  int talks_before = 0;             // the source's talks in this event before the import
  bool kept_as_partial = false;     // kept because more than half were missing (a partial export?)
  bool changed() const { return talks_added || talks_updated || talks_removed || items_written; }
};

struct StoreCounts {
  std::int64_t events = 0, talks = 0, people = 0, recordings = 0, items = 0, sources = 0;
};

// A transcript passage as stored. Its talk is the recording's talk, else the talk whose table-of-contents
// item covers the passage's start (a day recording holds many talks); none in a break.
struct PassageRow {
  std::int64_t id = 0;
  std::int64_t recording_id = 0;
  std::string recording_uri;
  std::optional<std::int64_t> talk_id;
  std::string language;  // "" when unknown
  int ordinal = 0;       // 0, 1, ... within the recording and language
  std::int64_t rev = 0;
  TranscriptPassage passage;
};

struct PassagesSummary {
  int written = 0;    // added or changed
  int removed = 0;
  int unchanged = 0;
  bool changed() const { return written || removed; }
};

// A deletion since some revision, for incremental indexing.
struct Tombstone {
  std::string table;  // "talks", "toc_items" or "passages"
  std::int64_t id = 0;
  std::int64_t rev = 0;
};

class Store {
 public:
  // Opens or creates the store file. Throws Error when it cannot.
  explicit Store(const std::filesystem::path& file);
  // The store for reading only, as commands that only read open it: works in a folder the user cannot
  // write (a read-only archive), never migrates (an older schema is an error saying what to do), and
  // any write through it fails.
  static Store open_read_only(const std::filesystem::path& file);
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  // The revision of the last write that changed something; 0 for a new store.
  std::int64_t revision();

  // --- Sources ---
  std::optional<SourceRecord> source(const std::string& uri);
  std::vector<SourceRecord> sources();
  // The sources that are parts of `parent_id`, by id.
  std::vector<SourceRecord> child_sources(std::int64_t parent_id);
  // The source that wrote the talk with this key: nullopt when there is no such talk, 0 when its source
  // is unknown. Lets an importer join a talk another source owns instead of taking it over.
  std::optional<std::int64_t> talk_source_id(const std::string& key);
  // Records an attempt on a source that did not change the data (unchanged body, 304, or a failure).
  void record_source_attempt(const SourceRecord& source);

  // Writes a parsed schedule from `source` in one transaction: the event, its talks and people,
  // recordings and items. Talks of this source that the schedule no longer has are removed, unless
  // `prune` is false and either more than half of the source's talks (two or more) are missing, which
  // looks like a partial export, not a shrunken conference (then none is removed), or a talk has a
  // probed recording attached to it (`import --talk`, a followed folder): what the user attached stays
  // with its talk. ImportSummary::talks_kept counts them. The source row (hash, validators, status) is
  // written in the same transaction.
  ImportSummary import_schedule(const SourceRecord& source, const Schedule& schedule, bool prune = false);

  // Adds or updates a recording and its items, in one transaction. The recording's earlier items of the
  // sources in `replace_sources` (default: the sources the new items have) that the new list lacks are
  // removed. Detected items within kDetectedYieldSeconds of an item of another source are then removed
  // too, their slide text and thumbnail passed to that item when it has none. Returns the recording's id.
  std::int64_t put_recording(const RecordingInfo& recording, const RecordingPlacement& placement = {});
  // Removes a recording and its items and passages (leaving tombstones), and its own talk
  // (own_talk_key) with that talk's event when nothing else is left in it. False when there was none.
  bool remove_recording(const std::string& uri);
  // Marks a recording as attached by the user (`import`), so that a folder scan never removes it.
  void set_recording_attached(std::int64_t recording_id);
  // Writes a talk that no source owns, with its event, in one transaction: a recording's own talk
  // (key own_talk_key(uri)). Unchanged, it writes nothing. Returns the talk's id.
  std::int64_t put_own_talk(const EventInfo& event, const TalkInfo& talk);
  // Removes one table-of-contents item (leaving a tombstone); the recording's items are numbered again.
  // False when there was none.
  bool remove_toc_item(std::int64_t id);

  // Replaces the transcript passages of a recording in one language, in one transaction. Passages are
  // matched by their position: unchanged ones keep their revision, changed and new ones get the new one,
  // the ones past the end are deleted (leaving tombstones). Nothing changed leaves the revision as it was.
  // Throws Error when the recording does not exist or a passage is invalid (negative start, end < start).
  PassagesSummary replace_passages(std::int64_t recording_id, const std::string& language,
                                   const std::vector<TranscriptPassage>& passages);

  // --- Reads ---
  std::optional<EventRow> event(std::int64_t id);
  std::vector<EventRow> events();
  std::optional<TalkRow> talk(std::int64_t id);
  std::optional<TalkRow> talk_by_key(const std::string& key);
  std::vector<TalkRow> talks();                          // all, with people and links
  // Talks by what their schedule calls them (by id): its frab/pretalx id, its slug, the beginning of
  // their key (at most `limit`), or their title (ASCII letters compared without case).
  std::vector<TalkRow> talks_with_schedule_id(const std::string& schedule_id);
  std::vector<TalkRow> talks_with_slug(const std::string& slug);
  std::vector<TalkRow> talks_with_key_prefix(const std::string& prefix, int limit);
  std::vector<TalkRow> talks_titled(const std::string& title);
  std::vector<TalkRow> talks_changed_since(std::int64_t rev);
  std::vector<RecordingRow> recordings();
  std::optional<RecordingRow> recording(std::int64_t id);
  std::optional<RecordingRow> recording_by_uri(const std::string& uri);
  // Recordings whose uri begins with `prefix` (a range of the uri index, not a scan), by uri.
  std::vector<RecordingRow> recordings_with_uri_prefix(const std::string& prefix);
  std::vector<TocRow> toc_items();                       // all, by recording and ordinal
  std::vector<TocRow> toc_items_for_talk(std::int64_t talk_id);
  std::vector<TocRow> toc_items_for_recording(std::int64_t recording_id);
  std::vector<TocRow> toc_items_changed_since(std::int64_t rev);
  std::vector<PassageRow> passages_for_talk(std::int64_t talk_id);           // by recording, language, ordinal
  std::vector<PassageRow> passages_for_recording(std::int64_t recording_id);  // by language, ordinal
  std::vector<PassageRow> passages_changed_since(std::int64_t rev);
  // Every passage, one at a time (an archive may hold millions): by recording, language and ordinal.
  // `visit` may read the store but not write it.
  void scan_passages(const std::function<void(const PassageRow&)>& visit);
  std::vector<Tombstone> tombstones_since(std::int64_t rev);
  std::vector<std::int64_t> talk_ids_changed_since(std::int64_t rev);
  // Talks whose event changed since `rev` (their documents carry the event's title).
  std::vector<std::int64_t> talk_ids_of_events_changed_since(std::int64_t rev);
  StoreCounts counts();

  // --- Streaming reads: a whole store without holding it in memory (store_stream.cpp) ---
  // Calls `fn` for each talk with first_id <= id <= last_id, in id order, with its people, links and
  // table-of-contents items (by recording, then ordinal). Four cursors walk in step: no per-talk queries.
  using TalkVisitor = std::function<void(const TalkRow& talk, const std::vector<TocRow>& items)>;
  void for_each_talk(std::int64_t first_id, std::int64_t last_id, const TalkVisitor& fn);
  // Items that belong to no talk, by recording and ordinal.
  void for_each_loose_item(const std::function<void(const TocRow& item)>& fn);
  // The talks split into at most `parts` id ranges [first, last] of about equal size, in id order.
  std::vector<std::pair<std::int64_t, std::int64_t>> talk_id_ranges(int parts);

  // The connection, for modules of the store that add their own tables.
  sql::Database& database();
  // The SQLite file, so that another thread can open its own connection (a Store is one connection).
  std::filesystem::path file() const;

 private:
  Store() = default;
  std::unique_ptr<sql::Database> db_;
};

}  // namespace talkdex
