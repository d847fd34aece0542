// Small text and time helpers shared by every module: trimming, case and accent folding, name keys,
// and the H:MM:SS form of offsets. Pure functions, no state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace talkdex {

std::string trim(std::string_view s);
std::string to_lower_ascii(std::string_view s);
// Collapses runs of white space (including non-breaking spaces) into one space and trims.
std::string collapse_space(std::string_view s);
// Folds Latin accents to their base letters ("Müller" -> "Muller", "Œ" -> "OE"); other text is kept.
std::string fold_accents(std::string_view s);
// The key people are matched by: accents folded, lower case, punctuation dropped, spaces collapsed.
std::string person_key(std::string_view name);
std::vector<std::string> split(std::string_view s, char sep);
// Every occurrence of `from` replaced by `to`, left to right; the result is not scanned again. An empty
// `from` leaves `s` as it is.
std::string replace_all(std::string_view s, std::string_view from, std::string_view to);
bool starts_with_icase(std::string_view s, std::string_view prefix);
// Appends a code point as UTF-8; surrogates, NUL and values past U+10FFFF become U+FFFD.
void append_utf8(std::string& out, char32_t cp);
// Replaces invalid UTF-8 sequences with U+FFFD, so everything stored is valid text.
std::string sanitize_utf8(std::string_view s);
// Text from files as it may reach a terminal: every control character (C0, DEL and C1, so ESC, BEL and
// CSI, which would retitle the window or clear the screen) becomes U+FFFD, tabs and line breaks a space
// (line breaks kept with keep_newlines), invalid UTF-8 U+FFFD. The one filter of every human-readable
// printer of the command; JSON output escapes control characters itself and stays exact.
std::string terminal_text(std::string_view s, bool keep_newlines = false);
// Cuts `s` to at most `max_bytes`, on a UTF-8 character boundary; whether it was longer.
bool cut_to_bytes(std::string& s, std::size_t max_bytes);

// "1 talk", "2 talks": a count with its noun agreeing.
std::string counted(long long n, std::string_view one, std::string_view many);

// Seconds rounded to the millisecond, as every time talkdex prints is (30.000000000000004 -> 30,
// 12.3456 -> 12.346): sums of offsets carry binary noise that means nothing to a reader.
double round_ms(double seconds);
// 3723.5 -> "1:02:03"; negative values are clamped to 0, infinity is "?".
std::string format_hms(double seconds);
// "1:02:03", "02:03", "1:02:03.250", "75" (seconds) -> seconds; nullopt when malformed.
std::optional<double> parse_hms(std::string_view s);

// Seconds since the Unix epoch for an ISO 8601 local time "YYYY-MM-DDTHH:MM[:SS][+HH:MM|Z]", treating
// a time without an offset as UTC (schedules are compared within one event, so the zone cancels out).
std::optional<long long> iso_to_epoch(std::string_view iso);
// The inverse, without offset: "YYYY-MM-DDTHH:MM:SS".
std::string epoch_to_iso(long long epoch);
// The current time in UTC as "YYYY-MM-DDTHH:MM:SSZ".
std::string now_utc_iso();

}  // namespace talkdex
