// A thin RAII layer over SQLite's C API: the connection, cached prepared statements with bound parameters
// only, and a Transaction that rolls back unless committed. Errors throw talkdex::Error with SQLite's text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

namespace talkdex::sql {

struct SqliteCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* st) const noexcept { sqlite3_finalize(st); }
};

// Text bound as NULL when empty, for optional text columns: bind_all(..., sql::or_null(title)).
struct TextOrNull {
  std::string_view text;
};
inline TextOrNull or_null(const std::string& text) { return {text}; }

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
  Statement& bind(int i, TextOrNull v) { return v.text.empty() ? bind_null(i) : bind(i, v.text); }
  // Binds `args` to ?1, ?2, ... in order.
  template <typename... Args>
  Statement& bind_all(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

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
  int column_count() const;

  // Reads the row into `fields`, column 0 into the first, column 1 into the second and so on, each as its
  // type says: a row reader names its fields once, in the SELECT's order, instead of counting columns.
  template <typename... Fields>
  void columns(Fields&... fields) const {
    int col = 0;
    (read(col++, fields), ...);
  }

 private:
  void read(int col, std::int64_t& out) const { out = int64(col); }
  void read(int col, int& out) const { out = static_cast<int>(int64(col)); }
  void read(int col, bool& out) const { out = int64(col) != 0; }
  void read(int col, double& out) const { out = real(col); }
  void read(int col, std::string& out) const { out = text(col); }
  void read(int col, std::optional<std::int64_t>& out) const { out = optional_int64(col); }
  void read(int col, std::optional<int>& out) const {
    if (auto v = optional_int64(col)) out = static_cast<int>(*v);
    else out.reset();
  }
  void read(int col, std::optional<double>& out) const { out = optional_real(col); }
  void read(int col, std::optional<std::string>& out) const { out = optional_text(col); }

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

  // The cached statement `sql` with `args` bound to ?1, ?2, ...: its first row as `read` makes it (nullopt
  // when there is none), or all its rows. The statement is reset afterwards, also when `read` throws, so it
  // holds no read lock.
  template <typename Read, typename... Args>
  auto query_one(std::string_view sql, Read&& read, const Args&... args)
      -> std::optional<std::invoke_result_t<Read&, const Statement&>>;
  template <typename Read, typename... Args>
  auto query_all(std::string_view sql, Read&& read, const Args&... args)
      -> std::vector<std::invoke_result_t<Read&, const Statement&>>;
  // Runs the cached statement `sql` with `args` bound; returns how many rows it changed.
  template <typename... Args>
  int run_counting(std::string_view sql, const Args&... args);
  int changes() const;
  sqlite3* handle() const { return db_.get(); }

 private:
  std::unique_ptr<sqlite3, SqliteCloser> db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// Column readers for query_one / query_all.
inline std::int64_t first_int64(const Statement& st) { return st.int64(0); }
inline std::string first_text(const Statement& st) { return st.text(0); }

namespace detail {
// The cached statement `sql` with `args` bound, reset when the query is done (also when reading a row
// throws), so that it holds no read lock.
class BoundQuery {
 public:
  template <typename... Args>
  BoundQuery(Statement& st, const Args&... args) : st_(st) {
    try {
      st_.bind_all(args...);
    } catch (...) {
      st_.reset();
      throw;
    }
  }
  ~BoundQuery() { st_.reset(); }
  BoundQuery(const BoundQuery&) = delete;
  BoundQuery& operator=(const BoundQuery&) = delete;
  bool step() { return st_.step(); }
  const Statement& row() const { return st_; }

 private:
  Statement& st_;
};
}  // namespace detail

template <typename Read, typename... Args>
auto Database::query_one(std::string_view sql, Read&& read, const Args&... args)
    -> std::optional<std::invoke_result_t<Read&, const Statement&>> {
  detail::BoundQuery query(cached(sql), args...);
  if (!query.step()) return std::nullopt;
  return read(query.row());
}

template <typename Read, typename... Args>
auto Database::query_all(std::string_view sql, Read&& read, const Args&... args)
    -> std::vector<std::invoke_result_t<Read&, const Statement&>> {
  detail::BoundQuery query(cached(sql), args...);
  std::vector<std::invoke_result_t<Read&, const Statement&>> out;
  while (query.step()) out.push_back(read(query.row()));
  return out;
}

template <typename... Args>
int Database::run_counting(std::string_view sql, const Args&... args) {
  detail::BoundQuery query(cached(sql), args...);
  while (query.step()) {
  }
  return changes();
}

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
