#include "talkdex/search.h"

#include <sys/stat.h>
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <optional>

#include "fields.h"
#include "query.h"
#include "talkdex/links.h"
#include "talkdex/text.h"
#include "word_moment.h"

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

Hit hit_from(const Xapian::MSetIterator& it, const Xapian::MSet& mset, const Xapian::Stem& stem,
             const std::set<std::string>& word_terms) {
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
  if (data.contains("word_starts") && data["word_starts"].is_array() && h.offset) {
    std::vector<double> starts;
    for (const auto& s : data["word_starts"])
      if (s.is_number()) starts.push_back(s.get<double>());
    if (auto at = search_detail::first_matching_word(text, starts, word_terms, stem)) {
      h.offset = *at;
      if (h.moment) h.moment->offset = *at;
      if (!h.link.empty()) h.link = link_at(h.link, *at);
    }
  }
  // Xapian's background model would weigh every word of the text by its frequency in the index: better
  // windows in long texts, but a B-tree lookup per word. The texts here are short (a passage is about
  // 30 seconds of speech), so the window with the most query words is good enough and much cheaper.
  h.snippet = mset.snippet(text, 240, stem, 0, "<mark>", "</mark>", "…");
  return h;
}

// Counts every talk of the result set once by its event, kind, year and speakers. The match spies of
// Xapian see documents before they are grouped by talk (a talk's passages would count many times), so
// the grouped result set itself is read: it works the same over remote shards.
void count_facets(const Xapian::MSet& all, SearchResults& r) {
  auto& event = r.facets["event"];
  auto& kind = r.facets["kind"];
  auto& year = r.facets["year"];
  auto& speaker = r.facets["speaker"];
  all.fetch();
  for (auto it = all.begin(); it != all.end(); ++it) {
    Xapian::Document doc = it.get_document();
    if (auto v = doc.get_value(fields::kEvent); !v.empty()) ++event[v];
    if (auto v = doc.get_value(fields::kKind); !v.empty()) ++kind[v];
    if (auto v = doc.get_value(fields::kYear); !v.empty()) ++year[v];
    std::string names = doc.get_value(fields::kSpeakers);
    for (const auto& name : split(names, '\n'))
      if (!name.empty()) ++speaker[name];
  }
}

// Below this many talks a search also looks for a spelling correction.
constexpr std::size_t kFewTalks = 3;

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
  Xapian::Stem stem{"english"};

  void open() {
    Xapian::Database combined;
    std::vector<std::optional<StubStamp>> now;
    for (const auto& s : specs) {
      now.push_back(stub_stamp(s));
      combined.add_database(open_one(s));
    }
    db = combined;
    stamps = std::move(now);
  }

  // Whether a stub now names another index than the one opened (a rebuild switched since). A Searcher
  // kept open must follow: Xapian's reopen() stays on the old index, which is removed a while later.
  bool switched() const {
    for (size_t i = 0; i < specs.size(); ++i)
      if (stamps[i] && stub_stamp(specs[i]) != stamps[i]) return true;
    return false;
  }

  Result<SearchResults> run(const SearchOptions& o) {
    auto parsed = query::parse(db, o.query, o.match_any);
    if (!parsed) return parsed.failure();
    Xapian::Enquire enquire(db);
    enquire.set_query(parsed->query);
    enquire.set_collapse_key(fields::kCollapse);
    enquire.set_weighting_scheme(Xapian::BM25Weight(fields::kBm25K1, 0, 1, fields::kBm25B, 0.5));

    SearchResults r;
    r.notes = std::move(parsed->notes);
    std::set<std::string> words = search_detail::word_terms(parsed->query);
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
        r.hits.push_back(hit_from(it, all, stem, words));
      }
      r.more = all.size() > first + r.hits.size();
    } else {
      // One talk more than the page, so that whether there are more is known, not estimated (grouping by
      // talk makes Xapian's estimate loose); the total beyond that is Xapian's estimate.
      Xapian::MSet mset = enquire.get_mset(first, count + 1, first + count + 1);
      for (auto it = mset.begin(); it != mset.end() && r.hits.size() < count; ++it)
        r.hits.push_back(hit_from(it, mset, stem, words));
      r.more = mset.size() > count;
      // Without more, Xapian checked every match (check_at_least reaches past them): its count is exact.
      r.matches_estimated = r.more ? std::max<std::size_t>(mset.get_matches_estimated(), first + count + 1)
                                   : mset.get_matches_estimated();
    }
    if (r.matches_estimated < kFewTalks) r.suggestion = query::spelling_correction(db, o.query, o.match_any);
    // Said only where --any would find more: not when the query excludes words.
    bool excludes = o.query.rfind('-', 0) == 0 || o.query.find(" -") != std::string::npos ||
                    o.query.find("NOT ") != std::string::npos;
    if (r.hits.empty() && r.matches_estimated == 0 && !o.match_any && o.query.find(' ') != std::string::npos &&
        r.suggestion.empty() && !excludes) {
      r.notes.push_back("no talk has all of these words; --any finds talks with some of them");
    }
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
