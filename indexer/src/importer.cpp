#include "talkdex/importer.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "import_chapters.h"
#include "import_recording.h"
#include "import_transcript.h"
#include "import_ytdlp.h"
#include "talkdex/sha256.h"
#include "talkdex/schedule_formats.h"
#include "talkdex/store.h"
#include "talkdex/text.h"
#include "talkdex/voctoweb.h"
#include "talkdex/workshop_page.h"
#include "voctoweb_import.h"

namespace talkdex {
namespace fs = std::filesystem;

// One input, read or fetched, ready to parse.
struct Importer::Input {
  std::string item;                     // as given
  std::string uri;                      // absolute path or URL: the source's identity
  std::optional<SourceRecord> previous; // the source as last imported
  std::optional<Failure> failure;       // reading or fetching failed
  bool not_modified = false;            // the content is what was imported last time
  bool media = false;                   // a recording: probed, not read whole
  std::string content;
  std::string content_type;             // URLs only
  std::string etag, last_modified, hash;
};

namespace {

std::string describe(const ImportSummary& s) {
  if (!s.changed()) return "unchanged";
  return fmt::format("{} added, {} updated, {} removed, {} unchanged; {} written", counted(s.talks_added, "talk", "talks"),
                     s.talks_updated, s.talks_removed, s.talks_unchanged, counted(s.items_written, "chapter", "chapters"));
}

bool is_chapter_kind(InputKind k) {
  return k == InputKind::ChaptersVtt || k == InputKind::FfMetadata || k == InputKind::YoutubeDescription ||
         k == InputKind::ChaptersJson;
}

}  // namespace

bool is_url(const std::string& item) { return starts_with_icase(item, "http://") || starts_with_icase(item, "https://"); }

Result<std::string> read_input_file(const std::string& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return Failure{path, "no such file"};
  if (fs::is_directory(status)) return Failure{path, "is a folder, not a file (talkdex follow DIR takes in the recordings in it)"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Failure{path, std::string("cannot read: ") + std::strerror(errno)};
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Failure{path, "cannot read"};
  return ss.str();
}

// A local file whose first bytes are a media container (or --kind media): it is probed, not read whole.
bool Importer::is_media_file(const std::string& path) const {
  if (options_.kind) return *options_.kind == InputKind::Media;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  return detect_kind(path, head) == InputKind::Media || looks_like_media_url(path);
}

Importer::Importer(Store& store, ImportOptions options) : store_(store), options_(std::move(options)) {}

ImportOutcome Importer::import(const std::string& item) { return import_all({item}).front(); }

std::vector<ImportOutcome> Importer::import_all(const std::vector<std::string>& items) {
  std::vector<Input> inputs(items.size());
  std::vector<FetchRequest> requests;
  std::vector<size_t> fetched;  // inputs[fetched[i]] answers requests[i]
  for (size_t i = 0; i < items.size(); ++i) {
    Input& in = inputs[i];
    in.item = items[i];
    in.uri = is_url(items[i]) ? items[i] : fs::absolute(items[i]).lexically_normal().string();
    in.previous = store_.source(in.uri);
    if (is_url(items[i]) && (looks_like_media_url(items[i]) || options_.kind == InputKind::Media)) {
      in.media = true;  // probed where it is, never downloaded whole
      continue;
    }
    if (is_url(items[i])) {
      FetchRequest r{in.uri, "", "", ""};
      if (in.previous && in.previous->status != "failed") {
        r.etag = in.previous->etag;
        r.last_modified = in.previous->last_modified;
        r.previous_hash = in.previous->content_hash;
      }
      requests.push_back(std::move(r));
      fetched.push_back(i);
      continue;
    }
    if (is_media_file(items[i])) {
      in.media = true;
      continue;
    }
    auto content = read_input_file(items[i]);
    if (!content) {
      in.failure = content.failure();
      continue;
    }
    in.content = std::move(*content);
    in.hash = sha256_hex(in.content);
    in.not_modified = in.previous && in.previous->status != "failed" && in.previous->content_hash == in.hash;
  }
  if (!requests.empty()) {
    auto results = fetch_all(requests, options_.fetch);
    for (size_t k = 0; k < results.size(); ++k) {
      Input& in = inputs[fetched[k]];
      FetchResult& r = results[k];
      if (r.failure) {
        in.failure = r.failure;
        continue;
      }
      in.not_modified = r.not_modified;
      in.content = std::move(r.body);
      in.content_type = r.content_type;
      in.etag = r.etag;
      in.last_modified = r.last_modified;
      in.hash = r.content_hash;
    }
  }
  // Schedules first, then recordings, then what attaches to a recording (chapter lists, transcripts), so
  // that `import talk.vtt talk.mp4` does what `import talk.mp4 talk.vtt` does. Outcomes keep the order given.
  auto stage = [&](const Input& in) {
    if (in.failure) return 0;
    if (in.media) return 1;
    std::optional<InputKind> kind = options_.kind;
    if (!kind && is_voctoweb_conference_url(in.uri)) kind = InputKind::Voctoweb;
    if (!kind) kind = detect_kind(in.uri, std::string_view(in.content).substr(0, 65536));
    if (!kind) return 0;
    switch (*kind) {
      case InputKind::Voctoweb:
      case InputKind::WorkshopPage:
      case InputKind::FrabXml:
      case InputKind::ScheduleJson:
        return 0;
      case InputKind::Media:
        return 1;
      default:
        return 2;
    }
  };
  std::vector<ImportOutcome> out(inputs.size());
  for (int s = 0; s <= 2; ++s) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      const Input& in = inputs[i];
      if (stage(in) != s) continue;
      out[i] = import_content(in);
      if (out[i].failure && in.previous) record_failure(in, *out[i].failure);
    }
  }
  return out;
}

