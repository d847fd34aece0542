#include "talk_groups.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace talkdex::search_detail {
namespace {

// Ranked as Xapian ranks matches: higher weight first, then lower document id.
bool ranks_before(const GroupedMatch& a, const GroupedMatch& b) {
  return a.weight > b.weight || (a.weight == b.weight && a.id < b.id);
}

// The groups each revision's Searchers share, while one holds them. Read under the lock: two Searchers
// asking for a new revision at once read it once.
std::mutex registry_mutex;
std::map<std::string, std::weak_ptr<const TalkGroups>> registry;

}  // namespace

bool TalkGroups::current(const Xapian::Database& db) const {
  return db.get_revision() == revision_ && db.get_uuid() == uuid_;
}

std::shared_ptr<const TalkGroups> TalkGroups::of(const Xapian::Database& db, Xapian::valueno slot) {
  std::string uuid = db.get_uuid();
  Xapian::rev revision = db.get_revision();
  std::string name = uuid + ":" + std::to_string(revision) + ":" + std::to_string(slot);
  std::lock_guard lock(registry_mutex);
  if (auto held = registry[name].lock()) return held;

  auto groups = std::make_shared<TalkGroups>();
  groups->uuid_ = std::move(uuid);
  groups->revision_ = revision;
  groups->talk_of_doc_.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
  std::unordered_map<std::string, std::uint32_t> numbers;
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    std::string key = *it;
    if (key.empty()) continue;
    auto [found, added] = numbers.try_emplace(key, static_cast<std::uint32_t>(groups->keys_.size() + 1));
    if (added) groups->keys_.push_back(std::move(key));
    Xapian::docid id = it.get_docid();
    if (id < groups->talk_of_doc_.size()) groups->talk_of_doc_[id] = found->second;
  }
  for (auto i = registry.begin(); i != registry.end();) i = i->second.expired() ? registry.erase(i) : std::next(i);
  registry[name] = groups;
  return groups;
}

void GroupingSpy::operator()(const Xapian::Document& doc, double weight) {
  ++seen_;
  Xapian::docid id = doc.get_docid();
  GroupedMatch match{id, weight, groups_.key_of(id)};
  auto [best, added] = best_.try_emplace(groups_.group_of(id), match);
  if (!added && ranks_before(match, best->second)) best->second = match;
}

std::vector<GroupedMatch> GroupingSpy::ranked(std::size_t count) const {
  std::vector<GroupedMatch> all;
  all.reserve(best_.size());
  for (const auto& [group, match] : best_) all.push_back(match);
  count = std::min(count, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(count), all.end(), ranks_before);
  all.resize(count);
  return all;
}

}  // namespace talkdex::search_detail
