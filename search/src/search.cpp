#include "talkdex/search.h"

#include <sys/stat.h>
#include <xapian.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <optional>

#include "cue_moment.h"
#include "fields.h"
#include "languages.h"
#include "query.h"
#include "talkdex/links.h"
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
  } catch (const std::out_of_range&) {
    throw Error(spec, "a remote index is tcp://HOST:PORT");
  }
}

// A transcript hit's moment moves from its passage's start to the cue that holds the matched words.
void jump_to_matched_cue(Hit& h, const nlohmann::json& data, const std::string& text, const Xapian::Enquire& enquire,
                         const Xapian::MSetIterator& it, const std::vector<Xapian::Stem>& stems) {
  if (!data.contains("cues") || !data["cues"].is_array() || !data["uri"].is_string()) return;
  std::vector<CueTime> cues;
  for (const auto& c : data["cues"])
    if (c.is_array() && c.size() == 2 && c[0].is_number_unsigned() && c[1].is_number())
      cues.push_back({c[0].get<std::size_t>(), c[1].get<double>()});
  auto words = cue_moment::matched_words(enquire.get_matching_terms_begin(it), enquire.get_matching_terms_end(it));
  auto cue = cue_moment::matched_cue(text, cues, words, stems);
  if (!cue) return;
  h.offset = cue->start;
  h.link = link_at(data["uri"].get<std::string>(), cue->start);
  if (h.moment) h.moment->offset = cue->start;
}

Hit hit_from(const Xapian::MSetIterator& it, const Xapian::MSet& mset, const Xapian::Enquire& enquire,
             const std::vector<Xapian::Stem>& stems) {
  Hit h;
  auto data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
  h.score = it.get_weight();
  h.percent = it.get_percent();
  if (data.is_discarded() || !data.is_object()) return h;
  if (data["talk_id"].is_number_integer()) h.talk_id = data["talk_id"].get<std::int64_t>();
  h.title = data.value("title", "");
  for (const auto& s : data["speakers"])
    if (s.is_string()) h.speakers.push_back(s.get<std::string>());
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
  jump_to_matched_cue(h, data, text, enquire, it, stems);
  // Xapian's background model would weigh every word of the text by its frequency in the index: better
  // windows in long texts, but a B-tree lookup per word. The texts here are short (a passage is about
  // 30 seconds of speech), so the window with the most query words is good enough and much cheaper.
  h.snippet = mset.snippet(text, 240, stems.front(), 0, "<mark>", "</mark>", "…");
  return h;
}

// Counts every talk of the result set once by its event, kind, year, speakers, track, room and day. The match spies of
// Xapian see documents before they are grouped by talk (a talk's passages would count many times), so
// the grouped result set itself is read: it works the same over remote shards.
void count_facets(const Xapian::MSet& all, SearchResults& r) {
  auto& event = r.facets["event"];
  auto& kind = r.facets["kind"];
  auto& year = r.facets["year"];
  auto& speaker = r.facets["speaker"];
  auto& track = r.facets["track"];
  auto& room = r.facets["room"];
  auto& day = r.facets["day"];
  all.fetch();
  for (auto it = all.begin(); it != all.end(); ++it) {
    Xapian::Document doc = it.get_document();
    if (auto v = doc.get_value(fields::kEvent); !v.empty()) ++event[v];
    if (auto v = doc.get_value(fields::kTrack); !v.empty()) ++track[v];
    if (auto v = doc.get_value(fields::kRoom); !v.empty()) ++room[v];
    if (auto v = doc.get_value(fields::kDate); v.size() == 8)
      ++day[v.substr(0, 4) + "-" + v.substr(4, 2) + "-" + v.substr(6, 2)];
    if (auto v = doc.get_value(fields::kKind); !v.empty()) ++kind[v];
    if (auto v = doc.get_value(fields::kYear); !v.empty()) ++year[v];
    std::string names = doc.get_value(fields::kSpeakers);
    for (const auto& name : split(names, '\n'))
      if (!name.empty()) ++speaker[name];
  }
}

}  // namespace

std::vector<std::string> search_fields() { return query::field_names(); }

// Which file a stub path names: rebuild switches indexes by renaming a new stub over the old one, so
// another file there means another index. An inode number alone can come back (two rebuilds between two
// searches may reuse the first stub's), so its change time goes with it. Nothing for remote shards and
// folders, which never switch.
struct StubStamp {
  dev_t dev = 0;
  ino_t ino = 0;
  std::int64_t ctime_ns = 0;
  bool operator==(const StubStamp&) const = default;
};

