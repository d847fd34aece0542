// talkdex align, the library side: the talks of session recordings in the store moved to the slide change
// whose text matches them (plan_alignment in talk_align.h), with the slides detected first where the
// recording has no slide text yet. The command only picks the talks, prints the report and updates the
// index.
//
// Per-recording failures (no OCR, a recording that cannot be read) come back in the report and the other
// recordings go on; a talk or event that names no session recording throws Error.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/indexer/slides/talk_align.h"
#include "talkdex/store.h"

namespace talkdex {

struct AlignRequest {
  std::optional<std::int64_t> talk_id;   // this talk only, in every session recording that schedules it
  std::optional<std::int64_t> event_id;  // or every talk of this event
  AlignOptions options;
  bool apply = false;                    // write the moves (and the slides detected on the way)
  std::filesystem::path archive_folder;  // where detected slides' thumbnails go when applying
  std::function<bool()> cancelled;       // polled between recordings and inside slide detection
  // Told about a recording whose slides are detected first (it has no slide text yet).
  std::function<void(const RecordingRow&)> detecting;
};

struct RecordingAlignment {
  RecordingRow recording;
  struct Shift {
    std::int64_t talk_id = 0;
    TalkShift shift;
  };
  std::vector<Shift> shifts;  // of the requested talks, in the recording's order
};

struct AlignReport {
  std::vector<RecordingAlignment> recordings;
  std::vector<Failure> failures;  // recordings that could not be aligned
  int moved = 0;                  // talks given a new start
  bool changed = false;           // the store was written (slides detected or starts moved)
  bool interrupted = false;       // cancelled() said stop; nothing after that point was written
};

// Session recordings with a schedule item of the request's talk, or of any talk of its event.
std::vector<RecordingRow> session_recordings(Store& store, const AlignRequest& request);

// Throws Error when the request names no session recording (or neither or both of talk and event).
AlignReport align_recordings(Store& store, const AlignRequest& request);

}  // namespace talkdex
