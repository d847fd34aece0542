// Slide detection written into the archive: a recording's detected table of contents, with thumbnails.
//
// detect_recording_toc() runs detect_slides() on a recording (imported before or not: a new one is
// probed and added), turns the slides into table-of-contents items of source "detected" and writes
// them in ONE store transaction at the end, replacing the recording's earlier detected items. Until that
// write nothing in the store changes, so a failure or an interruption leaves it exactly as it was.
//  - Items: key "detected:<start in ms>", title the slide's first line of text (or "Slide N"), the
//    slide's text, confidence from the detection, talk_key the recording's talk (for a session
//    recording: the talk whose schedule item the slide falls after).
//  - Items of other sources win at the same place (within kDetectedYieldSeconds): the slide is not
//    added, and that item gets its text and thumbnail when it has none (see Store::put_recording).
//  - Thumbnails: ARCHIVE/thumbs/<16 hex digits of the SHA-256 of the recording's URI>/slide-NNNNNNN.jpg,
//    stored on the items relative to the archive folder. They are written to a staging folder first and
//    moved in after the store write; files no item refers to any more are removed.
// Errors: a Failure naming the recording (what detect_slides or probe_recording reported, "interrupted",
// a thumbnail folder that cannot be written). The store's own errors throw talkdex::Error.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/model.h"
#include "talkdex/indexer/slides/slide_detect.h"

namespace talkdex {

class Store;

struct TocDetectOptions {
  DetectOptions detect;                  // its thumbnail_dir is set here, from archive_folder
  std::filesystem::path archive_folder;  // where thumbs/ lives; empty: no thumbnails
};

struct TocDetectOutcome {
  std::string uri;
  std::int64_t recording_id = 0;
  Detection detection;
  int detected = 0;       // detected items written
  int yielded = 0;        // slide changes at the place of an item of another source
  bool changed = false;   // whether the store changed
};

Result<TocDetectOutcome> detect_recording_toc(Store& store, const std::string& path_or_url,
                                              const TocDetectOptions& options);

// "thumbs/0123456789abcdef": the recording's thumbnail folder, relative to the archive folder.
std::string thumbnail_folder(const std::string& uri);

// The items a detection becomes, given the recording's other items (`existing`, any source; detected ones
// are ignored): detected entries for the slides that fall in no other item's place, and the other items
// that take a slide's text or thumbnail. `thumbs` is the thumbnail folder relative to the archive
// (empty: thumbnails are left out); `talk_key` is the recording's own talk, if it has one.
std::vector<TocEntry> detected_entries(const Detection& detection, const std::vector<TocEntry>& existing,
                                       const std::string& thumbs, const std::string& talk_key, int* yielded);

// The slide's first line of text, shortened to a title; "" when it has none.
std::string title_from_slide_text(const std::string& text);

}  // namespace talkdex
