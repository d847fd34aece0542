// Helpers shared by the test suites: temporary folders, file I/O, the project's own sample inputs.
#pragma once

#include <filesystem>
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

// A schedule of one event (key and title) and its talks.
inline Schedule schedule_of(std::string event_key, std::string event_title, std::vector<TalkInfo> talks = {}) {
  Schedule s;
  s.event.key = std::move(event_key);
  s.event.title = std::move(event_title);
  s.talks = std::move(talks);
  return s;
}

}  // namespace talkdex::test
