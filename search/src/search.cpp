#include "talkdex/search.h"

#include <xapian.h>

#include <nlohmann/json.hpp>

#include "fields.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

Xapian::Database open_one(const std::string& spec) {
  try {
    if (spec.rfind("tcp://", 0) == 0) {
      std::string rest = spec.substr(6);
      size_t colon = rest.rfind(':');
      if (colon == std::string::npos) throw Error(spec, "a remote index is tcp://HOST:PORT");
      return Xapian::Remote::open(rest.substr(0, colon), static_cast<unsigned>(std::stoul(rest.substr(colon + 1))));
    }
    return Xapian::Database(spec);
  } catch (const Xapian::Error& e) {
    throw Error(spec, "cannot open the index: " + e.get_description());
  } catch (const std::invalid_argument&) {
    throw Error(spec, "a remote index is tcp://HOST:PORT");
  }
}

Hit hit_from(const Xapian::MSetIterator& it, const Xapian::MSet& mset) {
  Hit h;
  auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
  h.score = it.get_weight();
  h.percent = it.get_percent();
  if (data.is_discarded()) return h;
  if (data["talk_id"].is_number_integer()) h.talk_id = data["talk_id"].get<std::int64_t>();
  h.title = data.value("title", "");
  for (const auto& s : data["speakers"]) h.speakers.push_back(s.get<std::string>());
  h.event = data.value("event", "");
  h.kind = data.value("kind", "");
  if (data["start"].is_string()) h.start = data["start"].get<std::string>();
  if (data["offset"].is_number()) h.offset = data["offset"].get<double>();
  if (data["link"].is_string()) h.link = data["link"].get<std::string>();
  if (data["moment"].is_object()) {
    const auto& m = data["moment"];
    h.moment = Moment{m.value("title", ""), m.value("offset", 0.0), m.value("source", "")};
  }
  std::string text = data.value("text", "");
  h.snippet = mset.snippet(text, 240, Xapian::Stem("english"),
                           Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>",
                           "</mark>", "…");
  return h;
}

}  // namespace

struct Searcher::Impl {
  std::vector<std::string> specs;
  Xapian::Database db;

  void open() {
    Xapian::Database combined;
    for (const auto& s : specs) combined.add_database(open_one(s));
    db = combined;
  }

  Xapian::Query parse(const SearchOptions& o, Xapian::QueryParser& qp) {
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_default_op(o.match_any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    for (const auto& f : fields::kFreeText) qp.add_prefix(std::string(f.name), std::string(f.prefix));
    for (const auto& f : fields::kBoolean) qp.add_boolean_prefix(std::string(f.name), std::string(f.prefix));
    // Ranges: year:2019..2020 and date:2019-06-01..2019-06-30 select without changing the ranking.
    qp.add_rangeprocessor(new Xapian::RangeProcessor(fields::kYear, "year:"));
    qp.add_rangeprocessor(new Xapian::DateRangeProcessor(fields::kDate, "date:"));
    unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                     Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
    // The kind filter takes lower-case terms; the query text is folded the way the index was.
    std::string q = sanitize_utf8(fold_accents(o.query));
    return qp.parse_query(q, flags);
  }

  SearchResults run(const SearchOptions& o) {
    Xapian::QueryParser qp;
    Xapian::Query query = parse(o, qp);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_collapse_key(fields::kCollapse);
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(o.offset),
                                         static_cast<Xapian::doccount>(o.limit), 100);
    SearchResults r;
    r.matches_estimated = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) r.hits.push_back(hit_from(it, mset));
    std::string corrected = qp.get_corrected_query_string();
    if (!corrected.empty() && r.hits.size() < 3) r.suggestion = corrected;
    return r;
  }
};

Searcher::Searcher(std::vector<std::string> databases) : impl_(std::make_unique<Impl>()) {
  if (databases.empty()) throw Error("search", "no index to search");
  impl_->specs = std::move(databases);
  impl_->open();
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;

Result<SearchResults> Searcher::search(const SearchOptions& options) {
  for (int attempt = 0;; ++attempt) {
    try {
      return impl_->run(options);
    } catch (const Xapian::QueryParserError& e) {
      return Failure{"query \"" + options.query + "\"", e.get_msg()};
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed while we read: reopen at the new revision and ask again.
      if (attempt >= 3) throw Error("search", "the index kept changing under the search");
      impl_->db.reopen();
    } catch (const Xapian::Error& e) {
      throw Error("search", e.get_description());
    }
  }
}

}  // namespace talkdex
