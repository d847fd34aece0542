#include "hit_data.h"

#include "json_events.h"

namespace talkdex::search_detail {
namespace {

// The events of one document's data, put into a HitData. Depth 1 is the top object's values, depth 2
// the values inside one of them (a speaker, a moment's field, a word's start, a cue), depth 3 a cue's
// two numbers; anything deeper or elsewhere is skipped.
class HitDataReader : public JsonEvents {
 public:
  explicit HitDataReader(HitData& out) : out_(out) {}

  void null() override { scalar(); }
  void boolean(bool) override { scalar(); }
  void number_integer(std::int64_t v) override { number(static_cast<double>(v), v, false); }
  void number_unsigned(std::uint64_t v) override { number(static_cast<double>(v), static_cast<std::int64_t>(v), true); }
  void number_float(double v) override { number(v, std::nullopt, false); }

  void string(std::string& v) override {
    if (depth_ == 1) {
      if (key_ == "title") out_.title = std::move(v);
      else if (key_ == "event") out_.event = std::move(v);
      else if (key_ == "kind") out_.kind = std::move(v);
      else if (key_ == "start") out_.start = std::move(v);
      else if (key_ == "link") out_.link = std::move(v);
      else if (key_ == "text") out_.text = std::move(v);
      else if (key_ == "uri") out_.uri = std::move(v);
    } else if (depth_ == 2 && in_ == In::speakers) {
      out_.speakers.push_back(std::move(v));
    } else if (depth_ == 2 && in_ == In::moment) {
      if (moment_key_ == "title") out_.moment->title = std::move(v);
      else if (moment_key_ == "source") out_.moment->source = std::move(v);
    }
    cue_element(false, 0, std::nullopt);
  }

  void start_object() override {
    if (depth_ == 0) out_.object = true;
    if (depth_ == 1 && key_ == "moment") {
      out_.moment = Moment{};
      in_ = In::moment;
    }
    cue_element(false, 0, std::nullopt);
    ++depth_;
  }
  void end_object() override {
    if (--depth_ == 1) in_ = In::none;
  }

  void key(std::string& k) override {
    if (depth_ == 1) {
      key_ = std::move(k);
      forget(key_);  // a key given again counts by its last value, whatever its type
    } else if (depth_ == 2 && in_ == In::moment) {
      moment_key_ = std::move(k);
    }
  }

  void start_array() override {
    if (depth_ == 1) {
      if (key_ == "speakers") in_ = In::speakers;
      else if (key_ == "word_starts") in_ = In::word_starts, out_.word_starts.emplace();
      else if (key_ == "cues") in_ = In::cues, out_.cues.emplace();
    } else if (depth_ == 2 && in_ == In::cues) {
      cue_ = Cue{};
    } else {
      cue_element(false, 0, std::nullopt);
    }
    ++depth_;
  }
  void end_array() override {
    --depth_;
    if (depth_ == 1) {
      in_ = In::none;
    } else if (depth_ == 2 && in_ == In::cues) {
      if (cue_.count == 2 && cue_.at_ok && cue_.start_ok) out_.cues->push_back({cue_.at, cue_.start});
    }
  }

 private:
  enum class In { none, speakers, moment, word_starts, cues };
  struct Cue {
    std::size_t count = 0;  // elements seen
    bool at_ok = false, start_ok = false;
    std::size_t at = 0;
    double start = 0;
  };

  // A value that is not a string, number, object or array of one of the fields read.
  void scalar() { cue_element(false, 0, std::nullopt); }

  void number(double value, std::optional<std::int64_t> integer, bool is_unsigned) {
    if (depth_ == 1) {
      if (key_ == "talk_id" && integer) out_.talk_id = *integer;
      else if (key_ == "offset") out_.offset = value;
    } else if (depth_ == 2 && in_ == In::moment) {
      if (moment_key_ == "offset") out_.moment->offset = value;
    } else if (depth_ == 2 && in_ == In::word_starts) {
      out_.word_starts->push_back(value);
    }
    cue_element(true, value, is_unsigned ? integer : std::nullopt);
  }

  // One element of a cue ([byte offset, seconds]): the first must be an unsigned integer, the second a
  // number. Only inside a cue's own array (depth 3).
  void cue_element(bool is_number, double value, std::optional<std::int64_t> unsigned_value) {
    if (depth_ != 3 || in_ != In::cues) return;
    if (cue_.count == 0) {
      cue_.at_ok = unsigned_value.has_value();
      if (cue_.at_ok) cue_.at = static_cast<std::size_t>(*unsigned_value);
    } else if (cue_.count == 1) {
      cue_.start_ok = is_number;
      cue_.start = value;
    }
    ++cue_.count;
  }

  // Clears what an earlier value of `key` left.
  void forget(const std::string& key) {
    if (key == "title") out_.title.clear();
    else if (key == "event") out_.event.clear();
    else if (key == "kind") out_.kind.clear();
    else if (key == "start") out_.start.clear();
    else if (key == "link") out_.link.clear();
    else if (key == "text") out_.text.clear();
    else if (key == "uri") out_.uri.reset();
    else if (key == "talk_id") out_.talk_id.reset();
    else if (key == "offset") out_.offset.reset();
    else if (key == "speakers") out_.speakers.clear();
    else if (key == "moment") out_.moment.reset();
    else if (key == "word_starts") out_.word_starts.reset();
    else if (key == "cues") out_.cues.reset();
  }

  HitData& out_;
  int depth_ = 0;
  std::string key_, moment_key_;
  In in_ = In::none;
  Cue cue_;
};

}  // namespace

HitData read_hit_data(std::string_view text) {
  HitData out;
  HitDataReader reader(out);
  if (!read_json_events(text, reader) || !out.object) return HitData{};
  return out;
}

}  // namespace talkdex::search_detail
