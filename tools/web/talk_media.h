// What a talk page plays: the talk, its items and recordings, the local recording the player opens and
// where the talk begins in it; and the WebVTT files of that recording's chapters and transcript.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "talkdex/store.h"

namespace talkdex::web {

struct TalkMedia {
  TalkRow talk;
  std::vector<TocRow> items;              // every item of the talk, by recording and ordinal
  std::vector<RecordingRow> recordings;   // the talk's own and the session recordings it is in
  std::optional<RecordingRow> played;     // the local recording the page plays, if any
  double talk_start = 0;                  // seconds into `played` where the talk begins
};

// True for a recording that is a file on this machine (not a URL) that exists.
bool is_local_file(const RecordingRow& recording);

// The talk named by `ref` (HttpError 404 when none) and what its page plays: the recording `recording_id`
// when it is one of the talk's local recordings (HttpError 404 when it is not), else the first local one
// that has items of the talk, else the first local one.
TalkMedia talk_media(Store& store, const std::string& ref, std::optional<std::int64_t> recording_id = std::nullopt);

// "00:01:02.500"
std::string vtt_time(double seconds);
// The talk's items in the played recording as WebVTT chapters (cue text escaped); "WEBVTT" alone if none.
std::string chapters_vtt(const TalkMedia& media);
// The played recording's transcript passages of the talk as WebVTT cues.
std::string transcript_vtt(const std::vector<PassageRow>& passages);
// The passages of the talk in the played recording, in its first language.
std::vector<PassageRow> talk_passages(Store& store, const TalkMedia& media);

}  // namespace talkdex::web
