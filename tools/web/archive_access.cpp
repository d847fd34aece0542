#include "archive_access.h"

#include <fmt/format.h>

namespace talkdex::web {
namespace {

// What tells one list of sources from another: a Searcher made for one must not serve the other.
std::string sources_kind(const std::vector<SearchSource>& sources) {
  std::string kind;
  for (const auto& s : sources) {
    kind += s.name + '\n';
    for (const auto& a : s.addresses) kind += a + '\t';
    kind += '\n';
  }
  return kind;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// How long an answer that includes remote shards is kept: as long as a pooled Searcher goes without
// asking them for new commits (search.cpp, refresh_remote).
constexpr std::chrono::seconds kRemoteAnswerLife{1};

}  // namespace

std::string normalise_query(std::string_view query) {
  std::string out;
  out.reserve(query.size());
  bool quoted = false, space = false;
  for (char c : query) {
    if (!quoted && is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (c == '"') quoted = !quoted;
    out += c;
  }
  // A quote left open runs to the end: its trailing whitespace goes too.
  while (!out.empty() && is_space(out.back())) out.pop_back();
  return out;
}

Pool<Store>::Lease ArchiveAccess::store() {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(archive_.store_file(), ec))
    throw Unavailable("no talkdex archive at " + archive_.folder().string() + " (import something first)");
  return stores_.take([this] { return std::make_unique<Store>(archive_.store_file()); });
}

std::vector<SearchSource> ArchiveAccess::search_sources() {
  std::vector<SearchSource> sources = archive_search_sources(archive_, *store());
  if (sources.empty()) throw Unavailable("the archive has no index yet (run talkdex index)");
  return sources;
}

Pool<Searcher>::Lease ArchiveAccess::searcher() { return searcher_for(search_sources()); }

Pool<Searcher>::Lease ArchiveAccess::searcher_for(std::vector<SearchSource> sources) {
  std::string kind = sources_kind(sources);
  return searchers_.take([&] { return std::make_unique<Searcher>(std::move(sources), options_.searcher); }, kind);
}

Result<ArchiveAccess::Answer> ArchiveAccess::search(SearchOptions o, std::string_view route, const Render& render) {
  o.query = normalise_query(o.query);
  std::vector<SearchSource> sources = search_sources();

  // The state is read before searching: the answer then comes from that state or a later one, never
  // from one older than its key says.
  std::optional<IndexState> state;
  std::string key;
  if (cache_.enabled()) state = revisions_.state(sources);
  if (state) {
    key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}{}\x1f{}", route, sources_kind(sources), state->stamp, o.limit,
                      o.offset, o.facets ? 'f' : '-', o.match_any ? 'a' : '-', o.query);
    if (auto cached = cache_.find(key)) return cached;
  }

  auto searcher = searcher_for(std::move(sources));
  auto results = searcher->search(o);
  searcher.reset();
  if (!results) return results.failure();
  // An answer with a shard left out would stay incomplete after the shard is back: not kept.
  bool complete = results->unreachable.empty();
  auto answer = std::make_shared<SearchAnswer>();
  if (render) answer->body = render(o, *results);
  else answer->results = std::move(*results);
  if (state && complete) {
    std::optional<SearchCache::Clock::time_point> expires;
    if (state->remote) expires = SearchCache::Clock::now() + kRemoteAnswerLife;
    cache_.put(key, answer, expires);
  }
  return Answer(std::move(answer));
}

std::optional<RemoteTalkRef> ArchiveAccess::remote_ref(const std::string& ref) {
  if (ref.find('@') == std::string::npos) return std::nullopt;
  return remote_talk_ref(archive_search_sources(archive_, *store()), ref);
}

}  // namespace talkdex::web
