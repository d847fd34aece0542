// Captions with word timings (YouTube's rolled-up automatic captions): each spoken word once, at its own
// time, and passages made of them. Internal to talkdex_indexer; group_passages uses it.
#pragma once

#include <string>
#include <vector>

#include "talkdex/indexer/transcripts/subtitles.h"

namespace talkdex {

struct TimedWord {
  double start = 0;  // seconds
  std::string word;
};

// The words of cues that carry inline timestamps (<00:00:01.520>), each once: only the new (last) line
// of a rolled-up cue is read, and a cue that shows the finished line again adds nothing. Empty when no
// cue has a timestamp (the cues are then read as plain captions).
std::vector<TimedWord> timed_words(const std::vector<Cue>& cues);

// The words in passages of about target_seconds (closed before a silence longer than that); each
// passage starts at its first word and keeps every word's start in Passage::word_starts.
std::vector<Passage> group_timed_words(const std::vector<TimedWord>& words, double target_seconds);

}  // namespace talkdex
