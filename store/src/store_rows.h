// Row loaders shared by the store's writes (to compare before writing) and its reads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "talkdex/store.h"

namespace talkdex {
namespace sql {
class Statement;
}
namespace rows {

// The store revision (meta 'revision'): read, and set within the caller's transaction.
std::int64_t read_revision(sql::Database& db);
void write_revision(sql::Database& db, std::int64_t rev);

// One unit of work's revision, inside the caller's transaction: the next one is written at once (the
// delete triggers stamp tombstones with it), and put back by finish(false) when the work changed nothing,
// so that a write that changes nothing leaves the revision, and the index, as they were.
class RevisionBump {
 public:
  explicit RevisionBump(sql::Database& db) : db_(db), before_(read_revision(db)) { write_revision(db_, rev()); }
  std::int64_t rev() const { return before_ + 1; }
  void finish(bool changed) {
    if (!changed) write_revision(db_, before_);
  }

 private:
  sql::Database& db_;
  std::int64_t before_;
};

// The columns read_talk and read_toc expect, as the start of a SELECT ("... FROM ... " included).
extern const char* const kTalkColumns;
extern const char* const kTocColumns;
TalkRow read_talk(const sql::Statement& st);  // without people and links
TocRow read_toc(const sql::Statement& st);

std::optional<EventRow> load_event(sql::Database& db, std::int64_t id);
std::optional<TalkRow> load_talk(sql::Database& db, std::int64_t id);
std::optional<RecordingRow> load_recording_by_uri(sql::Database& db, const std::string& uri);
std::optional<SourceRecord> load_source(sql::Database& db, const std::string& uri);
std::vector<SourceRecord> load_sources(sql::Database& db);
std::vector<SourceRecord> load_child_sources(sql::Database& db, std::int64_t parent_id);

}  // namespace rows
}  // namespace talkdex
