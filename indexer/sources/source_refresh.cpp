#include "talkdex/indexer/sources/source_refresh.h"

#include <map>

#include "talkdex/indexer/import/importer.h"
#include "talkdex/scan_state.h"
#include "talkdex/store.h"

namespace talkdex {

RefreshReport refresh_sources(Store& store, const RefreshOptions& options) {
  RefreshReport report;
  std::vector<std::string> items;
  std::map<std::string, SourceRecord> previous;
  for (const SourceRecord& source : store.sources()) {
    if (source.parent_id) continue;  // a part of another source (a conference's event): read with it
    bool local = !source.uri.empty() && source.uri[0] == '/';
    if (!local && !is_url(source.uri)) {
      ++report.skipped;
      continue;
    }
    items.push_back(source.uri);
    previous[source.uri] = source;
  }
  if (items.empty()) return report;
  report.checked = static_cast<std::int64_t>(items.size());

  // The importer reads every source again: conditional requests for URLs, a content hash for files, and
  // only changed ones are parsed and written. A source that fails again with the same error would
  // still have its attempt rewritten; the batch keeps a run that learned nothing from writing anything.
  ImportOptions io;
  io.fetch = options.fetch;
  WriteBatch batch(store);
  auto outcomes = Importer(store, io).import_all(items);
  bool learned = false;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const ImportOutcome& o = outcomes[i];
    const SourceRecord& before = previous[items[i]];
    for (const auto& w : o.warnings)
      report.warnings.push_back(w.starts_with(items[i] + ": ") ? w : items[i] + ": " + w);
    for (const auto& f : o.part_failures) report.failures.push_back(f);
    if (!o.part_failures.empty()) learned = true;  // the parts' failures are recorded (new ones only)
    if (!o.ok()) {
      report.failures.push_back(o.failure());
      if (before.status != "failed" || before.error != o.failure().message()) learned = true;
    } else if (o.changed) {
      ++report.imported;
      learned = true;
    } else {
      ++report.unchanged;
      if (before.status == "failed") learned = true;  // it recovered: its source row says so now
    }
  }
  if (learned) batch.commit();
  return report;
}

}  // namespace talkdex
