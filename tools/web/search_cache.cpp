#include "search_cache.h"

namespace talkdex::web {
namespace {

// What glibc's malloc adds to a block: its size word, and rounding up to 16 bytes.
constexpr std::size_t kBlock = 16;

// A string's heap bytes: none while it fits in the object (the small-string buffer).
std::size_t heap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 + kBlock : 0; }

// What a map node costs beside its contents (three pointers and the colour).
constexpr std::size_t kMapNode = 32 + kBlock;

std::size_t hit_bytes(const Hit& h) {
  std::size_t n = sizeof(Hit) + heap(h.key) + heap(h.shard) + heap(h.title) + heap(h.event) + heap(h.kind) +
                  heap(h.start) + heap(h.link) + heap(h.snippet);
  if (!h.speakers.empty()) n += kBlock;
  for (const auto& s : h.speakers) n += sizeof(std::string) + heap(s);
  if (h.moment) n += heap(h.moment->title) + heap(h.moment->source);
  return n;
}

}  // namespace

std::size_t answer_bytes(const SearchAnswer& answer) {
  const SearchResults& r = answer.results;
  std::size_t n = sizeof(SearchAnswer) + kBlock + heap(answer.body) + heap(r.suggestion) + heap(r.showing);
  if (!r.hits.empty()) n += kBlock;
  for (const auto& h : r.hits) n += hit_bytes(h);
  for (const auto& s : r.notes) n += sizeof(std::string) + heap(s);
  for (const auto& s : r.unreachable) n += sizeof(std::string) + heap(s);
  for (const auto& [name, values] : r.facets) {
    n += kMapNode + sizeof(std::string) + heap(name) + sizeof(values);
    for (const auto& [value, count] : values) n += kMapNode + sizeof(std::string) + heap(value) + sizeof(count);
  }
  return n;
}

std::shared_ptr<const SearchAnswer> SearchCache::find(const std::string& key) {
  if (!enabled()) return nullptr;
  std::lock_guard lock(mutex_);
  auto found = by_key_.find(key);
  if (found == by_key_.end()) return nullptr;
  auto it = found->second;
  if (it->expires && Clock::now() >= *it->expires) {
    erase(it);
    return nullptr;
  }
  order_.splice(order_.begin(), order_, it);
  return it->answer;
}

void SearchCache::put(const std::string& key, std::shared_ptr<const SearchAnswer> answer,
                      std::optional<Clock::time_point> expires) {
  if (!enabled()) return;
  // The key is held twice (the entry and the index), beside the list and hash nodes and the shared
  // pointer's control block.
  std::size_t bytes = answer_bytes(*answer) + 2 * (key.size() + 1 + kBlock) + sizeof(Entry) + 128;
  if (bytes > max_bytes_ / 8) return;
  std::lock_guard lock(mutex_);
  if (auto found = by_key_.find(key); found != by_key_.end()) erase(found->second);
  order_.push_front(Entry{key, std::move(answer), bytes, expires});
  by_key_.emplace(key, order_.begin());
  bytes_ += bytes;
  while (bytes_ > max_bytes_ && !order_.empty()) erase(std::prev(order_.end()));
}

SearchCache::Counts SearchCache::counts() {
  std::lock_guard lock(mutex_);
  return {order_.size(), bytes_};
}

void SearchCache::erase(Order::iterator it) {
  bytes_ -= it->bytes;
  by_key_.erase(it->key);
  order_.erase(it);
}

}  // namespace talkdex::web
