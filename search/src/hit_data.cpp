#include "hit_data.h"

#include <string_view>
#include <utility>

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
      if (std::string* text = text_field(field_)) *text = std::move(v);
      else if (field_ == Field::uri) out_.uri = std::move(v);
    } else if (depth_ == 2 && in_ == In::speakers) {
      out_.speakers.push_back(std::move(v));
    } else if (depth_ == 2 && in_ == In::moment) {
      if (moment_field_ == Field::title) out_.moment->title = std::move(v);
      else if (moment_field_ == Field::source) out_.moment->source = std::move(v);
    }
    cue_element(false, 0, std::nullopt);
  }

  void start_object() override {
    if (depth_ == 0) out_.object = true;
    if (depth_ == 1 && field_ == Field::moment) {
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
      field_ = field_of(k);
      forget(field_);  // a key given again counts by its last value, whatever its type
    } else if (depth_ == 2 && in_ == In::moment) {
      moment_field_ = field_of(k);
    }
  }

  void start_array() override {
    if (depth_ == 1) {
      if (field_ == Field::speakers) in_ = In::speakers;
      else if (field_ == Field::word_starts) in_ = In::word_starts, out_.word_starts.emplace();
      else if (field_ == Field::cues) in_ = In::cues, out_.cues.emplace();
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
  // The keys read, named once when the key is read (not compared again for its value).
  enum class Field { other, title, event, kind, start, link, text, uri, talk_id, offset, speakers, moment,
                     word_starts, cues, source };
  static Field field_of(std::string_view key) {
    static constexpr std::pair<std::string_view, Field> kFields[] = {
        {"title", Field::title},       {"event", Field::event},         {"kind", Field::kind},
        {"start", Field::start},       {"link", Field::link},           {"text", Field::text},
        {"uri", Field::uri},           {"talk_id", Field::talk_id},     {"offset", Field::offset},
        {"speakers", Field::speakers}, {"moment", Field::moment},       {"word_starts", Field::word_starts},
        {"cues", Field::cues},         {"source", Field::source}};
    for (const auto& [name, field] : kFields)
      if (name == key) return field;
    return Field::other;
  }
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
      if (field_ == Field::talk_id && integer) out_.talk_id = *integer;
      else if (field_ == Field::offset) out_.offset = value;
    } else if (depth_ == 2 && in_ == In::moment) {
      if (moment_field_ == Field::offset) out_.moment->offset = value;
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

  // The top-level string field a key names, null for any other.
  std::string* text_field(Field f) {
    switch (f) {
      case Field::title: return &out_.title;
      case Field::event: return &out_.event;
      case Field::kind: return &out_.kind;
      case Field::start: return &out_.start;
      case Field::link: return &out_.link;
      case Field::text: return &out_.text;
      default: return nullptr;
    }
  }

  // Clears what an earlier value of the field left.
  void forget(Field f) {
    if (std::string* text = text_field(f)) text->clear();
    else if (f == Field::uri) out_.uri.reset();
    else if (f == Field::talk_id) out_.talk_id.reset();
    else if (f == Field::offset) out_.offset.reset();
    else if (f == Field::speakers) out_.speakers.clear();
    else if (f == Field::moment) out_.moment.reset();
    else if (f == Field::word_starts) out_.word_starts.reset();
    else if (f == Field::cues) out_.cues.reset();
  }

  HitData& out_;
  int depth_ = 0;
  Field field_ = Field::other;         // of the top-level key last read
  Field moment_field_ = Field::other;  // of the moment's key last read
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
