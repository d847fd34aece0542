// Conference schedule exports: frab/pentabarf schedule.xml and the frab/pretalx schedule.json.
//
// Both parsers read the whole document from memory into a Schedule (model.h) and never touch the store.
//  - The event: key "frab:" + the conference acronym (or "frab:" + a slug of the title when there is
//    no acronym; the same key from either format, so the XML and JSON of one conference are one event),
//    kind "conference", title, date of the first day, start/end, venue (+ city), url (base_url, else url).
//  - One TalkInfo per scheduled event. Its key is the frab/pretalx guid; without a guid, the event key +
//    "/" + the pretalx code, else + "/" + the numeric id. A key seen twice gets "#2", "#3"... and a warning.
//    start is ISO 8601 local time with the source's UTC offset when it gives one ("2019-08-21T11:00:00+02:00",
//    from the event's <date>/"date"; else the day's date + start, with the offset of the day's start);
//    end = start + duration, with the same offset. kind is the type in lower case, frab's "lecture" -> "talk".
//    abstract is the abstract, then a blank line and the description when both exist. People are speakers.
//    links and attachments become Links; recording links (<recording><url>/<link>, video_download_url)
//    become Links titled "Recording".
//  - Schedule::warnings lists events with an unreadable time or duration and renamed duplicate keys.
//
// Real exports rarely validate against their schemas, so reading is lenient where it costs nothing:
// missing optional elements are empty, unknown ones are ignored.
// Errors (a Failure naming `source_name` and the reason; nothing is thrown for bad input):
//  - content that is not UTF-8 ("not UTF-8 at byte N"); XML may instead declare ISO-8859-1 or carry a
//    UTF-16/UTF-32 byte-order mark, which pugixml converts;
//  - XML: malformed XML (with the byte offset), an HTML page, a root other than <schedule>, no events;
//  - JSON: malformed JSON (with the byte offset), and the first place where the document breaks what the
//    schema requires of the fields talkdex reads: schedule.version, conference.title/acronym/days,
//    days[].rooms, and per event its id (integer), guid/code, title, date or start, duration or end,
//    room, persons, links (named by a path such as schedule.conference.days[0].rooms["Curie"][3].id);
//    no events at all.
#pragma once

#include <string>
#include <string_view>

#include "talkdex/error.h"
#include "talkdex/model.h"

namespace talkdex {

// frab/pentabarf/pretalx schedule.xml (https://c3voc.de/schedule/schema.xsd).
Result<Schedule> parse_frab_xml(std::string_view content, const std::string& source_name);

// frab/pretalx schedule.json (https://c3voc.de/schedule/schema.json).
Result<Schedule> parse_schedule_json(std::string_view content, const std::string& source_name);

}  // namespace talkdex
