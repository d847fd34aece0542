#include "sqlite.h"

#include "talkdex/error.h"

namespace talkdex::sql {
namespace {

// The store file a connection has open, to name in an error: "" for an in-memory database.
std::string file_of(sqlite3* db) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  return file && *file ? file : "the store";
}

ErrorCode code_of(int rc) {
  switch (rc & 0xff) {  // the primary code of an extended one
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ErrorCode::busy;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: return ErrorCode::invalid_input;
    default: return ErrorCode::io;
  }
}

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
  throw Error(file_of(db), what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"),
              db ? code_of(sqlite3_extended_errcode(db)) : ErrorCode::io);
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                         nullptr) != SQLITE_OK) {
    fail(db, "cannot prepare \"" + std::string(sql.substr(0, 60)) + "\"");
  }
  st_.reset(raw);
}

Statement& Statement::bind(int i, std::int64_t v) {
  if (sqlite3_bind_int64(st_.get(), i, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Statement& Statement::bind(int i, double v) {
  if (sqlite3_bind_double(st_.get(), i, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  if (sqlite3_bind_text(st_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}
Statement& Statement::bind_null(int i) {
  if (sqlite3_bind_null(st_.get(), i) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(st_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string sql = sqlite3_sql(st_.get());
  sqlite3_reset(st_.get());
  fail(db_, "cannot run \"" + sql.substr(0, 60) + "\"");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() noexcept {
  sqlite3_reset(st_.get());
  sqlite3_clear_bindings(st_.get());
}

int Statement::column_count() const { return sqlite3_column_count(st_.get()); }
bool Statement::is_null(int col) const { return sqlite3_column_type(st_.get(), col) == SQLITE_NULL; }
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(st_.get(), col); }
double Statement::real(int col) const { return sqlite3_column_double(st_.get(), col); }
std::string Statement::text(int col) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_.get(), col));
  return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(st_.get(), col))) : std::string();
}
std::optional<double> Statement::optional_real(int col) const {
  if (is_null(col)) return std::nullopt;
  return real(col);
}
std::optional<std::int64_t> Statement::optional_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}
std::optional<std::string> Statement::optional_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

Database::Database(const std::string& path, bool read_only) {
  sqlite3* raw = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  db_.reset(raw);  // sqlite3_open_v2 hands back a handle to close even when it fails
  if (rc != SQLITE_OK)
    throw Error(path, std::string("cannot open the store: ") + (raw ? sqlite3_errmsg(raw) : "out of memory"), code_of(rc));
  sqlite3_busy_timeout(raw, 10000);
  sqlite3_extended_result_codes(raw, 1);
  if (!read_only) exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA foreign_keys=ON");
  exec("PRAGMA synchronous=NORMAL");
}

Statement& Database::cached(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it == cache_.end()) {
    it = cache_.emplace(std::string(sql), std::make_unique<Statement>(db_.get(), sql)).first;
  }
  it->second->reset();
  return *it->second;
}

void Database::exec(const char* sql) {
  char* err = nullptr;
  if (int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw Error(file_of(db_.get()), msg, code_of(rc));
  }
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_.get()); }
int Database::changes() const { return sqlite3_changes(db_.get()); }

Transaction::Transaction(Database& db) : db_(db), nested_(sqlite3_get_autocommit(db.handle()) == 0) {
  db_.exec(nested_ ? "SAVEPOINT nested" : "BEGIN IMMEDIATE");
}

Transaction::~Transaction() noexcept {
  if (done_) return;
  if (nested_) {
    sqlite3_exec(db_.handle(), "ROLLBACK TO nested", nullptr, nullptr, nullptr);
    sqlite3_exec(db_.handle(), "RELEASE nested", nullptr, nullptr, nullptr);
  } else {
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  db_.exec(nested_ ? "RELEASE nested" : "COMMIT");
  done_ = true;
}

}  // namespace talkdex::sql
