// Row loaders shared by the store's writes (to compare before writing) and its reads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "talkdex/store.h"

namespace talkdex::rows {

std::optional<EventRow> load_event(sql::Database& db, std::int64_t id);
std::optional<TalkRow> load_talk(sql::Database& db, std::int64_t id);
std::optional<RecordingRow> load_recording_by_uri(sql::Database& db, const std::string& uri);
std::optional<SourceRecord> load_source(sql::Database& db, const std::string& uri);
std::vector<SourceRecord> load_sources(sql::Database& db);

}  // namespace talkdex::rows
