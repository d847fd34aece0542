// media.ccc.de (voctoweb) public API: a conference document, its event documents and their recordings.
//
// The API (https://api.media.ccc.de/public/conferences/ACRONYM) answers JSON: the conference names its
// events, each with the `url` of its own document; an event document holds the talk (guid, title,
// persons, ...) and its `recordings`, each a file in one language and format.
//
// Promises:
//  - parse_voctoweb_conference / parse_voctoweb_event read what they need and nothing more: an unknown
//    field is ignored, a missing optional one is empty. A document that is not JSON (an HTML login or
//    captcha page), is cut short, or lacks a required field comes back as a Failure naming the item and
//    the reason (the JSON path of the field, or the byte where the JSON breaks).
//  - The talk keeps the event's guid as its key, the frab guid of the congress's schedule.xml, so that
//    the recordings join a talk imported from the schedule.
//  - choose_recordings keeps one video per language (h264 before webm, high quality first, then the
//    larger picture), audio files as alternatives (links, not recordings), subtitle files (text/vtt,
//    application/x-subrip) as transcripts to fetch; a recording of any other type is a warning.
// Nothing here fetches or writes; import_voctoweb (importer) does that.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "talkdex/error.h"
#include "talkdex/model.h"

namespace talkdex {

struct VoctowebConference {
  std::string acronym;
  std::string title;
  std::string url;                      // the conference's own API url
  std::vector<std::string> event_urls;  // each event document, in the conference's order
  EventInfo event;                      // the archive's event for the conference
};

struct VoctowebRecording {
  std::string url;        // recording_url
  std::string mime_type;  // "video/mp4", "audio/mpeg", "text/vtt", ...
  std::string language;   // "eng", "deu", "eng-deu", ...
  std::string folder;     // "h264-hd", "webm-sd", "mp3", ...
  bool high_quality = false;
  int width = 0, height = 0;
  std::optional<double> length;  // seconds
};

struct VoctowebEvent {
  TalkInfo talk;  // key = guid; links: frontend_link, thumbnails
  std::vector<VoctowebRecording> recordings;
};

// What an event's recordings become.
struct VoctowebMedia {
  std::vector<VoctowebRecording> videos;     // one per language: recordings of the talk
  std::vector<VoctowebRecording> audio;      // alternatives: links of the talk
  std::vector<VoctowebRecording> subtitles;  // transcripts to fetch
  std::vector<std::string> warnings;         // recordings of types talkdex does not use
};

Result<VoctowebConference> parse_voctoweb_conference(const std::string& json, const std::string& item);
Result<VoctowebEvent> parse_voctoweb_event(const std::string& json, const std::string& item);
VoctowebMedia choose_recordings(const std::vector<VoctowebRecording>& recordings);

// Whether a URL is a voctoweb conference document (…/public/conferences/ACRONYM on any host, so that
// a mirror or a test server is read the same way as media.ccc.de).
bool is_voctoweb_conference_url(const std::string& url);

// Whether a JSON document's first bytes look like a voctoweb conference ("acronym" and "events", and
// not the "schedule" of a frab schedule.json).
bool looks_like_voctoweb_conference(std::string_view head);

}  // namespace talkdex
