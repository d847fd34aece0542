#include "talkdex/source_refresh.h"

#include <fmt/format.h>

#include <optional>

#include "talkdex/importer.h"
#include "talkdex/input_kind.h"
#include "talkdex/scan_state.h"
#include "talkdex/store.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

// The hash the importer stores with a source (importer.cpp, source_for). If the two ever differ, a
// source is parsed again on every run, but the batch below still keeps an unchanged one from writing.
std::string importer_content_hash(const std::string& content) {
  return fmt::format("{:016x}-{}", std::hash<std::string>{}(content), content.size());
}

void record_failure(Store& store, const SourceRecord& source, const std::string& reason, RefreshReport& report) {
  report.failures.push_back({source.uri, reason});
  if (source.status == "failed" && source.error == reason) return;  // known already: write nothing new
  SourceRecord s = source;
  s.status = "failed";
  s.error = reason;
  s.fetched_at = now_utc_iso();
  store.record_source_attempt(s);
}

void record_recovery(Store& store, const SourceRecord& source) {
  if (source.status != "failed") return;
  SourceRecord s = source;
  s.status = "ok";
  s.error.clear();
  s.fetched_at = now_utc_iso();
  store.record_source_attempt(s);
}

void refresh_local(Store& store, const SourceRecord& source, RefreshReport& report) {
  auto content = read_input_file(source.uri);
  if (!content) return record_failure(store, source, content.failure().reason, report);
  if (!source.content_hash.empty() && importer_content_hash(*content) == source.content_hash) {
    ++report.unchanged;
    return record_recovery(store, source);
  }
  ImportOptions options;
  options.kind = kind_from_name(source.kind);
  std::optional<Failure> failure;
  {
    WriteBatch batch(store);
    ImportOutcome out = Importer(store, options).import(source.uri);
    for (const auto& w : out.warnings) report.warnings.push_back(source.uri + ": " + w);
    if (!out.ok()) {
      failure = *out.failure;  // the batch rolls back: what the source gave before stays
    } else {
      auto after = store.source(source.uri);
      bool learned = out.changed || (after && after->content_hash != source.content_hash);
      if (learned) {
        batch.commit();
        ++report.imported;
      } else {
        ++report.unchanged;
      }
    }
  }
  if (failure) return record_failure(store, source, failure->reason, report);
  if (auto now = store.source(source.uri)) record_recovery(store, *now);
}

}  // namespace

RefreshReport refresh_sources(Store& store, const RefreshOptions& options) {
  RefreshReport report;
  for (const SourceRecord& source : store.sources()) {
    if (options.should_stop && options.should_stop()) break;
    bool local = !source.uri.empty() && source.uri[0] == '/';
    // http(s) sources are fetched with conditional requests once the fetch module is in (fetch.h);
    // until then the importer reads local files only, so a store holds no URL sources.
    if (!local) {
      ++report.skipped;
      continue;
    }
    ++report.checked;
    refresh_local(store, source, report);
  }
  return report;
}

}  // namespace talkdex
