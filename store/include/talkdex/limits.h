// The limits on bad input, all in one place. talkdex reads untrusted files (schedules, API documents,
// chapter lists, subtitles, pages): each bound below keeps a hostile or broken input from filling memory,
// exhausting the stack or holding the archive's writer lock for days. Going past one is one clear line
// naming the item and the limit (limit_reason below), never a crash or a silent cut.
//
// Every value is named, with its reason, in the README's "Limits on bad input": change both together.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace talkdex::limits {

// Bytes read from one input, a local file, a pipe or a fetched body (a schedule of 10,000 events is ~8 MiB).
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;
// Bytes of one HTML page or abstract given to gumbo, which needs ~10–20 bytes of memory per byte of input.
inline constexpr std::size_t kMaxHtmlBytes = std::size_t{16} << 20;
// Open elements inside each other in HTML, as browsers bound their trees (Chromium: 512).
inline constexpr std::size_t kMaxHtmlDepth = 512;
// Parse errors gumbo keeps: each holds a copy of the open elements, which grows with the square of the depth.
inline constexpr int kMaxHtmlErrors = 100;
// Nesting of JSON arrays and objects, and of XML elements (real schedules nest fewer than 10).
inline constexpr std::size_t kMaxNestingDepth = 256;

// Talks (events of a schedule) in one input.
inline constexpr std::size_t kMaxTalksPerInput = 100000;
// Cues of one transcript.
inline constexpr std::size_t kMaxCuesPerInput = 1000000;
// Chapters (table-of-contents items) of one chapter list or recording.
inline constexpr std::size_t kMaxChaptersPerInput = 10000;

// Seconds of a time in a chapter list (a start or an end), 100,000 hours: later than any recording, and
// far below what talkdex's millisecond keys and chapter formats can hold (a JSON start can be 3e19).
inline constexpr double kMaxChapterSeconds = 100000.0 * 3600;

// Bytes of one title (a talk's, an event's, a chapter's): longer ones are cut there, with a warning.
inline constexpr std::size_t kMaxTitleBytes = 1000;
// Bytes of one line of a text input (SRT, WebVTT, ffmetadata, description, a text workshop page).
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;
// Bytes of one search query.
inline constexpr std::size_t kMaxQueryBytes = 2048;
// Words one trailing wildcard (regulari*) searches: the most frequent ones, and a note says when there
// are more.
inline constexpr unsigned kMaxWildcardExpansion = 200;

// Seconds one input may take to arrive: a fetch from its first request to its last byte, retries
// included, and a pipe from its opening to its end. The writer lock is held meanwhile.
inline constexpr long kInputDeadlineSeconds = 300;

// "more than 100000 talks (the limit)": the reason of a Failure for an input past a limit.
inline std::string limit_reason(std::string_view what, std::size_t limit) {
  return fmt::format("more than {} {} (the limit)", limit, what);
}

}  // namespace talkdex::limits
