// Importing a recording: probed with libav (headers only), attached to a talk or an event, with its
// table of contents from every source at hand: chapters embedded in the media, chapter files beside it
// (NAME.chapters.vtt, NAME.ffmetadata, NAME.chapters.json), and, when the wall-clock time it begins is
// known (--starts), the schedule of the event it covers.
#pragma once

#include <string>

#include "talkdex/indexer/import/importer.h"

namespace talkdex {

ImportOutcome import_recording(Store& store, const ImportOptions& options, const std::string& item,
                               const std::string& uri);

}  // namespace talkdex
