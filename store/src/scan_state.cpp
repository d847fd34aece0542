#include "talkdex/scan_state.h"

#include "sqlite.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

constexpr const char* kFileColumns =
    "SELECT path, size, mtime_ns, fingerprint, media, recording_id, COALESCE(error, ''), COALESCE(failed_at, '') "
    "FROM scanned_files ";

ScannedFile read_file_row(const sql::Statement& st) {
  ScannedFile f;
  st.columns(f.path, f.size, f.mtime_ns, f.fingerprint, f.media, f.recording_id, f.error, f.failed_at);
  return f;
}

}  // namespace

ScanState::ScanState(Store& store) : store_(store) {}

std::vector<std::string> ScanState::folders() {
  return store_.database().query_all("SELECT path FROM followed_folders ORDER BY path", sql::first_text);
}

bool ScanState::follow(const std::string& folder) {
  return store_.database().run_counting("INSERT OR IGNORE INTO followed_folders(path, added_at) VALUES (?1, ?2)",
                                        folder, now_utc_iso()) > 0;
}

bool ScanState::unfollow(const std::string& folder) {
  return store_.database().run_counting("DELETE FROM followed_folders WHERE path = ?1", folder) > 0;
}

std::unordered_map<std::string, ScannedFile> ScanState::files() {
  std::unordered_map<std::string, ScannedFile> out;
  for (auto& f : store_.database().query_all(kFileColumns, read_file_row)) {
    std::string path = f.path;
    out.emplace(std::move(path), std::move(f));
  }
  return out;
}

std::optional<ScannedFile> ScanState::file(const std::string& path) {
  return store_.database().query_one(std::string(kFileColumns) + "WHERE path = ?1", read_file_row, path);
}

std::vector<ScannedFile> ScanState::files_under(const std::string& folder) {
  // Paths from "FOLDER/" up to (not including) "FOLDER0": '0' follows '/' in byte order.
  std::string low = folder + "/", high = folder + "0";
  return store_.database().query_all(std::string(kFileColumns) + "WHERE path >= ?1 AND path < ?2 ORDER BY path",
                                     read_file_row, low, high);
}

std::pair<std::int64_t, std::int64_t> ScanState::count_under(const std::string& folder) {
  return *store_.database().query_one(
      "SELECT COALESCE(SUM(media), 0), COUNT(*) FROM scanned_files WHERE path >= ?1 AND path < ?2",
      [](const sql::Statement& st) { return std::pair<std::int64_t, std::int64_t>{st.int64(0), st.int64(1)}; },
      folder + "/", folder + "0");
}

void ScanState::put_file(const ScannedFile& file) {
  if (auto old = this->file(file.path); old && *old == file) return;
  auto& db = store_.database();
  sql::Transaction tx(db);
  db.cached(
        "INSERT INTO scanned_files(path, size, mtime_ns, fingerprint, media, recording_id, error, failed_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(path) DO UPDATE SET size = excluded.size, "
        "mtime_ns = excluded.mtime_ns, fingerprint = excluded.fingerprint, media = excluded.media, "
        "recording_id = excluded.recording_id, error = excluded.error, failed_at = excluded.failed_at")
      .bind(1, file.path).bind(2, file.size).bind(3, file.mtime_ns).bind(4, file.fingerprint)
      .bind(5, static_cast<std::int64_t>(file.media)).bind(6, file.recording_id)
      .bind_text_or_null(7, file.error).bind_text_or_null(8, file.failed_at)
      .run();
  tx.commit();
}

void ScanState::forget_file(const std::string& path) {
  auto& db = store_.database();
  sql::Transaction tx(db);
  db.cached("DELETE FROM scanned_files WHERE path = ?1").bind(1, path).run();
  tx.commit();
}

std::vector<ItemError> ScanState::errors() {
  return store_.database().query_all(
      "SELECT 'recording', path, error, COALESCE(failed_at, '') FROM scanned_files WHERE error IS NOT NULL "
      "UNION ALL SELECT 'source', uri, COALESCE(error, ''), COALESCE(fetched_at, '') FROM sources "
      "WHERE status = 'failed' ORDER BY 1, 2",
      [](const sql::Statement& st) { return ItemError{st.text(0), st.text(1), st.text(2), st.text(3)}; });
}

WriteBatch::WriteBatch(Store& store) : tx_(std::make_unique<sql::Transaction>(store.database())) {}
WriteBatch::~WriteBatch() = default;
void WriteBatch::commit() { tx_->commit(); }

}  // namespace talkdex
