// Errors in talkdex.
//
// Two kinds, as in LevelDB's Status and ccache's tl::expected:
//  - a failure of one item (a file, a URL, a talk id) comes back as a value, a Result<T> holding either
//    the T or a Failure naming the item and the reason, so that the other items of a command go on;
//  - a failure that ends the whole command (the archive cannot be opened, the store is corrupt) is
//    thrown as talkdex::Error, which `main` catches and prints as one line.
// Library code never calls exit().
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace talkdex {

// What went wrong with one item: `item` names it (a path, a URL, "talk 12"), `reason` says why.
struct Failure {
  std::string item;
  std::string reason;
  std::string message() const { return item.empty() ? reason : item + ": " + reason; }
};

// The one project exception, for failures that end a command.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
  Error(const std::string& item, const std::string& reason) : std::runtime_error(item + ": " + reason) {}
};

// Either a value or the Failure that prevented it.
template <typename T>
class Result {
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
    if (!ok()) throw Error(failure().message());
  }
  std::variant<T, Failure> v_;
};

// A Result with no value: success, or a Failure.
class Status {
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
