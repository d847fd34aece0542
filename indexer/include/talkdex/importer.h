// `talkdex import`: reads one input (a file path, later a URL), tells its kind, parses it and writes it to
// the store in one transaction.
//
// Promises: an input that fails (missing, unreadable, of no known kind, malformed) comes back as an
// ImportOutcome with a Failure naming it, and the store is exactly as before; the other inputs of the
// same command go on. Importing an unchanged input again changes nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/input_kind.h"
#include "talkdex/model.h"

namespace talkdex {

class Store;

struct ImportOptions {
  std::optional<InputKind> kind;           // --kind: skip detection
  std::optional<int> year;                 // --year: for pages that give dates without a year
  std::optional<std::int64_t> event_id;    // --event: the event a recording or chapter list belongs to
  std::optional<std::int64_t> talk_id;     // --talk: the talk a recording or chapter list belongs to
  std::optional<std::string> starts;       // --starts HH:MM: wall-clock time a recording begins
};

struct ImportOutcome {
  std::string item;                        // the path or URL as given
  std::optional<InputKind> kind;
  std::optional<Failure> failure;          // set when the input was not imported
  std::vector<std::string> warnings;       // what the parser did not understand or repaired
  std::string summary;                     // one line: what was added, updated, removed
  bool changed = false;                    // whether the store changed
  bool ok() const { return !failure; }
};

class Importer {
 public:
  Importer(Store& store, ImportOptions options);
  ImportOutcome import(const std::string& item);

 private:
  Result<Schedule> parse_schedule(InputKind kind, const std::string& content, const std::string& item);

  Store& store_;
  ImportOptions options_;
};

// Reads a whole file; a Failure names the path and the reason (missing, a folder, unreadable).
Result<std::string> read_input_file(const std::string& path);

}  // namespace talkdex
