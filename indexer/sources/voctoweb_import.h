// Importing a media.ccc.de (voctoweb) conference: the conference document, then every event document in
// parallel, then the subtitle files of the events that changed, all with conditional requests; written
// in one batch.
//
// Each event document is a source of its own, a part of the conference's (SourceRecord::parent_id), with
// its validators: re-reading an unchanged conference sends one conditional request per document and
// writes nothing. An event whose guid is a talk another source wrote (the congress's schedule.xml) joins
// that talk: its recordings and transcripts attach to it and the schedule's talk stays as it is.
// An event that fails (404, an HTML page, cut-short JSON) is a part failure naming its URL; the others
// are imported, and the failed one keeps what it imported before.
#pragma once

#include <optional>
#include <string>

#include "talkdex/indexer/import/importer.h"
#include "talkdex/store.h"

namespace talkdex {

// The conference document as the Importer fetched it.
struct FetchedDocument {
  std::string item;                      // as given
  std::string uri;                       // the source's identity
  std::optional<SourceRecord> previous;  // the source as last imported
  bool not_modified = false;             // a 304 or the same content hash: no body to read
  std::string content;
  std::string content_type;
  std::string etag, last_modified, hash;
};

ImportOutcome import_voctoweb(Store& store, const ImportOptions& options, const FetchedDocument& conference);

}  // namespace talkdex