std::optional<StubStamp> stub_stamp(const std::string& spec) {
  struct stat st {};
  if (spec.rfind("tcp://", 0) == 0 || ::stat(spec.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return StubStamp{st.st_dev, st.st_ino,
                   static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec};
}

struct Searcher::Impl {
  std::vector<std::string> specs;
  std::vector<std::optional<StubStamp>> stamps;  // of each spec when it was opened
  Xapian::Database db;
  std::vector<Xapian::Stem> stems;  // of the index's languages (languages.h), English first

  void open() {
    Xapian::Database combined;
    std::vector<std::optional<StubStamp>> now;
    for (const auto& s : specs) {
      now.push_back(stub_stamp(s));
      combined.add_database(open_one(s));
    }
    db = combined;
    stamps = std::move(now);
    stems.clear();
    for (const auto& language : languages::of_index(db)) stems.push_back(languages::stemmer_for(language));
  }

  // Whether a stub now names another index than the one opened (a rebuild switched since). A Searcher
  // kept open must follow: Xapian's reopen() stays on the old index, which is removed a while later.
  bool switched() const {
    for (size_t i = 0; i < specs.size(); ++i)
      if (stamps[i] && stub_stamp(specs[i]) != stamps[i]) return true;
    return false;
  }

  // One reading of `text`: the page of talks and how many there are.
  Result<SearchResults> run_query(const SearchOptions& o, const std::string& text) {
    auto parsed = query::parse(db, text, o.match_any);
    if (!parsed) return parsed.failure();
    Xapian::Enquire enquire(db);
    enquire.set_query(parsed->query);
    enquire.set_collapse_key(fields::kCollapse);
    enquire.set_weighting_scheme(Xapian::BM25Weight(fields::kBm25K1, 0, 1, fields::kBm25B, 0.5));

    SearchResults r;
    r.notes = std::move(parsed->notes);
    auto first = static_cast<Xapian::doccount>(o.offset);
    auto count = static_cast<Xapian::doccount>(o.limit);
    if (o.facets) {
      // The whole grouped result set, for the counts; the page is cut from it.
      Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
      count_facets(all, r);
      r.matches_estimated = all.size();
      for (auto it = all.begin(); it != all.end(); ++it) {
        if (it.get_rank() < first) continue;
        if (r.hits.size() >= count) break;
        r.hits.push_back(hit_from(it, all, enquire, stems));
      }
      r.more = all.size() > first + r.hits.size();
    } else {
      // One talk more than the page, so that whether there are more is known. Xapian checks at least
      // kExactTalkCount grouped talks, so up to that many the count is exact (its bounds meet); past it
      // the lower bound is said as "more than".
      auto check = std::max<Xapian::doccount>(first + count + 1, kExactTalkCount);
      Xapian::MSet mset = enquire.get_mset(first, count + 1, check);
      for (auto it = mset.begin(); it != mset.end() && r.hits.size() < count; ++it)
        r.hits.push_back(hit_from(it, mset, enquire, stems));
      r.more = mset.size() > count;
      r.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
      r.matches_estimated = mset.get_matches_lower_bound();
      if (!mset.empty()) r.matches_estimated = std::max<std::size_t>(r.matches_estimated, first + mset.size());
    }
    return r;
  }

  Result<SearchResults> run(const SearchOptions& o) {
    auto r = run_query(o, o.query);
    if (!r || r->matches_estimated > 0) return r;
    // Nothing matched. A good suggestion's talks are shown instead, saying so.
    r->suggestion = query::spelling_correction(db, o.query, o.match_any);
    if (!r->suggestion.empty()) {
      auto corrected = run_query(o, r->suggestion);
      if (corrected && corrected->matches_estimated > 0) {
        corrected->suggestion = corrected->showing = r->suggestion;
        corrected->notes = std::move(r->notes);
        return corrected;
      }
      return r;
    }
    // A filter that leaves out every talk the words find is to blame, not the words.
    auto [words, filters] = query::split_filters(o.query);
    if (!filters.empty() && !words.empty()) {
      auto unfiltered = run_query(SearchOptions{words, 1, 0, o.match_any, false}, words);
      if (unfiltered && unfiltered->matches_estimated > 0) {
        r->notes.push_back(fmt::format("{} {} the words, but none with {}", unfiltered->matches_estimated,
                                       unfiltered->matches_estimated == 1 ? "talk has" : "talks have", filters));
        return r;
      }
    }
    // Said only where --any would find more: not when the query excludes words.
    bool excludes = o.query.rfind('-', 0) == 0 || o.query.find(" -") != std::string::npos ||
                    o.query.find("NOT ") != std::string::npos;
    if (!o.match_any && words.find(' ') != std::string::npos && !excludes)
      r->notes.push_back("no talk has all of these words; --any finds talks with some of them");
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
  if (impl_->switched()) impl_->open();  // a stat per stub: cheap beside the search
  for (int attempt = 0;; ++attempt) {
    try {
      return impl_->run(options);
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed while we read: reopen at the new revision (or the new index) and ask again.
      if (attempt >= 3) throw Error("search", "the index kept changing under the search");
      if (impl_->switched()) impl_->open();
      else impl_->db.reopen();
    } catch (const Xapian::Error& e) {
      throw Error("search", e.get_description());
    }
  }
}

}  // namespace talkdex
