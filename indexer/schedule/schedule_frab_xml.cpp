// frab/pentabarf/pretalx schedule.xml -> Schedule, with pugixml.
#include <fmt/format.h>

#include <cctype>
#include <pugixml.hpp>

#include "schedule/schedule_common.h"
#include "talkdex/limits.h"
#include "talkdex/indexer/schedule/schedule_formats.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

using namespace schedule_detail;

// All the character data of an element, so that a comment or a CDATA section inside it does not cut it.
std::string text_of(const pugi::xml_node& node) {
  std::string out;
  for (const auto& c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  }
  return out;
}

std::string child_text(const pugi::xml_node& node, const char* name) { return text_of(node.child(name)); }
std::string child_line(const pugi::xml_node& node, const char* name) { return collapse_space(child_text(node, name)); }

bool has_prefix_icase(std::string_view s, size_t at, std::string_view prefix) {
  return at <= s.size() && starts_with_icase(s.substr(at), prefix);
}

size_t skip_bom_and_space(std::string_view s) {
  size_t i = s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

bool looks_like_html(std::string_view s) {
  size_t i = skip_bom_and_space(s);
  return has_prefix_icase(s, i, "<!doctype html") || has_prefix_icase(s, i, "<html");
}

// The value of encoding="..." in an <?xml ...?> declaration at the start, lower case; "" when none.
std::string declared_encoding(std::string_view s) {
  size_t i = skip_bom_and_space(s);
  if (!has_prefix_icase(s, i, "<?xml")) return "";
  size_t end = s.find("?>", i);
  std::string_view decl = s.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  size_t q = decl.find_first_of("\"'", at);
  if (q == std::string_view::npos) return "";
  size_t q2 = decl.find(decl[q], q + 1);
  if (q2 == std::string_view::npos) return "";
  return to_lower_ascii(trim(decl.substr(q + 1, q2 - q - 1)));
}

// How pugixml is to read the bytes, or the reason they cannot be read.
struct EncodingChoice {
  pugi::xml_encoding encoding = pugi::encoding_utf8;
  std::string error;
};

EncodingChoice choose_encoding(std::string_view s) {
  auto byte = [&](size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0x100u; };
  // UTF-16 and UTF-32, with a byte-order mark or a "<" next to a zero byte: pugixml converts them.
  bool utf16_32 = (byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF) ||
                  (byte(0) == 0 && byte(1) == 0 && byte(2) == 0xFE && byte(3) == 0xFF) ||
                  (byte(0) == '<' && byte(1) == 0) || (byte(0) == 0 && byte(1) == '<') ||
                  (byte(0) == 0 && byte(1) == 0 && byte(2) == 0 && byte(3) == '<');
  if (utf16_32) return {pugi::encoding_auto, ""};
  std::string declared = declared_encoding(s);
  if (declared == "iso-8859-1" || declared == "latin1" || declared == "latin-1" || declared == "iso8859-1") {
    return {pugi::encoding_latin1, ""};
  }
  auto bad = first_invalid_utf8(s);
  bool known = declared.empty() || declared == "utf-8" || declared == "utf8" || declared == "us-ascii" ||
               declared == "ascii";
  if (!known) {
    // Another encoding: only pure ASCII content reads the same in it and in UTF-8.
    bool ascii = true;
    for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (!ascii) {
      return {pugi::encoding_utf8,
              fmt::format("the XML declares the encoding \"{}\", which cannot be read (UTF-8, UTF-16, UTF-32 or "
                          "ISO-8859-1 can)",
                          declared)};
    }
  }
  if (bad) return {pugi::encoding_utf8, fmt::format("not UTF-8 at byte {}", *bad)};
  return {pugi::encoding_utf8, ""};
}


// The start of one event: its <date> when it has one (frab since 2016, pretalx), else the day's date and
// the <start> time.
std::optional<Stamp> event_start(const pugi::xml_node& ev, const pugi::xml_node& day) {
  if (auto s = parse_stamp(child_text(ev, "date"))) return s;
  return start_in_day(day.attribute("date").value(), child_text(ev, "start"),
                      parse_stamp(day.attribute("start").value()));
}

TalkInfo read_event(const pugi::xml_node& ev, const pugi::xml_node& day, const std::string& room_name,
                    const EventInfo& event, std::vector<std::string>& warnings) {
  TalkInfo t;
  t.title = child_line(ev, "title");
  t.subtitle = child_line(ev, "subtitle");
  t.kind = talk_kind(child_text(ev, "type"));
  t.room = child_line(ev, "room");
  if (t.room.empty()) t.room = collapse_space(room_name);
  t.track = child_line(ev, "track");
  t.language = child_line(ev, "language");
  t.url = trim(child_text(ev, "url"));
  t.abstract = abstract_and_description(child_text(ev, "abstract"), child_text(ev, "description"));

  std::string guid = trim(ev.attribute("guid").value());
  std::string code = trim(ev.attribute("code").value());
  std::string id = trim(ev.attribute("id").value());
  std::string slug = trim(child_text(ev, "slug"));
  t.schedule_id = id;
  t.slug = slug;
  if (!guid.empty()) {
    t.key = guid;
  } else if (!code.empty()) {
    t.key = event.key + "/" + code;
  } else if (!id.empty()) {
    t.key = event.key + "/" + id;
  } else {
    t.key = event.key + "/" + (slug.empty() ? trim(child_text(ev, "start")) + " " + t.title : slug);
  }
  std::string name = t.title.empty() ? t.key : "\"" + t.title + "\"";
  if (t.title.empty()) warnings.push_back(fmt::format("event {} has no title", t.key));

  auto start = event_start(ev, day);
  if (start) {
    t.start = start->iso();
    std::string duration = child_text(ev, "duration");
    if (auto secs = parse_duration(duration)) {
      t.end = add_seconds(*start, *secs).iso();
    } else {
      warnings.push_back(fmt::format("event {}: unreadable duration \"{}\"", name, trim(duration)));
    }
  } else {
    warnings.push_back(fmt::format("event {}: unreadable start \"{}\" on day \"{}\"", name,
                                   trim(child_text(ev, "start")), day.attribute("date").value()));
  }

  for (const auto& p : ev.child("persons").children("person")) {
    std::string person = collapse_space(text_of(p));
    if (!person.empty()) t.people.push_back(PersonRef{person, "", kRoleSpeaker});
  }
  for (const auto& l : ev.child("links").children("link")) {
    std::string href = l.attribute("href").value();
    std::string title = collapse_space(text_of(l));
    add_link(t.links, href, title.empty() ? trim(href) : title);
  }
  for (const auto& a : ev.child("attachments").children("attachment")) {
    std::string title = collapse_space(text_of(a));
    add_link(t.links, a.attribute("href").value(), title.empty() ? "Attachment" : title);
  }
  const auto recording = ev.child("recording");
  add_link(t.links, child_text(recording, "url"), "Recording");
  add_link(t.links, child_text(recording, "link"), "Recording");
  add_link(t.links, child_text(ev, "video_download_url"), "Recording");
  return t;
}

EventInfo read_conference(const pugi::xml_node& root) {
  const auto conf = root.child("conference");
  EventInfo e;
  e.title = child_line(conf, "title");
  e.key = event_key(child_text(conf, "acronym"), e.title);
  e.kind = "conference";
  std::string venue = child_line(conf, "venue"), city = child_line(conf, "city");
  e.venue = venue.empty() ? city : city.empty() ? venue : venue + ", " + city;
  e.url = trim(child_text(conf, "base_url"));
  if (e.url.empty()) e.url = trim(child_text(conf, "url"));
  if (e.url.empty()) e.url = trim(child_text(root, "url"));
  e.abstract = trim(child_text(conf, "description"));
  std::string start = trim(child_text(conf, "start")), end = trim(child_text(conf, "end"));
  if (auto s = parse_stamp(start)) e.start = s->iso();
  if (auto s = parse_stamp(end)) e.end = s->iso();
  std::string first_day = root.child("day").attribute("date").value();
  if (stamp_from(first_day, "00:00", "")) {
    e.date = first_day;
  } else if (stamp_from(start, "00:00", "")) {
    e.date = start.substr(0, 10);
  }
  return e;
}

}  // namespace

