// Where each talk really starts in a session recording.
//
// A session recording imported with its wall-clock start (`import --starts`) has one "schedule" item per
// talk at the scheduled offset, which is off by minutes when the session ran late or the recording began
// late. plan_alignment() moves each talk's start to the slide change within `window` seconds of the
// scheduled offset whose slide text best matches the talk's title and speakers:
//  - score = the share of the talk's words (title and speaker names, lower case, accents folded, short
//    and common words left out) found on the slide; a word of 5 letters or more also matches a slide word
//    one edit away, since OCR misreads a letter now and then;
//  - the best score wins, the earlier slide on a tie (a title slide comes before slides that repeat the
//    title); below min_score the talk stays where it was;
//  - talks keep their order: a talk never moves to or before the new start of the talk before it.
// apply_alignment() gives the recording's items after the shifts: each moved schedule item starts at its
// slide, with confidence raised to kAlignedConfidence, that slide's text and thumbnail, and its end
// re-chained to the next talk's start; the slide it carried at its old place (if any) becomes a detected
// item there again; detected items belong to the talk they now fall in. The items stay of source
// "schedule": importing the recording with --starts again puts the scheduled offsets back (run align
// again).
// Pure functions: no I/O, nothing fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "talkdex/model.h"

namespace talkdex {

inline constexpr double kAlignedConfidence = 0.9;

struct AlignOptions {
  double window = 600;     // seconds either side of the scheduled offset
  double min_score = 0.5;  // share of the talk's words that must be on the slide
};

// The talk as align sees it.
struct AlignTalk {
  std::string key;
  std::string title;
  std::vector<std::string> speakers;
};

struct TalkShift {
  std::string talk_key;
  std::string title;
  std::string item_key;              // the schedule item moved
  double old_start = 0;
  std::optional<double> new_start;   // none when no slide in the window matched well enough
  double score = 0;                  // of the best slide in the window, matched or not
  std::string matched_text;          // that slide's text
  std::string matched_key;           // and its item's key
  std::string reason;                // why the talk did not move, when it did not
};

// `items`: all items of one recording. Talks without a schedule item in it are left out.
std::vector<TalkShift> plan_alignment(const std::vector<TocEntry>& items, const std::vector<AlignTalk>& talks,
                                      const AlignOptions& options = {});

// All items of the recording once the shifts are applied (see above).
std::vector<TocEntry> apply_alignment(const std::vector<TocEntry>& items, const std::vector<TalkShift>& shifts);

// The share of the talk's words found in `slide_text` (0..1).
double talk_match(const AlignTalk& talk, const std::string& slide_text);

}  // namespace talkdex
