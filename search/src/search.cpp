#include "talkdex/search.h"

#include <xapian.h>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <optional>

#include "cue_moment.h"
#include "fields.h"
#include "languages.h"
#include "query.h"
#include "stub_stamp.h"
#include "remote_open.h"
#include "marking_stem.h"
#include "documents.h"
#include "hit_data.h"
#include "talkdex/links.h"
#include "talkdex/text.h"
#include "talk_groups.h"
#include "word_moment.h"

namespace talkdex {
namespace {

// A transcript hit's moment moves from its passage's start to the cue that holds the matched words.
void jump_to_matched_cue(Hit& h, const search_detail::HitData& data, const Xapian::Enquire& enquire, Xapian::docid id,
                         const std::vector<Xapian::Stem>& stems) {
  if (!data.cues || !data.uri) return;
  auto words = cue_moment::matched_words(enquire.get_matching_terms_begin(id), enquire.get_matching_terms_end(id));
  auto cue = cue_moment::matched_cue(data.text, *data.cues, words, stems);
  if (!cue) return;
  h.offset = cue->start;
  h.link = link_at(*data.uri, cue->start);
  if (h.moment) h.moment->offset = cue->start;
}

// A hit from a document's data and its talk's key: what the index holds, so a remote shard's hit is
// complete without its store. `shard` names the source ("" for the archive's own index); another store's
// talk number is not shown (it means nothing here), its key is.
Hit hit_from_data(const search_detail::HitData& data, const std::string& key, const std::string& shard) {
  Hit h;
  h.shard = shard;
  if (!data.object) return h;
  if (data.talk_id) {
    if (shard.empty()) h.talk_id = *data.talk_id;
    h.key = key;
  }
  h.title = data.title;
  h.speakers = data.speakers;
  h.event = data.event;
  h.kind = data.kind;
  h.start = data.start;
  h.offset = data.offset;
  h.link = data.link;
  h.moment = data.moment;
  return h;
}

// A hit from a document alone (no match): its key from the collapse value.
Hit hit_from_document(const Xapian::Document& doc, const std::string& shard) {
  auto data = search_detail::read_hit_data(doc.get_data());
  return hit_from_data(data, data.object ? doc.get_value(fields::kCollapse) : std::string(), shard);
}

// A document the match found, with what the match knows of it.
struct Match {
  Xapian::Document doc;
  double weight = 0;
  int percent = 0;
  std::string key;  // its talk's, the one the match grouped it by ("" for none)

