// frab/pretalx schedule.json -> Schedule, with nlohmann-json.
//
// The document is checked while it is read, in document order, against what the schema requires of the
// fields talkdex uses; the first violation ends the read with its path. Fields talkdex does not read are
// not checked (real exports break the schema's slug and acronym patterns, and pretalx adds fields).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "import/json_input.h"
#include "schedule/schedule_common.h"
#include "talkdex/indexer/schedule/schedule_formats.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

using namespace schedule_detail;
// Ordered, so that rooms and events keep the export's order and "the first violation" means the first
// in the file.
using Json = nlohmann::ordered_json;

// Where the document breaks the schema; caught at the top and returned as the Failure's reason.
struct SchemaViolation {
  std::string reason;
};

std::string describe(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return fmt::format("a string ({})", v.dump());
    case Json::value_t::boolean: return fmt::format("a boolean ({})", v.dump());
    case Json::value_t::number_float: return fmt::format("a fractional number ({})", v.dump());
    default: return fmt::format("a number ({})", v.dump());
  }
}

[[noreturn]] void violation(const std::string& path, const std::string& what) { throw SchemaViolation{path + " " + what}; }

std::string member_path(const std::string& path, std::string_view name) {
  return path.empty() ? std::string(name) : path + "." + std::string(name);
}

const Json* member(const Json& obj, const char* name) {
  auto it = obj.find(name);
  return it == obj.end() ? nullptr : &*it;
}

const Json& required(const Json& obj, const char* name, const std::string& path) {
  const Json* v = member(obj, name);
  if (!v) violation(member_path(path, name), "is missing (the schema requires it)");
  return *v;
}

void expect(const Json& v, Json::value_t type, const std::string& path) {
  bool ok = v.type() == type || (type == Json::value_t::number_integer && v.is_number_unsigned());
  if (ok) return;
  const char* expected = type == Json::value_t::object   ? "an object"
                         : type == Json::value_t::array  ? "an array"
                         : type == Json::value_t::string ? "a string"
                                                         : "an integer";
  violation(path, fmt::format("must be {}, but is {}", expected, describe(v)));
}

const Json& required_of(const Json& obj, const char* name, Json::value_t type, const std::string& path) {
  const Json& v = required(obj, name, path);
  expect(v, type, member_path(path, name));
  return v;
}

// A string member that may be absent (and, where the schema says so, null): "" then.
std::string optional_string(const Json& obj, const char* name, const std::string& path, bool nullable = true) {
  const Json* v = member(obj, name);
  if (!v || (nullable && v->is_null())) return "";
  expect(*v, Json::value_t::string, member_path(path, name));
  return v->get<std::string>();
}


// A text that may be null, a string, or (schema2) an object of translations {"en": ..., "de": ...}: the
// one in the talk's language, else English, else the first.
std::string text_in_any_language(const Json& obj, const char* name, const std::string& path, const std::string& language) {
  const Json* v = member(obj, name);
  if (!v || !v->is_object()) return optional_string(obj, name, path);
  std::string p = member_path(path, name);
  for (const std::string& lang : {language, std::string("en")})
    if (const Json* t = member(*v, lang.c_str()); t && t->is_string()) return t->get<std::string>();
  for (const auto& [lang, t] : v->items())
    if (t.is_string()) return t.get<std::string>();
  return "";
}

// links and attachments: arrays of {url, title?, type?}.
void read_references(const Json& ev, const char* name, const std::string& path, const std::string& fallback,
                     std::vector<Link>& links) {
  const Json* refs = member(ev, name);
  if (!refs || refs->is_null()) return;
  std::string p = member_path(path, name);
  expect(*refs, Json::value_t::array, p);
  for (size_t i = 0; i < refs->size(); ++i) {
    std::string rp = fmt::format("{}[{}]", p, i);
    const Json& r = (*refs)[i];
    expect(r, Json::value_t::object, rp);
    std::string url = required_of(r, "url", Json::value_t::string, rp).get<std::string>();
    std::string title = collapse_space(optional_string(r, "title", rp, false));
    if (title.empty()) title = fallback.empty() ? trim(url) : fallback;
    add_link(links, url, title);
  }
}

struct DayContext {
  std::string date;
  std::optional<Stamp> day_start;
};

