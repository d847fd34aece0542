// The data every importer produces and the store keeps.
//
// A parser (workshop page, frab schedule.xml, schedule.json, chapter files, media probes) turns its input
// into these plain structs; the Store writes them in one transaction. Nothing here touches SQLite, so the
// parsers can be tested without a database.
//
// Times of day are kept as the schedule wrote them, in local time, as ISO 8601 text:
// "2019-06-15T08:45:00", with "+02:00" appended when the source gives the UTC offset.
// Offsets into recordings are seconds (double) from the start of the recording.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace talkdex {

// Roles of a person in a talk or event, as stored.
inline constexpr const char* kRoleSpeaker = "speaker";
inline constexpr const char* kRoleModerator = "moderator";
inline constexpr const char* kRolePanelist = "panelist";
inline constexpr const char* kRoleOrganizer = "organizer";

// Sources of table-of-contents items, strongest first.
inline constexpr const char* kTocManual = "manual";
inline constexpr const char* kTocSchedule = "schedule";
inline constexpr const char* kTocEmbedded = "embedded";
inline constexpr const char* kTocFile = "file";
inline constexpr const char* kTocDetected = "detected";

// A detected item this close (seconds) to an item of any other source is the same place: the other item
// wins, and takes the detected one's slide text and thumbnail when it has none.
inline constexpr double kDetectedYieldSeconds = 3.0;

struct PersonRef {
  std::string name;
  std::string affiliation;  // empty when unknown
  std::string role = kRoleSpeaker;

  bool operator==(const PersonRef&) const = default;
};

struct Link {
  std::string url;
  std::string title;               // "Video", "Slides", ...
  std::optional<int> tocitem;      // the N of a "?tocitem=N" link into a recording's table of contents

  bool operator==(const Link&) const = default;
};

// One item of a recording's table of contents (a chapter).
struct TocEntry {
  std::string key;                 // stable within the recording: the same item imported again keeps it
  double start = 0;                // seconds from the recording's start, >= 0
  std::optional<double> end;       // seconds; none when unknown
  std::string title;
  std::string source = kTocFile;   // one of the kToc* values
  double confidence = 1.0;         // 0..1
  std::optional<int> alias;        // tocitem number that resolves to this item
  std::string talk_key;            // the talk the item belongs to, when known
  // What slide detection saw at this item (kept when a write leaves them empty, so importing chapters
  // again does not erase them): the slide's text by OCR, and its thumbnail as a path relative to the
  // archive folder ("thumbs/<recording>/slide-0012345.jpg"). Defaulted, so that a brace list of the
  // fields above stays a complete initializer.
  std::string slide_text = {};
  std::string thumbnail = {};

  bool operator==(const TocEntry&) const = default;
};

// A recording (a media file or URL) and what is known of it.
struct RecordingInfo {
  std::string uri;                            // absolute path or http(s) URL
  std::string talk_key;                       // the talk it records; empty when it covers the whole event
  std::optional<std::string> wallclock_start; // ISO 8601 local time the recording begins
  std::optional<double> duration;             // seconds
  std::vector<TocEntry> items;

  bool operator==(const RecordingInfo&) const = default;
};

struct TalkInfo {
  std::string key;        // stable id: frab guid, pretalx code, or derived from the event, time and title
  std::string title;
  std::string subtitle;
  std::string kind;       // talk, invited talk, spotlight, panel, opening remarks, break, poster session, ...
  std::string start;      // ISO 8601 local time, empty when unknown
  std::string end;
  std::string abstract;
  std::string url;
  std::string room;
  std::string track;
  std::string language;
  std::vector<PersonRef> people;
  std::vector<Link> links;
  // What the schedule itself calls the talk, for naming it (`show frab:255`, `show SLUG`): the frab or
  // pretalx id ("255") and slug ("38c3-255-title"); empty when the schedule has none. Defaulted, so that
  // a brace list of the fields above stays a complete initializer.
  std::string schedule_id = {};
  std::string slug = {};

  bool operator==(const TalkInfo&) const = default;
};

struct EventInfo {
  std::string key;        // stable id of the event
  std::string title;
  std::string kind;       // workshop, conference, ...
  std::string venue;
  std::string room;
  std::string date;       // YYYY-MM-DD of the first day
  std::string start;      // ISO 8601 local time
  std::string end;
  std::string abstract;
  std::string url;
  std::vector<PersonRef> organizers;

  bool operator==(const EventInfo&) const = default;
};

// Where a cue's words begin in a passage's text, and when they are said: a hit on a word jumps to the
// cue that holds it, not to the passage's start.
struct CueTime {
  std::size_t at = 0;  // byte offset into the passage's text
  double start = 0;    // seconds from the recording's start

  bool operator==(const CueTime&) const = default;
};

// A stretch of a recording's transcript (about 30 seconds of speech): a search hit on its words opens the
// recording at the cue holding them (`cues`), else at `start`.
struct TranscriptPassage {
  double start = 0;                // seconds from the recording's start, >= 0
  std::optional<double> end;       // seconds; none when unknown
  std::string text;                // plain words, markup removed
  // When the captions time each word (YouTube's automatic ones): the start of every word of `text`
  // (split at spaces), so that a search jumps to the word rather than to the passage. Empty otherwise.
  std::vector<double> word_starts{};
  std::vector<CueTime> cues{};     // by `at`, ascending; empty when the cue times are not known

  bool operator==(const TranscriptPassage&) const = default;
};

// The key of the talk a recording becomes when it matches no talk of a schedule (a file in a followed
// folder): the recording's own talk, removed with it.
inline std::string own_talk_key(const std::string& recording_uri) { return "recording:" + recording_uri; }
inline bool is_own_talk_key(const std::string& key) { return key.rfind("recording:", 0) == 0; }

// What a schedule parser produces: one event, its talks, and the recordings its links point into.
struct Schedule {
  EventInfo event;
  std::vector<TalkInfo> talks;
  std::vector<RecordingInfo> recordings;
  std::vector<std::string> warnings;  // lines or fields the parser did not understand, never silently lost
};

}  // namespace talkdex
