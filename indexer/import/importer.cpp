#include "talkdex/indexer/import/importer.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "import/import_chapters.h"
#include "import/import_recording.h"
#include "import/import_transcript.h"
#include "sources/import_ytdlp.h"
#include "import/input_file.h"
#include "talkdex/limits.h"
#include "talkdex/sha256.h"
#include "talkdex/indexer/schedule/schedule_formats.h"
#include "talkdex/store.h"
#include "talkdex/text.h"
#include "talkdex/indexer/sources/voctoweb.h"
#include "talkdex/indexer/schedule/workshop_page.h"
#include "sources/voctoweb_import.h"

namespace talkdex {
namespace fs = std::filesystem;

// One input, read or fetched, ready to parse.
struct Importer::Input {
  std::string item;                     // as given
  std::string uri;                      // absolute path or URL: the source's identity
  std::optional<SourceRecord> previous; // the source as last imported
  Status status;                        // not ok when reading or fetching failed
  bool ok() const { return status.ok(); }
  const Failure& failure() const { return status.failure(); }
  bool not_modified = false;            // the content is what was imported last time
  bool media = false;                   // a recording: probed, not read whole
  bool pipe = false;                    // read from a pipe: its uri is "pipe:" and the content's hash
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
  auto file = InputFile::open(path, InputUse::Beside);
  if (!file) return file.failure();
  return file->read_all();
}

// A local input named by the user: a recording (its first bytes a media container, or --kind media) is
// probed where it is, anything else read whole, once: a pipe cannot be read a second time.
void Importer::read_local(Input& in) const {
  // A pipe has the same time to arrive as a fetched body (import --deadline).
  auto file = InputFile::open(in.item, InputUse::Named, options_.fetch.deadline_s);
  if (!file) {
    in.status = file.failure();
    return;
  }
  bool media = options_.kind && *options_.kind == InputKind::Media;
  if (!options_.kind) {
    auto head = file->head(4096);
    if (!head) {
      in.status = head.failure();
      return;
    }
    media = detect_kind(in.item, *head) == InputKind::Media || looks_like_media_url(in.item);
  }
  if (media && file->is_pipe()) {
    in.status = Failure{in.item, "a recording cannot be read from a pipe: save it to a file first", ErrorCode::invalid_input};
    return;
  }
  if (media) {
    in.media = true;
    return;
  }
  auto content = file->read_all();
  if (!content) {
    in.status = content.failure();
    return;
  }
  in.content = std::move(*content);
  in.hash = sha256_hex(in.content);
  if (file->is_pipe()) {
    // A pipe is gone once read: it is a source of its own content, which `index` cannot read again.
    in.pipe = true;
    in.uri = "pipe:" + in.hash;
    in.previous = store_.source(in.uri);
  }
  in.not_modified = in.previous && in.previous->status != "failed" && in.previous->content_hash == in.hash;
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
    read_local(in);
  }
  if (!requests.empty()) {
    auto results = fetch_all(requests, options_.fetch);
    for (size_t k = 0; k < results.size(); ++k) {
      Input& in = inputs[fetched[k]];
      FetchResult& r = results[k];
      if (!r.ok()) {
        in.status = r.fetch_status;
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
    if (!in.ok()) return 0;
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
      if (!out[i].ok() && in.previous) record_failure(in, out[i].failure());
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
      return Failure{item, fmt::format("{} input is not supported yet", kind_name(kind)), ErrorCode::invalid_input};
  }
}

ImportOutcome Importer::import_content(const Input& in) {
  ImportOutcome out = import_read(in);
  if (in.pipe && out.ok())
    out.warnings.push_back("read from a pipe: kept as a one-shot source (" + in.uri.substr(0, 17) +
                           "…), which index does not read again");
  return out;
}

ImportOutcome Importer::import_read(const Input& in) {
  ImportOutcome out;
  out.item = in.item;
  if (!in.ok()) {
    out.status = in.status;
    return out;
  }
  if (in.media) return import_recording(store_, options_, in.item, in.uri);
  std::optional<InputKind> kind = options_.kind;
  if (!kind && in.previous) kind = kind_from_name(in.previous->kind);
  if (!kind && is_voctoweb_conference_url(in.uri)) kind = InputKind::Voctoweb;
  if (!kind) kind = detect_kind(in.uri, std::string_view(in.content).substr(0, 65536));
  if (!kind) {
    out.status = Failure{in.item, in.content.empty() ? "is empty"
                                                      : "not a kind of input talkdex knows (use --kind to say which it is)", ErrorCode::invalid_input};
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
    out.status = Failure{in.item, fmt::format("the server sent {} where {} was expected", in.content_type, kind_name(*kind)), ErrorCode::invalid_input};
    return out;
  }
  if (*kind == InputKind::Subtitles || (is_chapter_kind(*kind) && *kind != InputKind::ChaptersJson)) {
    if (Status s = check_line_lengths(in.content, in.item); !s) {
      out.status = s.failure();
      return out;
    }
  }
  if (is_chapter_kind(*kind)) return import_chapter_file(store_, options_, in.item, in.content, *kind);
  if (*kind == InputKind::Subtitles) return import_transcript_file(store_, options_, in.item, in.content);
  if (*kind == InputKind::YtdlpInfo) return import_ytdlp_info(store_, in.uri, in.content);

  Result<Schedule> schedule = parse_schedule(*kind, in.content, in.item);
  if (!schedule) {
    out.status = schedule.failure();
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
  if (schedule->talks.size() > limits::kMaxTalksPerInput) {
    out.status = Failure{in.item, limits::limit_reason("talks", limits::kMaxTalksPerInput), ErrorCode::invalid_input};
    return out;
  }
  ImportSummary s = store_.import_schedule(source, *schedule, options_.prune);
  if (s.kept_as_partial)
    out.warnings.push_back(fmt::format(
        "{} of the {} talks imported from it before are missing, more than half: kept, as this looks like a "
        "partial export (import --prune removes them)",
        s.talks_kept, s.talks_before));
  else if (s.talks_kept)
    out.warnings.push_back(fmt::format("{} {} the schedule no longer has kept: a recording is attached to {} "
                                       "(import --prune removes {})",
                                       s.talks_kept, s.talks_kept == 1 ? "talk" : "talks",
                                       s.talks_kept == 1 ? "it" : "each", s.talks_kept == 1 ? "it" : "them"));
  out.changed = s.changed();
  out.summary = describe(s);
  return out;
}

}  // namespace talkdex