TalkInfo read_event(const Json& ev, const std::string& path, const std::string& room_key, const DayContext& day,
                    const EventInfo& event, std::vector<std::string>& warnings) {
  expect(ev, Json::value_t::object, path);
  TalkInfo t;
  std::string guid = optional_string(ev, "guid", path, false);
  std::string code = optional_string(ev, "code", path, false);
  const Json* id = member(ev, "id");
  if (id) expect(*id, Json::value_t::number_integer, member_path(path, "id"));
  if (id) t.schedule_id = id->dump();
  // Only a name to call the talk by: a slug that is not a string is left out, not an error.
  if (const Json* slug = member(ev, "slug"); slug && slug->is_string()) t.slug = trim(slug->get<std::string>());
  if (!trim(guid).empty()) {
    t.key = trim(guid);
  } else if (!trim(code).empty()) {
    t.key = event.key + "/" + trim(code);
  } else if (id) {
    t.key = event.key + "/" + id->dump();
  } else {
    violation(member_path(path, "guid"), "is missing (the schema requires it; a code or id would do)");
  }
  t.title = collapse_space(required_of(ev, "title", Json::value_t::string, path).get<std::string>());
  t.subtitle = collapse_space(optional_string(ev, "subtitle", path));
  t.kind = talk_kind(optional_string(ev, "type", path, false));
  const Json& room = required(ev, "room", path);
  if (room.is_object()) {  // schema2: a reference {name, slug, guid}
    t.room = collapse_space(optional_string(room, "name", member_path(path, "room"), false));
  } else {
    expect(room, Json::value_t::string, member_path(path, "room"));
    t.room = collapse_space(room.get<std::string>());
  }
  if (t.room.empty()) t.room = collapse_space(room_key);
  t.track = collapse_space(optional_string(ev, "track", path));
  t.language = collapse_space(optional_string(ev, "language", path));
  t.url = trim(optional_string(ev, "url", path, false));
  t.abstract = abstract_and_description(text_in_any_language(ev, "abstract", path, t.language),
                                        text_in_any_language(ev, "description", path, t.language));

  // Time: "date" (date-time with offset) is the current field; "start" (HH:MM on the day) the old one.
  std::optional<Stamp> start;
  if (const Json* date = member(ev, "date")) {
    expect(*date, Json::value_t::string, member_path(path, "date"));
    start = parse_stamp(date->get<std::string>());
    if (!start) violation(member_path(path, "date"), fmt::format("is not an ISO 8601 date-time: {}", date->dump()));
  } else {
    std::string time = required_of(ev, "start", Json::value_t::string, path).get<std::string>();
    // schema2's start is a date-time; the older one a time of day.
    start = time.size() > 5 ? parse_stamp(time) : std::nullopt;
    if (!start) start = start_in_day(day.date, time, day.day_start);
    if (!start) {
      violation(member_path(path, "start"),
                fmt::format("is not a time of day on the day \"{}\": \"{}\"", day.date, time));
    }
  }
  t.start = start->iso();
  if (const Json* duration = member(ev, "duration")) {
    std::string p = member_path(path, "duration");
    expect(*duration, Json::value_t::string, p);
    auto secs = parse_duration(duration->get<std::string>());
    if (!secs) violation(p, fmt::format("is not a duration (HH:MM or D:HH:MM): {}", duration->dump()));
    t.end = add_seconds(*start, *secs).iso();
  } else if (const Json* end = member(ev, "end")) {
    expect(*end, Json::value_t::string, member_path(path, "end"));
    auto e = parse_stamp(end->get<std::string>());
    if (!e) violation(member_path(path, "end"), fmt::format("is not an ISO 8601 date-time: {}", end->dump()));
    t.end = e->iso();
  } else {
    violation(member_path(path, "duration"), "is missing (the schema requires it; an end would do)");
  }

  // schema2 names them "participants", each with a role.
  const bool participants = !member(ev, "persons") && member(ev, "participants");
  const char* persons_name = participants ? "participants" : "persons";
  std::string persons_path = member_path(path, persons_name);
  const Json& persons = required_of(ev, persons_name, Json::value_t::array, path);
  for (size_t i = 0; i < persons.size(); ++i) {
    std::string pp = fmt::format("{}[{}]", persons_path, i);
    const Json& p = persons[i];
    expect(p, Json::value_t::object, pp);
    std::string name = collapse_space(optional_string(p, "name", pp));
    if (name.empty()) name = collapse_space(optional_string(p, "public_name", pp));
    if (name.empty()) {
      warnings.push_back(fmt::format("{} has no name; left out", pp));
      continue;
    }
    std::string role = to_lower_ascii(optional_string(p, "role", pp));
    t.people.push_back(PersonRef{name, "", role == "moderator" ? kRoleModerator : kRoleSpeaker});
  }
  read_references(ev, "links", path, "", t.links);
  read_references(ev, "attachments", path, "Attachment", t.links);
  add_link(t.links, optional_string(ev, "video_download_url", path), "Recording");
  if (const Json* rec = member(ev, "recording"); rec && rec->is_object()) {
    add_link(t.links, optional_string(*rec, "url", member_path(path, "recording")), "Recording");
    add_link(t.links, optional_string(*rec, "link", member_path(path, "recording")), "Recording");
  }
  return t;
}

