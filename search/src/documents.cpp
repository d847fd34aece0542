#include "documents.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "fields.h"
#include "languages.h"
#include "talkdex/links.h"
#include "talkdex/model.h"
#include "talkdex/text.h"

namespace talkdex::docs {
namespace {

const fields::FreeTextField& field(std::string_view name) {
  for (const auto& f : fields::kFreeText)
    if (f.name == name) return f;
  throw std::logic_error("no such index field");
}

std::string boolean_prefix(std::string_view name) {
  for (const auto& f : fields::kBoolean)
    if (f.name == name) return std::string(f.prefix);
  throw std::logic_error("no such index filter");
}

int source_rank(const std::string& source) {
  static const char* const order[] = {kTocManual, kTocSchedule, kTocEmbedded, kTocFile, kTocDetected};
  for (int i = 0; i < 5; ++i)
    if (source == order[i]) return i;
  return 5;
}

// The moment a talk's own hit jumps to: its strongest, earliest item.
const TocRow* best_item(const std::vector<TocRow>& items) {
  const TocRow* best = nullptr;
  for (const auto& it : items) {
    if (!best || source_rank(it.entry.source) < source_rank(best->entry.source) ||
        (source_rank(it.entry.source) == source_rank(best->entry.source) && it.entry.start < best->entry.start))
      best = &it;
  }
  return best;
}

// The talk's own link into `item`'s recording at that item, when the schedule gave one (a tocitem link).
std::string link_for(const TalkRow* talk, const TocRow& item) {
  if (talk && item.entry.alias) {
    for (const auto& l : talk->info.links)
      if (l.tocitem == item.entry.alias) return l.url;
  }
  return link_at(item.recording_uri, item.entry.start);
}

std::string year_of(const TalkRow& t) { return t.info.start.size() >= 4 ? t.info.start.substr(0, 4) : ""; }

std::vector<std::string> names(const TalkRow& t) {
  std::vector<std::string> out;
  for (const auto& p : t.info.people) out.push_back(p.name);
  return out;
}

std::string joined(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

// Filters and facet values shared by every document of a talk.
void add_talk_facets(Xapian::Document& doc, const TalkRow& t) {
  if (std::string kind = filter_value(t.info.kind); !kind.empty()) doc.add_boolean_term(boolean_prefix("kind") + kind);
  std::string year = year_of(t);
  if (!year.empty()) {
    doc.add_boolean_term(boolean_prefix("year") + year);
    doc.add_value(fields::kYear, year);
  }
  if (std::string lang = filter_value(t.info.language); !lang.empty())
    doc.add_boolean_term(boolean_prefix("lang") + lang);
  doc.add_boolean_term(boolean_prefix("eventid") + std::to_string(t.event_id));
  if (std::string v = filter_value(t.info.track); !v.empty()) doc.add_boolean_term(boolean_prefix("track") + v);
  if (std::string v = filter_value(t.info.room); !v.empty()) doc.add_boolean_term(boolean_prefix("room") + v);
  doc.add_value(fields::kTrack, t.info.track);
  doc.add_value(fields::kRoom, t.info.room);
  if (std::string v = filter_value(t.event_title); !v.empty()) doc.add_boolean_term(boolean_prefix("in") + v);
  doc.add_boolean_term(talk_group_term(t.id));
  doc.add_value(fields::kTalkId, std::to_string(t.id));
  doc.add_value(fields::kCollapse, t.info.key);
  doc.add_boolean_term(talk_key_term(t.info.key));
  doc.add_value(fields::kEvent, t.event_title);
  doc.add_value(fields::kKind, t.info.kind);
  doc.add_value(fields::kSpeakers, joined(names(t), "\n"));
  if (auto epoch = iso_to_epoch(t.info.start)) {
    doc.add_value(fields::kStartTime, Xapian::sortable_serialise(static_cast<double>(*epoch)));
    std::string d = t.info.start.substr(0, 10);
    d.erase(std::remove(d.begin(), d.end(), '-'), d.end());
    doc.add_value(fields::kDate, d);
  }
}

nlohmann::json talk_json(const TalkRow& t) {
  return {{"talk_id", t.id},
          {"title", t.info.title},
          {"speakers", names(t)},
          {"event", t.event_title},
          {"kind", t.info.kind},
          {"start", t.info.start.empty() ? nlohmann::json() : nlohmann::json(t.info.start)}};
}

nlohmann::json no_talk_json(const std::string& title) {
  return {{"talk_id", nullptr}, {"title", title}, {"speakers", nlohmann::json::array()},
          {"event", ""},        {"kind", ""},     {"start", nullptr}};
}

// "A long passage of words ..." cut at a word boundary near `max` bytes, for a moment's title.
std::string quote(const std::string& text, std::size_t max = 80) {
  std::string s = collapse_space(text);
  if (s.size() <= max) return s;
  std::size_t cut = s.rfind(' ', max);
  if (cut == std::string::npos || cut < max / 2) {
    cut = max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  }
  return s.substr(0, cut) + "…";
}

// The file name of a recording, as the title of a hit that belongs to no talk.
std::string recording_name(const std::string& uri) {
  std::string name = uri.substr(uri.find_last_of('/') + 1);
  return name.empty() ? uri : name;
}

// A `term` longer than `max_bytes` cut (on a UTF-8 boundary) and "#" and the FNV-1a hash of `hashed` (the
// same on every machine) added, in `max_bytes` together.
std::string cut_with_hash(const std::string& term, std::size_t max_bytes, std::string_view hashed) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : hashed) h = (h ^ c) * 1099511628211ULL;
  std::size_t cut = max_bytes - 17;
  while (cut > 0 && (static_cast<unsigned char>(term[cut]) & 0xC0) == 0x80) --cut;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return term.substr(0, cut) + "#" + hex;
}

}  // namespace

