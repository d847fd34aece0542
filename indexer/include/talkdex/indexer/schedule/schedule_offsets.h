// Where a schedule's talks fall inside a recording that covers the event.
//
// When the wall-clock time a recording begins is known (a workshop page's "?tocitem=1" link on a talk,
// or `talkdex import --starts HH:MM`), every talk scheduled at or after that time becomes a
// table-of-contents item of the recording at (talk start - recording start) seconds. Such items are
// guesses from the schedule: source kTocSchedule, confidence 0.5, so chapters embedded in the media or
// given by hand win over them.
// Also here: which links point into a recording, and the recording a link points into.
// Pure functions, no I/O; nothing here fails (bad times yield no items).
#pragma once

#include <string>

#include "talkdex/model.h"

namespace talkdex {

// Replaces the schedule-sourced items of `recording` (source kTocSchedule; items of other sources are
// kept) with one item per talk of `schedule` that starts at or after recording.wallclock_start:
//   key "schedule:" + talk key; start = talk start - wallclock start, in seconds; end = the next item's
//   start, the last one's = its talk's end; title = the talk's title; confidence 0.5;
//   alias = the tocitem of the talk's link into this recording, if it has one; talk_key = the talk's key.
// When recording.talk_key is set, only that talk is considered. Without a wallclock start (or with one
// that is not an ISO time) the schedule items are only removed. Talks without a start are skipped, and
// so are talks with a tocitem link into another recording (that link is their moment).
void derive_schedule_items(RecordingInfo& recording, const Schedule& schedule);

// The recording a link points into: the URL without its fragment and without the query parameters that
// only select a position (tocitem, t, start, time_continue); other parameters (YouTube's v=) are kept.
// "https://videoken.com/embed/NJjqOnuvpKc?tocitem=1" -> "https://videoken.com/embed/NJjqOnuvpKc".
std::string recording_uri_of(const std::string& url);

// True for links to a recording: titled "Video"/"Recording", or with a tocitem, or on a known video host
// (YouTube, Vimeo, VideoKen, SlidesLive), or to a media file (.mp4, .webm, .mkv, .mov, .m4v, .mp3).
bool is_recording_link(const Link& link);

}  // namespace talkdex
