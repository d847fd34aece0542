// What a document's data holds for a hit (documents.cpp writes it as a JSON object), read in one pass.
//
// A served search reads the data of every hit on its page; building nlohmann's JSON tree for it (a
// std::map per object, a copy of every string, and nlohmann's lexer) cost 8% of the request. This reads
// the same JSON in one pass (json_events.h) straight into the fields a hit uses and skips the rest. What
// the tree gave is kept: a field of another type than expected is as absent, a key given twice counts by
// its last value, and data that is not a JSON object (or not JSON) gives `object == false` with every
// field empty.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "talkdex/model.h"
#include "talkdex/search.h"

namespace talkdex::search_detail {

struct HitData {
  bool object = false;                  // the data was a JSON object; nothing below is set otherwise
  std::optional<std::int64_t> talk_id;  // when the document belongs to a talk
  std::string title, event, kind, start, link, text;
  std::vector<std::string> speakers;
  std::optional<double> offset;
  std::optional<Moment> moment;
  // A passage's where each word begins (seconds), or its cues with the recording's address.
  std::optional<std::vector<double>> word_starts;
  std::optional<std::vector<CueTime>> cues;
  std::optional<std::string> uri;
};

// Never throws on bad data: what cannot be read is as absent (see above).
HitData read_hit_data(std::string_view json);

}  // namespace talkdex::search_detail