void Importer::record_failure(const Input& input, const Failure& failure) {
  SourceRecord s = *input.previous;
  s.fetched_at = now_utc_iso();
  s.status = "failed";
  s.error = failure.message();
  store_.record_source_attempt(s);
}

Result<Schedule> Importer::parse_schedule(InputKind kind, const std::string& content, const std::string& item) {
  switch (kind) {
    case InputKind::WorkshopPage: {
      WorkshopPageOptions wo;
      wo.year = options_.year;
      if (is_url(item)) wo.url = item;
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

ImportOutcome Importer::import_content(const Input& in) {
  ImportOutcome out;
  out.item = in.item;
  if (in.failure) {
    out.failure = in.failure;
    return out;
  }
  if (in.media) return import_recording(store_, options_, in.item, in.uri);
  std::optional<InputKind> kind = options_.kind;
  if (!kind && in.previous) kind = kind_from_name(in.previous->kind);
  if (!kind && is_voctoweb_conference_url(in.uri)) kind = InputKind::Voctoweb;
  if (!kind) kind = detect_kind(in.uri, std::string_view(in.content).substr(0, 65536));
  if (!kind) {
    out.failure = Failure{in.item, "not a kind of input talkdex knows (use --kind to say which it is)"};
    return out;
  }
  out.kind = kind;
  // A conference is read with its events: a 304 on the conference still re-reads each of them.
  if (*kind == InputKind::Voctoweb)
    return import_voctoweb(store_, options_, FetchedDocument{in.item, in.uri, in.previous, in.not_modified, in.content,
                                                             in.content_type, in.etag, in.last_modified, in.hash});
  // A file read with a different --year must be parsed again; a 304 has no body to parse.
  if (in.not_modified && (is_url(in.item) || !options_.year)) {
    out.summary = "unchanged";
    return out;
  }
  if (!in.content_type.empty() && !content_type_matches(in.content_type, *kind)) {
    out.failure = Failure{in.item, fmt::format("the server sent {} where {} was expected", in.content_type, kind_name(*kind))};
    return out;
  }
  if (is_chapter_kind(*kind)) return import_chapter_file(store_, options_, in.item, in.content, *kind);
  if (*kind == InputKind::Subtitles) return import_transcript_file(store_, options_, in.item, in.content);
  if (*kind == InputKind::YtdlpInfo) return import_ytdlp_info(store_, in.uri, in.content);

  Result<Schedule> schedule = parse_schedule(*kind, in.content, in.item);
  if (!schedule) {
    out.failure = schedule.failure();
    return out;
  }
  out.warnings = schedule->warnings;
  SourceRecord source;
  source.uri = in.uri;
  source.kind = std::string(kind_name(*kind));
  source.content_hash = in.hash;
  source.etag = in.etag;
  source.last_modified = in.last_modified;
  source.fetched_at = now_utc_iso();
  source.status = "ok";
  ImportSummary s = store_.import_schedule(source, *schedule);
  out.changed = s.changed();
  out.summary = describe(s);
  return out;
}

}  // namespace talkdex