Result<Schedule> parse_frab_xml(std::string_view content, const std::string& source_name) {
  if (looks_like_html(content)) return Failure{source_name, "this is an HTML page, not a schedule.xml", ErrorCode::invalid_input};
  EncodingChoice encoding = choose_encoding(content);
  if (!encoding.error.empty()) return Failure{source_name, encoding.error, ErrorCode::invalid_input};

  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(content.data(), content.size(), pugi::parse_default, encoding.encoding);
  if (!parsed) {
    return Failure{source_name, fmt::format("malformed XML at byte {}: {}", parsed.offset, parsed.description()), ErrorCode::invalid_input};
  }
  // pugixml parses and frees without recursion; the depth is bounded for what reads the tree after it.
  struct DepthCheck : pugi::xml_tree_walker {
    bool too_deep = false;
    bool for_each(pugi::xml_node&) override {
      too_deep = depth() >= static_cast<int>(limits::kMaxNestingDepth);
      return !too_deep;
    }
  } depth_check;
  doc.traverse(depth_check);
  if (depth_check.too_deep)
    return Failure{source_name, fmt::format("elements nested more than {} deep (the limit)", limits::kMaxNestingDepth), ErrorCode::invalid_input};
  const auto root = doc.document_element();
  std::string root_name = root.name();
  if (to_lower_ascii(root_name) == "html") return Failure{source_name, "this is an HTML page, not a schedule.xml", ErrorCode::invalid_input};
  if (root_name != "schedule") {
    return Failure{source_name, fmt::format("the root element is <{}>, not <schedule>", root_name), ErrorCode::invalid_input};
  }

  Schedule schedule;
  schedule.event = read_conference(root);
  if (schedule.event.key.empty()) {
    return Failure{source_name, "the <conference> has neither an <acronym> nor a <title>", ErrorCode::invalid_input};
  }
  int days = 0;
  for (const auto& day : root.children("day")) {
    ++days;
    for (const auto& room : day.children("room")) {
      for (const auto& ev : room.children("event")) {
        schedule.talks.push_back(read_event(ev, day, room.attribute("name").value(), schedule.event,
                                            schedule.warnings));
      }
    }
  }
  if (schedule.talks.empty()) {
    return Failure{source_name, fmt::format("no events in the schedule ({} <day> elements)", days), ErrorCode::invalid_input};
  }
  finish_schedule(schedule);
  return schedule;
}

}  // namespace talkdex
