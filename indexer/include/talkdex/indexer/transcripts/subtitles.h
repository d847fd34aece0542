// Transcripts: WebVTT and SubRip files read into cues, and cues grouped into passages for the index.
//
// Pure functions over bytes already in memory; nothing here opens a file.
//  - parse_webvtt follows the WebVTT parser of the 2019 W3C draft as implemented by Mozilla's vtt.js
//    (whose test data is the conformance suite): a bad signature fails the file; a cue whose timings do
//    not parse is skipped (a warning naming its line when `warnings` is given); NOTE, STYLE and REGION
//    blocks are read past. Cue text is kept raw, tags and character references as written, as the
//    WebVTT "cue text" is; strip_cue_markup gives the plain words.
//  - parse_srt reads SubRip in UTF-8 (with or without BOM), UTF-16/32 LE/BE (by BOM; UTF-16 also without
//    one, told by its NUL bytes) and, when the bytes are not valid UTF-8, windows-1252. Index lines may be
//    missing; milliseconds follow ',' or '.'. A malformed timing line, or one whose end comes before its
//    start, skips that cue with a warning naming the line, or with strict=true fails the whole file.
//  - group_passages joins consecutive cues into passages of about target_seconds of speech.
// Errors come back as Failure{source_name, "line N: reason"}; nothing throws.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/model.h"

namespace talkdex {

struct Cue {
  std::string id;                                  // WebVTT cue identifier or SubRip index; may be empty
  double start = 0, end = 0;                       // seconds
  std::string text;                                // raw cue text, lines joined with '\n'
  std::map<std::string, std::string> settings;     // WebVTT cue settings as raw key -> value ("align" -> "start")
};

Result<std::vector<Cue>> parse_webvtt(std::string_view content, const std::string& source_name,
                                      std::vector<std::string>* warnings = nullptr);

Result<std::vector<Cue>> parse_srt(std::string_view bytes, const std::string& source_name, bool strict = false,
                                   std::vector<std::string>* warnings = nullptr);

// The words of a cue: WebVTT/HTML tags (<v Joe>, <i>, <font ...>, <00:01.000>) and SubRip/ASS override
// blocks ({\an8}) removed, character references (&amp; &lt; &gt; &nbsp; &lrm; &rlm; &quot; &#39; &#NNN;)
// decoded, line breaks kept.
std::string strip_cue_markup(std::string_view text);

// A stretch of a transcript as it is indexed: plain text, and where in it each cue's words begin with
// the cue's time, so that a hit jumps to the words it matched.
struct Passage {
  double start = 0, end = 0;
  std::string text;
  // For captions with word timings: the start of each word of `text` (split at spaces), in order.
  std::vector<double> word_starts{};
  std::vector<CueTime> cues{};
};

// Consecutive cues joined into passages of about target_seconds each (a passage closes once it spans the
// target, or half of it at a sentence end, or before a silence longer than the target). Markup is
// stripped, and lines repeated by rolling (roll-up) captions, where each cue repeats the line before, are
// kept once. Cues with no words are skipped. Cues are taken in the order given. Captions with word timings
// (<00:00:01.520> inside cues, as YouTube's automatic ones) are read word by word: each word once, and
// each passage starts at its first word's own time.
std::vector<Passage> group_passages(const std::vector<Cue>& cues, double target_seconds = 30);

}  // namespace talkdex
