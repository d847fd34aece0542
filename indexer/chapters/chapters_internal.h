// Pieces shared by the chapter parsers and writers; private to the indexer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/model.h"

namespace talkdex {

// Runs parsed items through repair_chapters: the parser's warnings first, then the repairs, each of
// those prefixed with the source name.
Result<ChapterList> finish_chapters(std::vector<TocEntry> items, std::optional<double> duration,
                            const std::string& source_name, std::vector<std::string> warnings);

// The end to write for items[i]: its own, else the next item's start, else the duration.
std::optional<double> end_for_writing(const std::vector<TocEntry>& items, size_t i, std::optional<double> duration);

// "HH:MM:SS.mmm", rounded to the millisecond.
std::string format_vtt_time(double seconds);

std::string write_chapters_vtt(const std::vector<TocEntry>& items, std::optional<double> duration);
std::string write_ffmetadata(const std::vector<TocEntry>& items, std::optional<double> duration);
std::string write_youtube(const std::vector<TocEntry>& items);
std::string write_chapters_json(const std::vector<TocEntry>& items, std::optional<double> duration);

}  // namespace talkdex
