// Helpers shared by the test suites: temporary folders, file I/O, the project's own sample inputs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "talkdex/model.h"
#include "talkdex/store.h"

namespace talkdex::test {

// A fresh folder under the system temp dir, removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& content);

// The project's source folder.
std::filesystem::path source_dir();
// data/icml2019-deep-phenomena.html: the sample workshop page the project ships (the seed's facts, as HTML).
// Tests of talkdex's own behaviour read this, never ../shared, so that they pass on any clone; the
// third-party files are read only by the conformance suite (tests/conformance/corpus.h).
std::filesystem::path sample_page();

// Whether `text` has `needle` in it; whether any of `lines` has (warnings, for instance).
inline bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}
inline bool any_contains(const std::vector<std::string>& lines, const std::string& needle) {
  for (const auto& line : lines)
    if (contains(line, needle)) return true;
  return false;
}

// The names of a talk's people, in order.
inline std::vector<std::string> names(const TalkInfo& t) {
  std::vector<std::string> out;
  for (const auto& p : t.people) out.push_back(p.name);
  return out;
}

// Checks the text fields of a parsed talk or event named in `want` ("title", "start", ...) against their
// expected values, each failure naming its field; the fields not named are not checked.
using ExpectedFields = std::vector<std::pair<std::string, std::string>>;
void check_fields(const TalkInfo& got, const ExpectedFields& want);
void check_fields(const EventInfo& got, const ExpectedFields& want);

// A source that read fine: what import_schedule records beside a schedule.
inline SourceRecord source_record(std::string uri = "/schedule", std::string kind = "test") {
  SourceRecord s;
  s.uri = std::move(uri);
  s.kind = std::move(kind);
  s.status = "ok";
  return s;
}

inline TalkInfo talk_info(std::string key, std::string title, std::string kind = "talk", std::string start = "") {
  TalkInfo t;
  t.key = std::move(key);
  t.title = std::move(title);
  t.kind = std::move(kind);
  t.start = std::move(start);
  return t;
}

// A table-of-contents item: `title` at `start` seconds, from `source`, with `key`.
inline TocEntry toc_entry(std::string key, double start, std::string title, std::string source) {
  TocEntry e;
  e.key = std::move(key);
  e.start = start;
  e.title = std::move(title);
  e.source = std::move(source);
  return e;
}

// A day recording at `uri` whose items place the schedule's talks: each {talk key, title, start, end}, as
// schedule items ("schedule:KEY") belonging to the talk.
struct TalkSlot {
  std::string key, title;
  double start = 0;
  std::optional<double> end;
};
inline RecordingInfo day_recording(std::string uri, const std::vector<TalkSlot>& slots) {
  RecordingInfo r;
  r.uri = std::move(uri);
  for (const auto& s : slots)
    r.items.push_back({"schedule:" + s.key, s.start, s.end, s.title, kTocSchedule, 0.5, std::nullopt, s.key});
  return r;
}

// A schedule of one event (key and title) and its talks.
inline Schedule schedule_of(std::string event_key, std::string event_title, std::vector<TalkInfo> talks = {}) {
  Schedule s;
  s.event.key = std::move(event_key);
  s.event.title = std::move(event_title);
  s.talks = std::move(talks);
  return s;
}

}  // namespace talkdex::test
