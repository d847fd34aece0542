// Re-reading the sources of an archive: the part of `talkdex index` that takes in changed schedules.
//
// Promises:
//  - Each source the store remembers is read again by the Importer: URLs all at once with conditional
//    requests (the stored ETag, Last-Modified and content hash), files by their content hash; only a
//    changed one is parsed and written, so an archive whose sources did not change is neither parsed
//    nor written.
//  - Sources that are parts of another (a media.ccc.de conference's event documents) are read again with
//    their parent, each with its own conditional request, never on their own.
//  - Sources that are neither an absolute path nor an http(s) URL (generated or pasted ones) are skipped.
//  - A source that fails (gone, unreachable, no longer parses) keeps what it imported before; the
//    failure is recorded on the source (status "failed", the reason) and retried on the next run. A
//    repeated identical failure writes nothing new. A source that recovers is marked "ok" again.
// Errors: per-source failures come back in RefreshReport::failures; store errors throw talkdex::Error.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/indexer/fetch/fetch.h"

namespace talkdex {

class Store;

struct RefreshOptions {
  FetchOptions fetch;  // for the URL sources: parallel transfers, timeouts, retries
};

struct RefreshReport {
  std::int64_t checked = 0;     // sources read again
  std::int64_t unchanged = 0;   // same content as last time
  std::int64_t imported = 0;    // changed, parsed and written
  std::int64_t skipped = 0;     // not re-readable (neither a path nor a URL)
  std::vector<Failure> failures;
  std::vector<std::string> warnings;  // what the parsers did not understand
};

RefreshReport refresh_sources(Store& store, const RefreshOptions& options = {});

}  // namespace talkdex
