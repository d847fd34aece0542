// Chapter lists: read from WebVTT chapters, FFmpeg ffmetadata, YouTube description lines and talkdex's
// JSON, repaired into a clean table of contents, and written back in any of those formats.
//
// Pure functions over text in memory; nothing here opens a file or touches the store.
// Every parser returns its items through repair_chapters, so what comes back is sorted by start, has
// no duplicates or overlaps, and carries stable keys; whatever was repaired or ignored is a line in
// ChapterList::warnings naming the item or input line (nothing is dropped silently).
// Items come back with source = kTocFile and confidence 1.0 (the times are explicit in the file).
// Errors: input that is not of the format, or a value that cannot be read (a bad number, a bad escape),
// comes back as Failure{source_name, "line N: reason"}.
//
// Stable keys: an item's key is "<source>:<start in milliseconds>" (e.g. "file:754000"). It depends only
// on what the item is (its source and where it starts), not on its position or title, so importing the
// same file again gives the same keys and the store updates the items in place, and a chapter whose
// title was corrected keeps its key (and whatever points at it). Two items of one source cannot start at
// the same millisecond, since repair merges such duplicates, so keys are unique within a recording.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/model.h"

namespace talkdex {

struct ChapterList {
  std::vector<TocEntry> items;
  std::vector<std::string> warnings;
};

// WebVTT cues as chapters (NAME.chapters.vtt): cue text, markup stripped, is the title; a cue whose end
// equals its start has no end.
Result<ChapterList> parse_chapters_vtt(std::string_view content, const std::string& source_name);

// ";FFMETADATA1" files: [CHAPTER] sections with TIMEBASE=num/den (default 1/1000000000), START, END and
// title=; a missing START takes the previous chapter's END. Backslash escapes '=', ';', '#', '\' and a
// newline. Keys before the first section (the file's own metadata) and other sections are ignored.
Result<ChapterList> parse_ffmetadata(std::string_view content, const std::string& source_name);

// A video description (plain text, or the HTML YouTube used to serve) with lines such as "00:00 Intro",
// "1:02:03 - Title", "Title 12:34", "[12:34] Title", "1. Title (12:34)". At least two timestamped lines
// are needed, else the list is empty (with a warning). Ends come from the next start and `duration`.
Result<ChapterList> parse_youtube_description(std::string_view content, const std::string& source_name,
                                              std::optional<double> duration = std::nullopt);

// talkdex's JSON: {"chapters":[{"start":0,"end":12.5,"title":"..."}]} or a bare array of such items.
// "start"/"end" may be seconds or "H:MM:SS(.mmm)" text; "start_time"/"end_time" (youtube-dl's
// info.json) are read too.
Result<ChapterList> parse_chapters_json(std::string_view content, const std::string& source_name);

// Sorts by start; drops negative starts and starts at or after `duration`; merges items that start at
// the same millisecond (the first keeps its title); an end that is missing, not after the start, or past
// the next item's start becomes the next item's start; the last item's missing end, or one past the
// duration, becomes the duration when known; empty titles become "Chapter N"; items without a key get the
// stable key above. Every change except filling a missing end (which is how YouTube and ffmetadata lists
// without END are meant to be read) adds a warning naming the item.
ChapterList repair_chapters(std::vector<TocEntry> items, std::optional<double> duration);

// The stable key of an item: "<source>:<start in ms>".
std::string chapter_key(const std::string& source, double start);

enum class ChapterFormat { Vtt, FfMetadata, Youtube, Json };

// "vtt", "ffmetadata", "youtube", "json" (any case); nullopt for anything else.
std::optional<ChapterFormat> chapter_format_from_name(std::string_view name);
std::string_view chapter_format_name(ChapterFormat format);

// The items in a format its parser reads back: same starts (to the millisecond; whole seconds for
// YouTube, whose lines have no fractions), ends and titles. Limits of the formats themselves: a YouTube
// line holds one line of title (newlines become spaces) and no ends (they come back from the next start
// and the duration); WebVTT cue text cannot hold a blank line (runs of newlines become one).
// Unknown ends are written from the next start or `duration` where the format needs one (WebVTT).
std::string write_chapters(const std::vector<TocEntry>& items, ChapterFormat format,
                           std::optional<double> duration = std::nullopt);

}  // namespace talkdex
