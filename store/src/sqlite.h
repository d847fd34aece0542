// A thin RAII layer over SQLite's C API: the connection, cached prepared statements with bound parameters
// only, and a Transaction that rolls back unless committed. Errors throw talkdex::Error with SQLite's text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace talkdex::sql {

struct SqliteCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* st) const noexcept { sqlite3_finalize(st); }
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);

  // Binding: 1-based indexes as in SQLite. Empty optional binds NULL.
  Statement& bind(int i, std::int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind_null(int i);
  template <typename T>
  Statement& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }
  // Binds NULL for an empty string: for optional text columns.
  Statement& bind_text_or_null(int i, const std::string& v) { return v.empty() ? bind_null(i) : bind(i, v); }

  // Steps once: true while a row is available, false when done.
  bool step();
  // Steps a statement that returns no rows.
  void run();
  void reset() noexcept;

  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;  // "" for NULL
  std::optional<double> optional_real(int col) const;
  std::optional<std::int64_t> optional_int64(int col) const;
  std::optional<std::string> optional_text(int col) const;

 private:
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> st_;
  sqlite3* db_;
};

class Database {
 public:
  // Opens or creates the file; turns on WAL, foreign keys and a busy timeout.
  explicit Database(const std::string& path, bool read_only = false);

  // A prepared statement kept for the life of the connection, reset and unbound, ready to bind.
  Statement& cached(std::string_view sql);
  void exec(const char* sql);
  std::int64_t last_insert_rowid() const;
  int changes() const;
  sqlite3* handle() const { return db_.get(); }

 private:
  std::unique_ptr<sqlite3, SqliteCloser> db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE on construction (so that writers queue, not deadlock); ROLLBACK in the destructor
// unless commit() was called, so an exception or an early return leaves the store as it was.
// Inside another transaction it is a SAVEPOINT instead: the inner one commits into the outer one (which
// still decides) or rolls back alone. This lets a caller batch several store writes into one commit.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction() noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
  bool nested_ = false;
};

}  // namespace talkdex::sql
