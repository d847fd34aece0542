// Reading JSON text as a stream of events (a SAX reader) in one pass over its bytes, for a reader that
// keeps a few fields of many small documents: a served search reads every hit's data (hit_data.h), and
// nlohmann's lexer, which copies each byte into its error context and token buffer, cost 5% of a request.
//
// It accepts exactly what nlohmann::json::parse accepts: RFC 8259 JSON with one value and nothing after
// it but whitespace (or a NUL byte and anything: nlohmann's lexer takes NUL as the end), strings of valid UTF-8 with their escapes (\uD83D\uDE00 pairs; a lone surrogate is an
// error), and a UTF-8 byte order mark at the start skipped. Numbers are told apart as nlohmann does: an
// integer that fits is signed (with a minus) or unsigned, any other number a double, and a number too
// large for a double an error. Nesting is followed without recursion, so deep input cannot overflow the
// stack.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace talkdex::search_detail {

// The events of one JSON text, in order. A string's or key's text may be moved from.
class JsonEvents {
 public:
  virtual ~JsonEvents() = default;
  virtual void null() = 0;
  virtual void boolean(bool value) = 0;
  virtual void number_integer(std::int64_t value) = 0;
  virtual void number_unsigned(std::uint64_t value) = 0;
  virtual void number_float(double value) = 0;
  virtual void string(std::string& value) = 0;
  virtual void key(std::string& name) = 0;
  virtual void start_object() = 0;
  virtual void end_object() = 0;
  virtual void start_array() = 0;
  virtual void end_array() = 0;
};

// Sends the events of `text` to `events`; false when the text is not JSON (the events before the error
// have been sent: the caller drops what it made of them).
bool read_json_events(std::string_view text, JsonEvents& events);

}  // namespace talkdex::search_detail
