// `talkdex import`: reads inputs (file paths and http/https URLs), tells each one's kind, parses it and
// writes it to the store in one transaction per input.
//
// Promises:
//  - An input that fails (missing, unreadable, unreachable, of no known kind, malformed, the wrong
//    content type) comes back as an ImportOutcome with a Failure naming it; its previous good import
//    stays as it was, and the other inputs of the same call go on. When an input that was imported
//    before fails, its source row records the failure (status "failed" and the error); a new input that
//    fails writes nothing.
//  - Unchanged inputs cost no parse and no write: a URL answered with 304 (or a body with the same
//    SHA-256 as last time), a file with the same SHA-256.
//  - A source keeps its kind: an input imported before is read as the kind it was, unless --kind says.
//  - URLs are fetched together, in parallel (FetchOptions::jobs), before anything is written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/indexer/fetch/fetch.h"
#include "talkdex/indexer/import/input_kind.h"
#include "talkdex/model.h"

namespace talkdex {

class Store;

struct ImportOptions {
  std::optional<InputKind> kind;           // --kind: skip detection
  std::optional<int> year;                 // --year: for pages that give dates without a year
  std::optional<std::int64_t> event_id;    // --event: the event a recording covers
  std::optional<std::int64_t> talk_id;     // --talk: the talk a recording, chapter list or transcript belongs to
  std::optional<std::string> starts;       // --starts HH:MM: wall-clock time a recording begins
  bool prune = false;                      // --prune: remove every talk a schedule no longer has (Store::import_schedule)
  FetchOptions fetch;                      // for URLs
};

struct [[nodiscard]] ImportOutcome {
  std::string item;                        // the path or URL as given
  std::optional<InputKind> kind;
  Status status;                           // not ok when the input was not imported
  std::vector<std::string> warnings;       // what the parser did not understand or repaired
  // Parts of the input that failed while the rest was imported (one event of a conference answering 404):
  // each names the part and the reason. The input's outcome is still ok().
  std::vector<Failure> part_failures;
  std::string summary;                     // one line: what was added, updated, removed
  bool changed = false;                    // whether the store changed
  bool ok() const { return status.ok(); }
  const Failure& failure() const { return status.failure(); }  // when not ok()
};

class Importer {
 public:
  Importer(Store& store, ImportOptions options);
  // Imports every item; outcomes[i] answers items[i].
  std::vector<ImportOutcome> import_all(const std::vector<std::string>& items);
  ImportOutcome import(const std::string& item);

 private:
  struct Input;
  ImportOutcome import_content(const Input& input);
  ImportOutcome import_read(const Input& input);
  Result<Schedule> parse_schedule(InputKind kind, const std::string& content, const std::string& item);
  void record_failure(const Input& input, const Failure& failure);
  void read_local(Input& input) const;

  Store& store_;
  ImportOptions options_;
};

// Reads a whole file found by talkdex (a sidecar, a followed folder's file), within the limits of
// talkdex/limits.h; a Failure names the path and the reason (missing, a folder, not a regular file, larger
// than kMaxInputBytes, unreadable).
Result<std::string> read_input_file(const std::string& path);
// Whether the item is an http(s) URL rather than a path.
bool is_url(const std::string& item);

}  // namespace talkdex