  explicit Match(const Xapian::MSetIterator& it)
      : doc(it.get_document()), weight(it.get_weight()), percent(it.get_percent()), key(it.get_collapse_key()) {}
  Match(const Xapian::Database& db, const search_detail::GroupedMatch& m, const Xapian::MSet& mset)
      : doc(db.get_document(m.id, Xapian::DOC_ASSUME_VALID)), weight(m.weight),
        percent(mset.convert_to_percent(m.weight)), key(m.key ? *m.key : std::string()) {}
};

Hit hit_from(const Match& match, const Xapian::MSet& mset, const Xapian::Enquire& enquire,
             const std::vector<Xapian::Stem>& stems, const Xapian::Stem& marking, const std::string& shard,
             const std::set<std::string>& word_terms) {
  // The data is read once per hit; the key is the one the match grouped the hit by, not read again
  // from the document's values.
  auto data = search_detail::read_hit_data(match.doc.get_data());
  Hit h = hit_from_data(data, match.key, shard);
  h.score = match.weight;
  h.percent = match.percent;
  if (!data.object) return h;
  const std::string& text = data.text;
  if (data.word_starts && h.offset) {
    if (auto at = search_detail::first_matching_word(text, *data.word_starts, word_terms, marking)) {
      h.offset = *at;
      if (h.moment) h.moment->offset = *at;
      if (!h.link.empty()) h.link = link_at(h.link, *at);
    }
  } else {
    // Captions timed by cue: the cue that holds the matched words.
    jump_to_matched_cue(h, data, enquire, match.doc.get_docid(), stems);
  }
  // Xapian's background model would weigh every word of the text by its frequency in the index: better
  // windows in long texts, but a B-tree lookup per word. The texts here are short (a passage is about
  // 30 seconds of speech), so the window with the most query words is good enough and much cheaper.
  h.snippet = mset.snippet(text, 240, marking, 0, "<mark>", "</mark>", "…");
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

// How many documents a kept Searcher's grouped match sees for each talk it must count (grouped_page).
constexpr std::size_t kDocumentsPerTalkSeen = 6;

struct Searcher::Impl {
  std::vector<SearchSource> sources;
  SearcherOptions options;
  std::vector<std::optional<StubStamp>> stamps;  // of each source's stub when it was opened
  Xapian::Database db;                           // every open source, as one
  std::vector<Xapian::Database> parts;           // each open source, in the order of db
  std::vector<std::string> part_names;           // its name ("" for the archive's own index)
  std::vector<std::string> unreachable;          // sources left out at the last open
  std::chrono::steady_clock::time_point checked;  // when remote shards were last asked for new commits
  std::chrono::steady_clock::time_point opened;   // when every source was last opened
  std::vector<std::string> index_languages;  // the index's (languages.h), English first
  std::vector<Xapian::Stem> stems;           // of those languages, in the same order
  std::shared_ptr<const search_detail::TalkGroups> groups;  // with options.group_in_memory, once read
  std::optional<query::Parsers> parsers;                    // for db, set up at each open

  // Opens every source: a remote shard at the first of its addresses that answers, left out (and named
  // in `unreachable`) when none does. Xapian numbers the documents of n databases added together
  // interleaved: document d is in database (d - 1) % n, which is how a hit knows its shard.
  void open() {
    Xapian::Database combined;
    std::vector<Xapian::Database> now_parts;
    std::vector<std::string> names, missing;
    std::vector<std::optional<StubStamp>> now;
    for (const auto& source : sources) {
      now.push_back(source.addresses.size() == 1 ? stub_stamp(source.addresses[0]) : std::nullopt);
      std::optional<Xapian::Database> opened;
      std::string why;
      for (const auto& address : source.addresses) {
        remote::OpenFailure failure{remote::Fault::kDown, ""};
        opened = remote::open(address, options.remote_timeout, failure);
        if (opened) break;
        std::string item = "shard " + source.name + " (" + address + ")";
        if (failure.fault == remote::Fault::kGarbage) throw Error(item, failure.reason);
        why += (why.empty() ? "" : "; ") + address + ": " + failure.reason;
      }
      if (!opened) {
        missing.push_back(source.name + " (" + why + ")");
        continue;
      }
      combined.add_database(*opened);
      now_parts.push_back(*opened);
      names.push_back(source.name);
    }
    db = combined;
    parsers.emplace(db);
    parts = std::move(now_parts);
    part_names = std::move(names);
    unreachable = std::move(missing);
    stamps = std::move(now);
    read_languages();
    checked = opened = std::chrono::steady_clock::now();
  }

  // Reads the index's languages again: at each open, and when a reopen finds a new commit (which may
  // have added talks in another language). Not at each search: it walks a filter's posting list.
  void read_languages() {
    index_languages = languages::of_index(db);
    stems.clear();
    for (const auto& language : index_languages)
      stems.push_back(languages::stemmer_for(language));
  }

  void reopen() {
    if (db.reopen()) read_languages();
  }

  // A Searcher kept open (a server's) sees an `index` on a shard only after reopen(), which costs a
  // round trip to each shard: asked at most once a second. Shards left out are tried again every 30 s
  // (not at each search: one that does not answer costs the whole timeout).
  void refresh_remote() {
    auto now = std::chrono::steady_clock::now();
    if (!has_remote()) return;
    if (!unreachable.empty() && now - opened >= std::chrono::seconds(30)) {
      open();
    } else if (now - checked >= std::chrono::seconds(1)) {
      reopen();
      checked = now;
    }
  }

  bool has_remote() const {
    for (const auto& s : sources)
      for (const auto& a : s.addresses)
        if (remote::is_remote(a)) return true;
    return false;
  }

  const std::string& shard_of(Xapian::docid id) const {
    static const std::string kNone;
    return parts.empty() ? kNone : part_names[(id - 1) % parts.size()];
  }

  // Whether a stub now names another index than the one opened (a rebuild switched since). A Searcher
  // kept open must follow: Xapian's reopen() stays on the old index, which is removed a while later.
  bool switched() const {
    for (size_t i = 0; i < sources.size(); ++i)
      if (stamps[i] && stub_stamp(sources[i].addresses[0]) != stamps[i]) return true;
    return false;
  }

  // One reading of `text`: the page of talks and how many there are.
  Result<SearchResults> run_query(const SearchOptions& o, const std::string& text) {
    if (parts.empty()) {  // no source answered: nothing to search (Xapian refuses an empty database)
      SearchResults none;
      none.unreachable = unreachable;
      return none;
    }
    auto parsed = query::parse(*parsers, text, o.match_any, index_languages);
    if (!parsed) return parsed.failure();
    Xapian::Enquire enquire(db);
    enquire.set_query(parsed->query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(fields::kBm25K1, 0, 1, fields::kBm25B, 0.5));

    SearchResults r;
    r.notes = std::move(parsed->notes);
    r.unreachable = unreachable;
    std::set<std::string> words = search_detail::word_terms(parsed->query);
    Xapian::Stem marking = search_detail::for_terms(stems.front(), words);
    auto first = static_cast<Xapian::doccount>(o.offset);
    auto count = static_cast<Xapian::doccount>(o.limit);
    if (o.facets) {
      // The whole grouped result set, for the counts; the page is cut from it.
      enquire.set_collapse_key(fields::kCollapse);
      Xapian::MSet all = enquire.get_mset(0, db.get_doccount());
      count_facets(all, r);
      r.matches_estimated = all.size();
      for (auto it = all.begin(); it != all.end(); ++it) {
        if (it.get_rank() < first) continue;
        if (r.hits.size() >= count) break;
        r.hits.push_back(hit_from(Match(it), all, enquire, stems, marking, shard_of(*it), words));
      }
      r.more = all.size() > first + r.hits.size();
    } else if (grouped_page(o, enquire, words, marking, r)) {
      // Grouped in memory (a kept Searcher's way).
    } else {
      // One talk more than the page, so that whether there are more is known. Xapian checks at least
      // options.exact_talks grouped talks, so up to that many the count is exact (its bounds meet); past it
      // the lower bound is said as "more than". (Counting apart from the page, in a second pass over the
      // same database, met "Unexpected end of posting list" under a concurrent index/rebuild: see
      // issue 6's notes.)
      auto check = static_cast<Xapian::doccount>(std::max<std::size_t>(first + count + 1, options.exact_talks));
      enquire.set_collapse_key(fields::kCollapse);
      Xapian::MSet mset = enquire.get_mset(first, count + 1, check);
      // The page's documents asked for at once: from remote shards one pipelined exchange, not a round
      // trip per hit. (Xapian 1.4's fetch() without arguments reads past the end of an MSet that starts
      // at an offset or is empty: the range is given.)
      if (!mset.empty()) mset.fetch(mset.begin(), mset.end());
      for (auto it = mset.begin(); it != mset.end() && r.hits.size() < count; ++it)
        r.hits.push_back(hit_from(Match(it), mset, enquire, stems, marking, shard_of(*it), words));
      r.more = mset.size() > count;
      // Exact when the bounds meet, or when every matching document was looked at: Xapian checks at least
      // `check` documents, so with no more matches than that it saw them all, and its lower bound counts
      // the talks they group into (the collapsed bounds need not meet then).
      r.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound() ||
                      mset.get_uncollapsed_matches_upper_bound() <= check;
      r.matches_estimated = mset.get_matches_lower_bound();
      if (!mset.empty()) r.matches_estimated = std::max<std::size_t>(r.matches_estimated, first + mset.size());
    }
    return r;
  }

  // The page of talks grouped with the talks held in memory instead of Xapian's collapse (talk_groups.h):
  // for a kept Searcher of one local index. False, with `r` untouched, where it does not apply or cannot
  // be sure of the answer (a broad query of which the match did not see every document and found fewer
  // than options.exact_talks talks): the caller then groups with Xapian's collapse.
  bool grouped_page(const SearchOptions& o, Xapian::Enquire& enquire, const std::set<std::string>& words,
                    const Xapian::Stem& marking, SearchResults& r) {
    if (!options.group_in_memory || parts.size() != 1 || has_remote()) return false;
    if (!groups || !groups->current(db)) groups = search_detail::TalkGroups::of(db, fields::kCollapse);
    const std::size_t first = o.offset, count = o.limit;
    // As many documents as would hold the page's talks and one more even if each had several matches;
    // at least kDocumentsPerTalkSeen times options.exact_talks documents seen. A talk's documents are
    // indexed side by side, so a broad query meets that many talks among them, and the page needs no
    // second match with the collapse: at 100,000 talks, 2 in 300 broad queries did with 6 (16 with 2,
    // whose second match doubled the slowest searches; none with 11, but the broad searches then cost
    // more than a second match saves).
    auto page_docs = static_cast<Xapian::doccount>(std::min<std::size_t>((first + count + 1) * 4, db.get_doccount()));
    auto check = std::max(page_docs, static_cast<Xapian::doccount>(kDocumentsPerTalkSeen * options.exact_talks));
    search_detail::GroupingSpy spy(*groups);
    enquire.add_matchspy(&spy);
    Xapian::MSet mset = enquire.get_mset(0, page_docs, check);
    enquire.clear_matchspies();

    std::vector<search_detail::GroupedMatch> page;
    if (spy.documents_seen() >= mset.get_matches_upper_bound()) {
      // Every matching document was seen: the count is exact, and the page is the spy's best talks.
      page = spy.ranked(first + count + 1);
      r.matches_estimated = spy.groups();
      r.total_exact = true;
    } else if (spy.groups() >= options.exact_talks) {
      // More than options.exact_talks talks match. Xapian's first page_docs documents are exactly the best
      // ones, so the first talks they group into are the best talks.
      std::set<std::uint64_t> seen;
      for (auto it = mset.begin(); it != mset.end() && page.size() < first + count + 1; ++it) {
        if (!seen.insert(groups->group_of(*it)).second) continue;
        page.push_back({*it, it.get_weight(), groups->key_of(*it)});
      }
      if (page.size() < first + count + 1 && mset.size() == page_docs) return false;  // too few to be sure
      r.matches_estimated = spy.groups();
      r.total_exact = false;
    } else {
      return false;
    }
    r.more = page.size() > first + count;
    for (std::size_t i = first; i < page.size() && r.hits.size() < count; ++i)
      r.hits.push_back(hit_from(Match(db, page[i], mset), mset, enquire, stems, marking, shard_of(page[i].id), words));
    return true;
  }

  Result<SearchResults> run(const SearchOptions& o) {
    auto r = run_query(o, o.query);
    if (!r || r->matches_estimated > 0 || parts.empty()) return r;
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
  for (auto& d : databases) impl_->sources.push_back({remote::is_remote(d) ? d : "", {std::move(d)}});
  impl_->open();
}

Searcher::Searcher(std::vector<SearchSource> sources, SearcherOptions options) : impl_(std::make_unique<Impl>()) {
  if (sources.empty()) throw Error("search", "no index to search");
  for (const auto& s : sources)
    if (s.addresses.empty()) throw Error("shard " + s.name, "has no address");
  impl_->sources = std::move(sources);
  impl_->options = options;
  impl_->open();
}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;

Result<SearchResults> Searcher::search(const SearchOptions& options) {
  for (int attempt = 0;; ++attempt) {
    try {
      // A stat per stub, and Xapian's reopen() reads the revision: both cheap beside the search. Without
      // the reopen a kept Searcher would stay at the commit it opened, never seeing what `index` wrote
      // since. With remote shards a reopen is a round trip to each: refresh_remote() asks at most once a
      // second, and a shard gone away is a NetworkError handled below.
      if (attempt == 0) {
        if (impl_->switched()) impl_->open();
        else if (!impl_->has_remote()) impl_->reopen();
      }
      impl_->refresh_remote();
      return impl_->run(options);
    } catch (const Xapian::DatabaseModifiedError&) {
      // A writer committed while we read: reopen at the new revision (or the new index) and ask again.
      if (attempt >= 3) throw Error("search", "the index kept changing under the search");
      if (impl_->switched()) impl_->open();
      else impl_->reopen();
    } catch (const Xapian::NetworkError& e) {
      // A shard went away or stopped answering during the search (its server restarted to follow a
      // rebuild, or died): open every source again, which leaves out those that do not answer and moves
      // to a replica, and ask again.
      if (attempt >= 2 || !impl_->has_remote()) throw Error("search", e.get_description());
      impl_->open();
    } catch (const Xapian::UnimplementedError& e) {
      // A query Xapian's parser builds but its matcher cannot run: NEAR or a phrase around something
      // that is not a word (found by tests/fuzz/fuzz_query: `(said:a:b NEAR/3 c`). The query's fault,
      // said as such, not a failure of the index.
      return Failure::invalid_input(query::item_name(options.query), "cannot be searched: " + e.get_msg());
    } catch (const Xapian::Error& e) {
      throw Error("search", e.get_description());
    }
  }
}

Result<IndexedTalk> Searcher::talk(const std::string& key, const std::string& shard) {
  std::string item = "talk " + (shard.empty() ? key : key + "@" + shard);
  if (impl_->switched()) impl_->open();
  for (int attempt = 0;; ++attempt) {
    try {
      std::optional<Xapian::Database> part;
      for (std::size_t i = 0; i < impl_->parts.size(); ++i)
        if (impl_->part_names[i] == shard) part = impl_->parts[i];
      if (!part) {
        bool listed = false;
        for (const auto& s : impl_->sources) listed = listed || s.name == shard;
        return Failure{item, listed ? "shard " + shard + " does not answer" : "no shard named " + shard, ErrorCode::io};
      }
      Xapian::Query of_talk(docs::talk_key_term(key));
      auto kind = [](const char* k) { return Xapian::Query(std::string(fields::kDocKindPrefix) + k); };
      Xapian::Enquire enquire(*part);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, kind("talk"), of_talk));
      Xapian::MSet found = enquire.get_mset(0, 1);
      if (found.empty()) return Failure{item, "no such talk on " + (shard.empty() ? "this archive" : "shard " + shard),
          ErrorCode::not_found};
      IndexedTalk out;
      out.talk = hit_from_document(found.begin().get_document(), shard);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, kind("item"), of_talk));
      enquire.set_sort_by_value(fields::kOffset, false);
      Xapian::MSet items = enquire.get_mset(0, part->get_doccount());
      for (auto it = items.begin(); it != items.end(); ++it) out.items.push_back(hit_from_document(it.get_document(), shard));
      return out;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 3) throw Error(item, "the index kept changing");
      impl_->open();
    } catch (const Xapian::NetworkError& e) {
      if (attempt >= 2) return Failure{item, remote::classify(e, impl_->options.remote_timeout).reason, ErrorCode::io};
      impl_->open();
    } catch (const Xapian::Error& e) {
      throw Error(item, e.get_description());
    }
  }
}

}  // namespace talkdex