std::string fit_term(std::string term, std::size_t max_bytes) {
  // Xapian's terms are at most 245 bytes: a longer one is cut and a hash of the whole added, so that two
  // long ones with the same beginning stay apart.
  if (term.size() <= max_bytes) return term;
  return cut_with_hash(term, max_bytes, term);
}

std::string filter_value(std::string_view text) {
  std::string folded = Xapian::Unicode::tolower(fold_accents(text));
  std::string out;
  for (unsigned char c : folded) {
    if (std::isalnum(c) || c >= 0x80) out += static_cast<char>(c);
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  // A conference title, talk type or language of any length must not stop the index; prefixes are short.
  return fit_term(std::move(out), kMaxFilterValueBytes);
}

std::string talk_id_term(std::int64_t id) { return std::string(fields::kIdPrefix) + "talk:" + std::to_string(id); }
std::string item_id_term(std::int64_t id) { return std::string(fields::kIdPrefix) + "item:" + std::to_string(id); }
std::string passage_id_term(std::int64_t id) {
  return std::string(fields::kIdPrefix) + "passage:" + std::to_string(id);
}
std::string talk_group_term(std::int64_t id) { return "XG" + std::to_string(id); }

std::string talk_key_term(std::string_view key) {
  std::string term = std::string(fields::kTalkKeyPrefix) + std::string(key);
  // As fit_term, with the hash of the key alone (indexes written before fit_term have these terms).
  constexpr std::size_t kMax = 200;
  if (term.size() <= kMax) return term;
  return cut_with_hash(term, kMax, key);
}

DocumentMaker::DocumentMaker(Xapian::WritableDatabase& db) {
  tg_.set_stemmer(Xapian::Stem("english"));
  tg_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  tg_.set_database(db);
  tg_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
}

void DocumentMaker::index_field(std::string_view name, const std::string& text, unsigned weight) {
  if (text.empty()) return;
  const auto& f = field(name);
  if (weight == 0) weight = f.weight;
  std::string folded = fold_accents(text);
  if (f.prefix.empty()) {
    // The transcript: its words once, unprefixed, and not spelling data (fields.h).
    tg_.set_flags(0);
    tg_.index_text(folded, weight);
    tg_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  } else {
    tg_.index_text(folded, weight, std::string(f.prefix));
    tg_.index_text(folded, weight);
  }
  tg_.increase_termpos();
  // German spellings without umlauts ("Ueberwachung"), beside the words (languages.h): no positions, so
  // phrases keep to the words as written.
  if (std::string other = languages::umlaut_spellings(text); !other.empty()) {
    tg_.set_flags(0);
    if (!f.prefix.empty()) tg_.index_text_without_positions(other, weight, std::string(f.prefix));
    tg_.index_text_without_positions(other, weight);
    tg_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  }
}

void DocumentMaker::index_context(const TalkRow& t) {
  // wdf 0 and no positions: the words select the document but add nothing to its weight or length, and
  // they are not spelling data (they are counted once, on the talk's own document).
  tg_.set_flags(0);
  const std::string context(fields::kContextPrefix);
  auto add = [&](std::string_view name, const std::string& text) {
    if (text.empty()) return;
    std::string folded = fold_accents(text);
    tg_.index_text_without_positions(folded, 0, std::string(field(name).prefix));
    tg_.index_text_without_positions(folded, 0, context);
  };
  add("title", t.info.title);
  add("title", t.info.subtitle);
  for (const auto& p : t.info.people) add("speaker", p.name);
  add("event", t.event_title);
  tg_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
}

Xapian::Document DocumentMaker::talk(const TalkRow& t, const std::vector<TocRow>& items) {
  Xapian::Document doc;
  tg_.set_document(doc);
  tg_.set_stemmer(languages::stemmer_for(t.info.language));
  index_field("title", t.info.title);
  index_field("title", t.info.subtitle);
  // Speakers count fully; panelists and moderators are findable under speaker: but weigh less, so a
  // person's own talk ranks above a panel they sat on.
  for (const auto& p : t.info.people) index_field("speaker", p.name, p.role == kRoleSpeaker ? 0 : 1);
  index_field("event", t.event_title);
  index_field("kindtext", t.info.kind);
  index_field("abstract", t.info.abstract);
  add_talk_facets(doc, t);
  doc.add_boolean_term(talk_id_term(t.id));
  doc.add_value(fields::kDocKind, "talk");
  doc.add_boolean_term(std::string(fields::kDocKindPrefix) + "talk");

  nlohmann::json data = talk_json(t);
  data["type"] = "talk";
  // The snippet's text: the abstract, white space collapsed; the title and speakers are printed above a
  // snippet, so they are its text only when there is no abstract.
  std::string text = t.info.title;
  if (!t.info.people.empty()) text += " — " + joined(names(t), ", ");
  data["text"] = t.info.abstract.empty() ? text : collapse_space(t.info.abstract);
  data["offset"] = nullptr;
  data["link"] = nullptr;
  data["moment"] = nullptr;
  if (const TocRow* m = best_item(items)) {
    data["offset"] = m->entry.start;
    data["link"] = link_for(&t, *m);
    data["moment"] = {{"title", m->entry.title}, {"offset", m->entry.start}, {"source", m->entry.source}};
    doc.add_value(fields::kOffset, Xapian::sortable_serialise(m->entry.start));
  } else {
    for (const auto& l : t.info.links) {
      data["link"] = l.url;
      break;
    }
  }
  doc.set_data(data.dump());
  return doc;
}

// What item and passage documents share: their kind, id term and offset, and either the talk they
// belong to (its context words, filters and data) or, without one, their own collapse key.
nlohmann::json DocumentMaker::moment_common(Xapian::Document& doc, const std::string& kind, const std::string& id_term,
                                            double offset, const TalkRow* t, const std::string& lone_collapse,
                                            const std::string& lone_title) {
  doc.add_boolean_term(id_term);
  doc.add_value(fields::kDocKind, kind);
  doc.add_boolean_term(std::string(fields::kDocKindPrefix) + kind);
  doc.add_value(fields::kOffset, Xapian::sortable_serialise(offset));
  if (!t) {
    doc.add_value(fields::kCollapse, lone_collapse);
    return no_talk_json(lone_title);
  }
  index_context(*t);
  add_talk_facets(doc, *t);
  return talk_json(*t);
}

Xapian::Document DocumentMaker::item(const TocRow& it, const TalkRow* t) {
  Xapian::Document doc;
  tg_.set_document(doc);
  tg_.set_stemmer(languages::stemmer_for(t ? t->info.language : ""));
  index_field("chapter", it.entry.title);
  // A slide's text (OCR) is findable under slide:, and so is a detected item's title when it is all there is.
  if (it.entry.source == kTocDetected && it.entry.slide_text.empty()) index_field("slide", it.entry.title);
  index_field("slide", it.entry.slide_text);
  // An item of no known talk groups on its own.
  nlohmann::json data = moment_common(doc, "item", item_id_term(it.id), it.entry.start, t,
                                      "item:" + it.recording_uri + "#" + it.entry.key, it.entry.title);
  data["text"] = it.entry.title;
  data["offset"] = it.entry.start;
  data["link"] = link_for(t, it);
  data["moment"] = {{"title", it.entry.title}, {"offset", it.entry.start}, {"source", it.entry.source}};
  doc.set_data(data.dump());
  return doc;
}

Xapian::Document DocumentMaker::passage(const PassageRow& p, const TalkRow* t) {
  Xapian::Document doc;
  tg_.set_document(doc);
  tg_.set_stemmer(languages::stemmer_for(!p.language.empty() ? p.language : t ? t->info.language : ""));
  index_field("said", p.passage.text);
  // Passages of no known talk (a break in a day recording) group by recording.
  nlohmann::json data = moment_common(doc, "passage", passage_id_term(p.id), p.passage.start, t,
                                      "recording:" + p.recording_uri, recording_name(p.recording_uri));
  if (std::string lang = filter_value(p.language); !lang.empty()) doc.add_boolean_term(boolean_prefix("lang") + lang);
  data["type"] = "passage";
  data["text"] = p.passage.text;
  data["offset"] = p.passage.start;
  data["link"] = link_at(p.recording_uri, p.passage.start);
  data["moment"] = {{"title", quote(p.passage.text)}, {"offset", p.passage.start}, {"source", "transcript"}};
  // Word-timed captions: a hit moves from the passage's start to the first word the query matched.
  if (!p.passage.word_starts.empty()) data["word_starts"] = p.passage.word_starts;
  // The cue times, so that a hit jumps to the cue holding the words it matched (search.cpp).
  if (!p.passage.cues.empty()) {
    nlohmann::json cues = nlohmann::json::array();
    for (const auto& c : p.passage.cues) cues.push_back({c.at, c.start});
    data["cues"] = std::move(cues);
    data["uri"] = p.recording_uri;
  }
  doc.set_data(data.dump());
  return doc;
}

}  // namespace talkdex::docs
