// Errors in talkdex: one style for every library.
//
// Two kinds, as in LevelDB's Status and ccache's tl::expected:
//  - a failure of one item (a file, a URL, a talk id) comes back as a value, a Result<T> holding either
//    the T or a Failure naming the item and the reason (Status when there is no T), so that the other
//    items of a command go on. Both are [[nodiscard]]: a failure is handled or passed on, never dropped;
//  - a failure that ends the whole command (the archive cannot be opened, the store is corrupt) is
//    thrown as talkdex::Error, which `main` catches and prints as one line.
// Both carry an ErrorCode a caller can act on (retry when busy, skip what is not found, ...); the item
// and reason are for people. Library code never calls exit().
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace talkdex {

enum class ErrorCode {
  other,          // none of the below
  not_found,      // the item does not exist: a missing file, an HTTP 404, no such talk or recording
  busy,           // someone else holds it: another writer has the archive
  invalid_input,  // the item exists but cannot be read as what it should be: a malformed file or query
  io,             // reading or writing failed: the network, the disk, the store file
};

// "not found", "busy", "invalid input", "I/O", "other".
const char* error_code_name(ErrorCode code);

// What went wrong with one item: `item` names it (a path, a URL, "talk 12"), `reason` says why.
struct Failure {
  std::string item;
  std::string reason;
  ErrorCode code = ErrorCode::other;
  std::string message() const { return item.empty() ? reason : item + ": " + reason; }

  static Failure not_found(std::string item, std::string reason) {
    return {std::move(item), std::move(reason), ErrorCode::not_found};
  }
  static Failure invalid_input(std::string item, std::string reason) {
    return {std::move(item), std::move(reason), ErrorCode::invalid_input};
  }
  static Failure io(std::string item, std::string reason) {
    return {std::move(item), std::move(reason), ErrorCode::io};
  }
};

// The one project exception, for failures that end a command.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, ErrorCode code = ErrorCode::other)
      : std::runtime_error(what), code_(code) {}
  Error(const std::string& item, const std::string& reason, ErrorCode code = ErrorCode::other)
      : std::runtime_error(item + ": " + reason), code_(code) {}
  explicit Error(const Failure& failure) : std::runtime_error(failure.message()), code_(failure.code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

// Either a value or the Failure that prevented it.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Failure failure) : v_(std::move(failure)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { check(); return std::get<0>(v_); }
  const T& value() const& { check(); return std::get<0>(v_); }
  T&& value() && { check(); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Failure& failure() const { return std::get<1>(v_); }

 private:
  void check() const {
    if (!ok()) throw Error(failure());
  }
  std::variant<T, Failure> v_;
};

// A Result with no value: success, or a Failure.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Failure failure) : failure_(std::move(failure)), ok_(false) {}
  static Status Ok() { return {}; }
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Failure& failure() const { return failure_; }

 private:
  Failure failure_;
  bool ok_ = true;
};

}  // namespace talkdex
