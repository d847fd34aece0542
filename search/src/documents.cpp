#include "documents.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fields.h"
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

void add_talk_facets(Xapian::Document& doc, const TalkRow& t) {
  std::string kind = to_lower_ascii(t.info.kind);
  if (!kind.empty()) {
    doc.add_boolean_term(boolean_prefix("kind") + kind);
    std::string dashed = kind;
    std::replace(dashed.begin(), dashed.end(), ' ', '-');
    if (dashed != kind) doc.add_boolean_term(boolean_prefix("kind") + dashed);
  }
  std::string year = year_of(t);
  if (!year.empty()) {
    doc.add_boolean_term(boolean_prefix("year") + year);
    doc.add_value(fields::kYear, year);
  }
  if (!t.info.language.empty()) doc.add_boolean_term(boolean_prefix("lang") + to_lower_ascii(t.info.language));
  doc.add_boolean_term(boolean_prefix("eventid") + std::to_string(t.event_id));
  doc.add_boolean_term(talk_group_term(t.id));
  doc.add_value(fields::kTalkId, std::to_string(t.id));
  doc.add_value(fields::kCollapse, t.info.key);
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

}  // namespace

std::string talk_id_term(std::int64_t id) { return std::string(fields::kIdPrefix) + "talk:" + std::to_string(id); }
std::string item_id_term(std::int64_t id) { return std::string(fields::kIdPrefix) + "item:" + std::to_string(id); }
std::string talk_group_term(std::int64_t id) { return "XG" + std::to_string(id); }

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
  tg_.index_text(folded, weight, std::string(f.prefix));
  tg_.index_text(folded, weight);
  tg_.increase_termpos();
}

Xapian::Document DocumentMaker::talk(const TalkRow& t, const std::vector<TocRow>& items) {
  Xapian::Document doc;
  tg_.set_document(doc);
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

  nlohmann::json data = talk_json(t);
  data["type"] = "talk";
  data["text"] = t.info.abstract.empty() ? t.info.title : t.info.title + " — " + t.info.abstract;
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

Xapian::Document DocumentMaker::item(const TocRow& it, const TalkRow* t) {
  Xapian::Document doc;
  tg_.set_document(doc);
  index_field("chapter", it.entry.title);
  // A slide's text (OCR) is findable under slide:, and so is a detected item's title when it is all there is.
  if (it.entry.source == kTocDetected && it.entry.slide_text.empty()) index_field("slide", it.entry.title);
  index_field("slide", it.entry.slide_text);
  doc.add_boolean_term(item_id_term(it.id));
  doc.add_value(fields::kDocKind, "item");
  doc.add_value(fields::kOffset, Xapian::sortable_serialise(it.entry.start));
  nlohmann::json data;
  if (t) {
    add_talk_facets(doc, *t);
    data = talk_json(*t);
  } else {
    // An item of no known talk groups on its own.
    doc.add_value(fields::kCollapse, "item:" + it.recording_uri + "#" + it.entry.key);
    data = {{"talk_id", nullptr}, {"title", it.entry.title}, {"speakers", nlohmann::json::array()},
            {"event", ""}, {"kind", ""}, {"start", nullptr}};
  }
  data["type"] = "item";
  data["text"] = it.entry.title;
  data["offset"] = it.entry.start;
  data["link"] = link_for(t, it);
  data["moment"] = {{"title", it.entry.title}, {"offset", it.entry.start}, {"source", it.entry.source}};
  doc.set_data(data.dump());
  return doc;
}

}  // namespace talkdex::docs
