// Scanning the followed folders for recordings: the part of `talkdex index` and `talkdex watch` that
// finds new, changed and vanished recordings and writes them to the store.
//
// Promises:
//  - Recordings are told by content (detect_kind on the first bytes), not by extension. Names that start
//    with a dot (partial downloads, editor files) are skipped, and symbolic links are not followed.
//  - A file whose size and mtime match the last scan is not opened. When they differ, a fingerprint of
//    the first and last MiB (and the size) decides: the same fingerprint only updates the scan record;
//    a different one (or a new file) is probed, and the recording and its embedded chapters are written.
//  - A recording is attached to a talk when the store already has the recording under this path (a
//    schedule linked it) or when the file name without extension is a talk's key.
//  - A file that disappeared from a followed folder loses its recording (and the recording's items);
//    a followed folder that is missing or unreadable is an error and its recordings are kept.
//  - Writes go to the store in batches of one transaction each; a file that fails (unreadable, not a
//    valid recording) is recorded with its error and retried on the next scan; it never stops the scan.
//  - A scan that finds nothing new writes nothing.
// Errors: per-file failures come back in ScanReport::failures; store errors throw talkdex::Error.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "talkdex/error.h"

namespace talkdex {

class Store;

struct ScanOptions {
  std::function<bool()> should_stop;  // asked between files; true ends the scan cleanly (watch's Ctrl-C)
  std::size_t batch_size = 32;        // files probed and then written in one transaction
  // Told about each file that was probed, removed or failed ("added", "updated", "removed", "failed").
  std::function<void(const std::string& path, const std::string& what)> on_file;
};

struct ScanReport {
  std::int64_t files_seen = 0;          // regular files found under the followed folders
  std::int64_t unchanged = 0;           // same size and mtime as last time: not opened
  std::int64_t touched = 0;             // size or mtime changed, same fingerprint: not probed
  std::int64_t probed = 0;              // recordings probed (new, changed, or retried after a failure)
  std::int64_t recordings_written = 0;  // probed recordings that changed the store
  std::vector<std::string> written;     // their paths (for the opt-in slide detection of `index --detect`)
  std::int64_t recordings_removed = 0;  // recordings whose file went away or stopped being media
  std::int64_t not_media = 0;           // files newly seen (or changed) whose content is not a recording
  std::int64_t transcripts_read = 0;    // new or changed NAME.vtt / NAME.srt read for the recording beside them
  std::vector<Failure> failures;        // files and folders that failed, with the reason
  std::vector<std::string> warnings;    // a recording's subtitle stream or transcript file it could not read
  bool stopped = false;                 // should_stop ended the scan early
};

// Scans every followed folder recursively.
ScanReport scan_followed_folders(Store& store, const ScanOptions& options = {});

// Scans only these paths (files, or folders taken recursively), each of which must lie under a
// followed folder: for watch, which knows which files changed. A path that no longer exists loses its
// recording(s).
ScanReport scan_paths(Store& store, const std::vector<std::string>& paths, const ScanOptions& options = {});

// Hex digest of the first and last MiB of a file and its size; a Failure when it cannot be read.
Result<std::string> file_fingerprint(const std::string& path);

}  // namespace talkdex
