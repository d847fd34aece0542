#include "talkdex/importer.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "talkdex/store.h"
#include "talkdex/text.h"
#include "import_chapters.h"
#include "talkdex/schedule_formats.h"
#include "talkdex/workshop_page.h"

namespace talkdex {
namespace fs = std::filesystem;
namespace {

std::string describe(const ImportSummary& s) {
  if (!s.changed()) return "unchanged";
  return fmt::format("{} talks added, {} updated, {} removed, {} unchanged; {} chapters written", s.talks_added,
                     s.talks_updated, s.talks_removed, s.talks_unchanged, s.items_written);
}

SourceRecord source_for(const std::string& uri, InputKind kind, const std::string& content) {
  SourceRecord s;
  s.uri = uri;
  s.kind = std::string(kind_name(kind));
  s.content_hash = fmt::format("{:016x}-{}", std::hash<std::string>{}(content), content.size());
  s.status = "ok";
  s.fetched_at = now_utc_iso();
  return s;
}

}  // namespace

Result<std::string> read_input_file(const std::string& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return Failure{path, "no such file"};
  if (fs::is_directory(status)) return Failure{path, "is a folder, not a file"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Failure{path, std::string("cannot read: ") + std::strerror(errno)};
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Failure{path, "cannot read"};
  return ss.str();
}

Result<Schedule> Importer::parse_schedule(InputKind kind, const std::string& content, const std::string& item) {
  switch (kind) {
    case InputKind::WorkshopPage: {
      WorkshopPageOptions wo;
      wo.year = options_.year;
      return parse_workshop_page(content, item, wo);
    }
    case InputKind::FrabXml:
      return parse_frab_xml(content, item);
    case InputKind::ScheduleJson:
      return parse_schedule_json(content, item);
    default:
      return Failure{item, fmt::format("{} input is not supported yet", kind_name(kind))};
  }
}

Importer::Importer(Store& store, ImportOptions options) : store_(store), options_(std::move(options)) {}

ImportOutcome Importer::import(const std::string& item) {
  ImportOutcome out;
  out.item = item;
  auto content = read_input_file(item);
  if (!content) {
    out.failure = content.failure();
    return out;
  }
  std::string uri = fs::absolute(item).lexically_normal().string();
  std::optional<InputKind> kind = options_.kind ? options_.kind : detect_kind(item, std::string_view(*content).substr(0, 65536));
  if (!kind) {
    out.failure = Failure{item, "not a kind of input talkdex knows (use --kind to say which it is)"};
    return out;
  }
  out.kind = kind;
  switch (*kind) {
    case InputKind::ChaptersVtt:
    case InputKind::FfMetadata:
    case InputKind::YoutubeDescription:
    case InputKind::ChaptersJson:
      return import_chapter_file(store_, options_, item, *content, *kind);
    default:
      break;
  }
  Result<Schedule> schedule = parse_schedule(*kind, *content, item);
  if (!schedule) {
    out.failure = schedule.failure();
    return out;
  }
  out.warnings = schedule->warnings;
  ImportSummary s = store_.import_schedule(source_for(uri, *kind, *content), *schedule);
  out.changed = s.changed();
  out.summary = describe(s);
  return out;
}

}  // namespace talkdex