Schedule read_schedule(const Json& doc) {
  expect(doc, Json::value_t::object, "the document");
  const Json& sched = required_of(doc, "schedule", Json::value_t::object, "");
  const std::string sp = "schedule";
  required_of(sched, "version", Json::value_t::string, sp);
  const Json& conf = required_of(sched, "conference", Json::value_t::object, sp);
  const std::string cp = "schedule.conference";

  Schedule schedule;
  EventInfo& e = schedule.event;
  e.title = collapse_space(required_of(conf, "title", Json::value_t::string, cp).get<std::string>());
  std::string acronym = required_of(conf, "acronym", Json::value_t::string, cp).get<std::string>();
  e.key = event_key(acronym, e.title);
  if (e.key.empty()) violation(cp + ".acronym", "and the title are both empty");
  e.kind = "conference";
  e.abstract = trim(optional_string(conf, "description", cp));
  e.url = trim(optional_string(sched, "base_url", sp, false));
  if (e.url.empty()) e.url = trim(optional_string(conf, "url", cp, false));
  std::string start = optional_string(conf, "start", cp, false), end = optional_string(conf, "end", cp, false);
  if (auto s = parse_stamp(start)) e.start = s->iso();
  if (auto s = parse_stamp(end)) e.end = s->iso();
  std::string venue = collapse_space(optional_string(conf, "venue", cp)), city = collapse_space(optional_string(conf, "city", cp));
  e.venue = venue.empty() ? city : city.empty() ? venue : venue + ", " + city;

  const Json& days = required_of(conf, "days", Json::value_t::array, cp);
  // schema2 (the hub's format, "$schema": ".../schema2.json"): every event in schedule.events, with its
  // own start date-time and room; the days only say when each day begins and ends.
  if (const Json* events = member(sched, "events"); events && !events->is_null()) {
    expect(*events, Json::value_t::array, sp + ".events");
    for (size_t d = 0; d < days.size() && e.date.empty(); ++d)
      if (days[d].is_object()) e.date = optional_string(days[d], "date", fmt::format("{}.days[{}]", cp, d), false).substr(0, 10);
    for (size_t i = 0; i < events->size(); ++i)
      schedule.talks.push_back(read_event((*events)[i], fmt::format("{}.events[{}]", sp, i), "", DayContext{}, e,
                                          schedule.warnings));
  }
  for (size_t d = 0; d < days.size() && !member(sched, "events"); ++d) {
    std::string dp = fmt::format("{}.days[{}]", cp, d);
    const Json& day = days[d];
    expect(day, Json::value_t::object, dp);
    DayContext ctx;
    ctx.date = optional_string(day, "date", dp, false);
    ctx.day_start = parse_stamp(optional_string(day, "day_start", dp, false));
    if (e.date.empty() && stamp_from(ctx.date, "00:00", "")) e.date = ctx.date.substr(0, 10);
    const Json& rooms = required_of(day, "rooms", Json::value_t::object, dp);
    for (const auto& [room, events] : rooms.items()) {
      std::string rp = fmt::format("{}.rooms[{}]", dp, Json(room).dump());
      expect(events, Json::value_t::array, rp);
      for (size_t i = 0; i < events.size(); ++i) {
        schedule.talks.push_back(
            read_event(events[i], fmt::format("{}[{}]", rp, i), room, ctx, e, schedule.warnings));
      }
    }
  }
  if (e.date.empty() && stamp_from(start, "00:00", "")) e.date = start.substr(0, 10);
  if (schedule.talks.empty()) {
    throw SchemaViolation{member(sched, "events") ? std::string("no events in schedule.events")
                                                  : fmt::format("no events in the schedule ({} days)", days.size())};
  }
  return schedule;
}

}  // namespace

Result<Schedule> parse_schedule_json(std::string_view content, const std::string& source_name) {
  if (auto bad = first_invalid_utf8(content)) return Failure{source_name, fmt::format("not UTF-8 at byte {}", *bad), ErrorCode::invalid_input};
  if (auto deep = json_input::too_deep_at(content)) return Failure{source_name, json_input::too_deep_reason(*deep), ErrorCode::invalid_input};
  Json doc;
  try {
    doc = Json::parse(content.begin(), content.end());
  } catch (const Json::parse_error& e) {
    // e.byte counts from 1; the offset reported counts from 0, as pugixml's does.
    return Failure{source_name,
                   fmt::format("malformed JSON at byte {}: {}", e.byte ? e.byte - 1 : 0, json_input::short_reason(e))};
  } catch (const Json::out_of_range&) {
    // nlohmann-json reports a number past a double's range (1e400) so, not as a parse_error.
    return Failure{source_name, "malformed JSON: a number too large to read", ErrorCode::invalid_input};
  }
  try {
    Schedule schedule = read_schedule(doc);
    finish_schedule(schedule);
    return schedule;
  } catch (const SchemaViolation& v) {
    return Failure{source_name, v.reason, ErrorCode::invalid_input};
  }
}

}  // namespace talkdex
