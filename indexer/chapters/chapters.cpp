// Repair of chapter lists, their stable keys, the format names and the writer dispatch.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/limits.h"
#include "talkdex/text.h"
#include "chapters/chapters_internal.h"

namespace talkdex {
namespace {

long long to_ms(double seconds) { return std::llround(seconds * 1000.0); }

// "'Intro' at 0:01:02" — how a warning names an item.
std::string describe(const TocEntry& item) {
  // Milliseconds only where they are held exactly: a start read from a file can be any double.
  const bool exact = std::fabs(item.start) < limits::kMaxChapterSeconds;
  long long ms = exact ? to_ms(item.start) : 0;
  std::string at = std::isfinite(item.start) ? format_hms(item.start) : std::string("?");
  if (exact && ms % 1000 != 0) at += fmt::format(".{:03}", std::llabs(ms % 1000));
  if (item.start < 0) at = fmt::format("-{}", format_hms(-item.start));
  return fmt::format("chapter \"{}\" at {}", item.title, at);
}

}  // namespace

std::string format_vtt_time(double seconds) {
  long long ms = std::llround(std::max(0.0, seconds) * 1000.0);
  return fmt::format("{:02}:{:02}:{:02}.{:03}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
}

std::string chapter_key(const std::string& source, double start) {
  return fmt::format("{}:{}", source, to_ms(start));
}

ChapterList repair_chapters(std::vector<TocEntry> items, std::optional<double> duration) {
  ChapterList out;
  auto& warnings = out.warnings;
  if (duration && !(*duration > 0)) duration.reset();

  std::vector<TocEntry> kept;
  for (TocEntry& item : items) {
    if (!std::isfinite(item.start) || item.start < 0) {
      warnings.push_back(describe(item) + " dropped: it starts before the recording");
    } else if (item.start >= limits::kMaxChapterSeconds) {
      warnings.push_back(describe(item) + fmt::format(" dropped: it starts at or after {} (the limit)",
                                                      format_hms(limits::kMaxChapterSeconds)));
    } else if (duration && item.start >= *duration) {
      warnings.push_back(describe(item) + fmt::format(" dropped: it starts at or after the end of the recording ({})",
                                                      format_hms(*duration)));
    } else {
      kept.push_back(std::move(item));
    }
  }

  for (size_t i = 1; i < kept.size(); ++i) {
    if (kept[i].start < kept[i - 1].start) {
      warnings.push_back(describe(kept[i]) + " was out of order; chapters sorted by start");
      break;
    }
  }
  std::stable_sort(kept.begin(), kept.end(), [](const TocEntry& a, const TocEntry& b) { return a.start < b.start; });

  std::vector<TocEntry> unique;
  for (TocEntry& item : kept) {
    if (!unique.empty() && to_ms(unique.back().start) == to_ms(item.start)) {
      TocEntry& first = unique.back();
      if (item.title == first.title)
        warnings.push_back(describe(item) + " is listed twice; merged");
      else
        warnings.push_back(describe(item) + fmt::format(" starts with \"{}\"; merged into it", first.title));
      if (!first.end && item.end) first.end = item.end;
      continue;
    }
    unique.push_back(std::move(item));
  }

  for (size_t i = 0; i < unique.size(); ++i) {
    TocEntry& item = unique[i];
    std::optional<double> next = i + 1 < unique.size() ? std::optional<double>(unique[i + 1].start) : std::nullopt;
    std::optional<double> limit = next ? next : duration;
    if (item.end && !(std::isfinite(*item.end) && *item.end > item.start)) {
      warnings.push_back(describe(item) + fmt::format(" ends at {}, not after its start; end replaced", *item.end));
      item.end = limit;
    } else if (item.end && *item.end > limits::kMaxChapterSeconds) {
      warnings.push_back(describe(item) + fmt::format(" ends after {} (the limit); end replaced",
                                                      format_hms(limits::kMaxChapterSeconds)));
      item.end = limit;
    } else if (item.end && next && *item.end > *next + 1e-9) {
      warnings.push_back(describe(item) + fmt::format(" overlaps the next chapter; its end {} becomes {}",
                                                      format_hms(*item.end), format_hms(*next)));
      item.end = next;
    } else if (item.end && !next && duration && *item.end > *duration + 1e-9) {
      warnings.push_back(describe(item) + fmt::format(" ends after the recording; its end {} becomes {}",
                                                      format_hms(*item.end), format_hms(*duration)));
      item.end = duration;
    } else if (!item.end) {
      item.end = limit;  // lists without ends are read this way, not repaired
    }
    if (trim(item.title).empty()) {
      item.title = fmt::format("Chapter {}", i + 1);
      warnings.push_back(describe(item) + " had no title; named by its position");
    }
    if (item.key.empty()) item.key = chapter_key(item.source, item.start);
  }
  out.items = std::move(unique);
  return out;
}

std::optional<ChapterFormat> chapter_format_from_name(std::string_view name) {
  std::string n = to_lower_ascii(name);
  if (n == "vtt") return ChapterFormat::Vtt;
  if (n == "ffmetadata") return ChapterFormat::FfMetadata;
  if (n == "youtube") return ChapterFormat::Youtube;
  if (n == "json") return ChapterFormat::Json;
  return std::nullopt;
}

std::string_view chapter_format_name(ChapterFormat format) {
  switch (format) {
    case ChapterFormat::Vtt: return "vtt";
    case ChapterFormat::FfMetadata: return "ffmetadata";
    case ChapterFormat::Youtube: return "youtube";
    case ChapterFormat::Json: return "json";
  }
  return "";
}

Result<ChapterList> finish_chapters(std::vector<TocEntry> items, std::optional<double> duration,
                                    const std::string& source_name, std::vector<std::string> warnings) {
  if (items.size() > limits::kMaxChaptersPerInput)
    return Failure{source_name, limits::limit_reason("chapters", limits::kMaxChaptersPerInput), ErrorCode::invalid_input};
  for (auto& e : items)
    if (cut_to_bytes(e.title, limits::kMaxTitleBytes))
      warnings.push_back(fmt::format("{}: the title of the chapter at {} is longer than {} bytes (the limit): cut there",
                                     source_name, format_hms(e.start), limits::kMaxTitleBytes));
  ChapterList list = repair_chapters(std::move(items), duration);
  for (std::string& w : list.warnings) warnings.push_back(source_name + ": " + w);
  list.warnings = std::move(warnings);
  return list;
}

std::optional<double> end_for_writing(const std::vector<TocEntry>& items, size_t i, std::optional<double> duration) {
  if (items[i].end) return items[i].end;
  if (i + 1 < items.size()) return items[i + 1].start;
  return duration;
}

std::string write_chapters(const std::vector<TocEntry>& items, ChapterFormat format, std::optional<double> duration) {
  switch (format) {
    case ChapterFormat::Vtt: return write_chapters_vtt(items, duration);
    case ChapterFormat::FfMetadata: return write_ffmetadata(items, duration);
    case ChapterFormat::Youtube: return write_youtube(items);
    case ChapterFormat::Json: return write_chapters_json(items, duration);
  }
  return {};
}

}  // namespace talkdex
