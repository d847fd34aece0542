// A hit's document data (search/src/hit_data.h): what a search reads from every hit of its page, from
// the archive's own index or a remote shard's (another program's output). Read by the one-pass JSON
// reader (json_events.h), which must accept what nlohmann accepts with the same events: the target
// aborts where they differ, so a difference is a finding like a crash.
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "hit_data.h"
#include "json_events.h"

namespace {

using json = nlohmann::json;

// Counts the events; enough to tell the two readers' answers apart without keeping them.
struct Counter : talkdex::search_detail::JsonEvents {
  std::string trace;
  void null() override { trace += 'n'; }
  void boolean(bool v) override { trace += v ? 't' : 'f'; }
  void number_integer(std::int64_t v) override { trace += 'i' + std::to_string(v) + ','; }
  void number_unsigned(std::uint64_t v) override { trace += 'u' + std::to_string(v) + ','; }
  void number_float(double v) override {
    char text[40];
    std::snprintf(text, sizeof text, "d%a,", v);
    trace += text;
  }
  void string(std::string& v) override { trace += 's' + std::to_string(v.size()) + ':' + v; }
  void key(std::string& v) override { trace += 'k' + std::to_string(v.size()) + ':' + v; }
  void start_object() override { trace += '{'; }
  void end_object() override { trace += '}'; }
  void start_array() override { trace += '['; }
  void end_array() override { trace += ']'; }
};

struct NlohmannCounter : nlohmann::json_sax<json> {
  Counter c;
  bool null() override { return c.null(), true; }
  bool boolean(bool v) override { return c.boolean(v), true; }
  bool number_integer(number_integer_t v) override { return c.number_integer(v), true; }
  bool number_unsigned(number_unsigned_t v) override { return c.number_unsigned(v), true; }
  bool number_float(number_float_t v, const string_t&) override { return c.number_float(v), true; }
  bool string(string_t& v) override { return c.string(v), true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return c.start_object(), true; }
  bool end_object() override { return c.end_object(), true; }
  bool start_array(std::size_t) override { return c.start_array(), true; }
  bool end_array() override { return c.end_array(), true; }
  bool key(string_t& v) override { return c.key(v), true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)talkdex::search_detail::read_hit_data(text);
  Counter mine;
  NlohmannCounter theirs;
  bool mine_ok = talkdex::search_detail::read_json_events(text, mine);
  bool theirs_ok = false;
  try {
    theirs_ok = json::sax_parse(text.begin(), text.end(), &theirs);
  } catch (const std::exception&) {
    theirs_ok = false;
  }
  if (mine_ok != theirs_ok || (mine_ok && mine.trace != theirs.c.trace)) std::abort();
  return 0;
}
