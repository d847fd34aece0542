// WebVTT chapters and talkdex's JSON chapter list: readers and writers.
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "import/json_input.h"
#include "chapters/chapters_internal.h"
#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/indexer/transcripts/subtitles.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {


// A title as WebVTT cue text: '&', '<' and '>' as character references (so no "-->" and no tag can
// appear), line ends as '\n', and no empty line, which would end the cue.
std::string vtt_cue_text(std::string_view title) {
  std::string out;
  for (size_t i = 0; i < title.size(); ++i) {
    char c = title[i];
    if (c == '\r') {
      if (i + 1 < title.size() && title[i + 1] == '\n') ++i;
      c = '\n';
    }
    if (c == '\n' && (out.empty() || out.back() == '\n')) continue;
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// A time in the JSON: seconds, or "H:MM:SS(.mmm)" text.
std::optional<double> json_time(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) return parse_hms(v.get<std::string>());
  return std::nullopt;
}

}  // namespace

Result<ChapterList> parse_chapters_vtt(std::string_view content, const std::string& source_name) {
  std::vector<std::string> warnings;
  auto cues = parse_webvtt(content, source_name, &warnings);
  if (!cues.ok()) return cues.failure();
  std::vector<TocEntry> items;
  for (const Cue& cue : cues.value()) {
    TocEntry item;
    item.start = cue.start;
    if (cue.end != cue.start) item.end = cue.end;  // a zero-length cue marks a point, not a span
    item.title = trim(strip_cue_markup(cue.text));
    item.source = kTocFile;
    item.confidence = 1.0;
    items.push_back(std::move(item));
  }
  return finish_chapters(std::move(items), std::nullopt, source_name, std::move(warnings));
}

Result<ChapterList> parse_chapters_json(std::string_view content, const std::string& source_name) {
  if (auto deep = json_input::too_deep_at(content)) return Failure{source_name, json_input::too_deep_reason(*deep), ErrorCode::invalid_input};
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(content);
  } catch (const nlohmann::json::parse_error& e) {
    return Failure{source_name, fmt::format("invalid JSON: {}", json_input::short_reason(e)), ErrorCode::invalid_input};
  } catch (const nlohmann::json::out_of_range&) {
    // nlohmann-json reports a number past a double's range (1e400) so, not as a parse_error.
    return Failure{source_name, "invalid JSON: a number too large to read", ErrorCode::invalid_input};
  }
  const nlohmann::json* list = &doc;
  if (doc.is_object()) {
    auto it = doc.find("chapters");
    if (it == doc.end()) return Failure{source_name, "no \"chapters\" array in the JSON object", ErrorCode::invalid_input};
    list = &*it;
  }
  if (!list->is_array()) return Failure{source_name, "\"chapters\" is not an array", ErrorCode::invalid_input};

  std::vector<TocEntry> items;
  for (size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& c = (*list)[i];
    std::string where = fmt::format("chapters[{}]", i);
    if (!c.is_object()) return Failure{source_name, where + ": not an object", ErrorCode::invalid_input};
    auto field = [&](const char* a, const char* b) -> const nlohmann::json* {
      if (auto it = c.find(a); it != c.end() && !it->is_null()) return &*it;
      if (auto it = c.find(b); it != c.end() && !it->is_null()) return &*it;
      return nullptr;
    };
    TocEntry item;
    item.source = kTocFile;
    item.confidence = 1.0;
    const nlohmann::json* start = field("start", "start_time");
    if (!start) return Failure{source_name, where + ": no \"start\"", ErrorCode::invalid_input};
    auto s = json_time(*start);
    if (!s) return Failure{source_name, fmt::format("{}: start {} is not seconds or H:MM:SS", where, start->dump()), ErrorCode::invalid_input};
    item.start = *s;
    if (const nlohmann::json* end = field("end", "end_time")) {
      auto e = json_time(*end);
      if (!e) return Failure{source_name, fmt::format("{}: end {} is not seconds or H:MM:SS", where, end->dump()), ErrorCode::invalid_input};
      item.end = *e;
    }
    if (const nlohmann::json* title = field("title", "name")) {
      if (!title->is_string()) return Failure{source_name, where + ": title is not text", ErrorCode::invalid_input};
      item.title = title->get<std::string>();
    }
    items.push_back(std::move(item));
  }
  return finish_chapters(std::move(items), std::nullopt, source_name, {});
}

std::string write_chapters_vtt(const std::vector<TocEntry>& items, std::optional<double> duration) {
  std::string out = "WEBVTT\n";
  for (size_t i = 0; i < items.size(); ++i) {
    // A cue needs an end; with none known, a zero-length cue, which the reader takes as "no end".
    double end = end_for_writing(items, i, duration).value_or(items[i].start);
    out += fmt::format("\n{} --> {}\n", format_vtt_time(items[i].start), format_vtt_time(end));
    std::string text = vtt_cue_text(items[i].title);
    if (!text.empty()) out += text + "\n";
  }
  return out;
}

std::string write_chapters_json(const std::vector<TocEntry>& items, std::optional<double> duration) {
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = 0; i < items.size(); ++i) {
    nlohmann::json c;
    c["start"] = round_ms(items[i].start);
    if (auto end = end_for_writing(items, i, duration)) c["end"] = round_ms(*end);
    c["title"] = items[i].title;
    list.push_back(std::move(c));
  }
  nlohmann::json doc;
  doc["chapters"] = std::move(list);
  // Invalid UTF-8 in a title is replaced rather than thrown on: the titles come from files.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace talkdex
