#include "talkdex/index_revision.h"

#include <xapian.h>

#include <cstdint>
#include <map>
#include <mutex>

#include "remote_open.h"
#include "stub_stamp.h"

namespace talkdex {
namespace {

// More addresses than this and those not asked for lately are forgotten (shards added and removed).
constexpr std::size_t kMaxWatched = 64;

}  // namespace

struct IndexRevisions::Impl {
  struct Watched {
    std::optional<StubStamp> file;  // the stub when the index was opened; nothing for a folder
    std::optional<Xapian::Database> db;
    std::uint64_t opening = 0;  // which opening of any address this is: a switch is a new one
  };
  std::mutex mutex;
  std::map<std::string, Watched> watched;
  std::uint64_t openings = 0;

  // "OPENING.REVISION" of a local index; nullopt when it cannot be read now.
  std::optional<std::string> revision(const std::string& address) {
    Watched& w = watched[address];
    // The stub is looked at before the index is opened: a switch in between opens it once more later,
    // never leaves an older index under a newer identity.
    auto now = stub_stamp(address);
    try {
      if (!w.db || now != w.file) {
        w.db.reset();
        w.db.emplace(address);
        w.file = now;
        w.opening = ++openings;
      } else {
        w.db->reopen();
      }
      return std::to_string(w.opening) + "." + std::to_string(w.db->get_revision());
    } catch (const Xapian::Error&) {
      // Being replaced or removed, or not one glass database: the search will say what is wrong.
      w.db.reset();
      return std::nullopt;
    }
  }
};

IndexRevisions::IndexRevisions() : impl_(std::make_unique<Impl>()) {}
IndexRevisions::~IndexRevisions() = default;

std::optional<IndexState> IndexRevisions::state(const std::vector<SearchSource>& sources) {
  IndexState out;
  std::lock_guard lock(impl_->mutex);
  if (impl_->watched.size() > kMaxWatched) impl_->watched.clear();
  for (const auto& source : sources) {
    bool remote = false;
    for (const auto& a : source.addresses) remote = remote || remote::is_remote(a);
    if (remote) {
      out.remote = true;
      continue;
    }
    // A local source is one folder or stub; with several, which one a search opened is not known.
    if (source.addresses.size() != 1) return std::nullopt;
    auto revision = impl_->revision(source.addresses[0]);
    if (!revision) return std::nullopt;
    out.stamp += source.name + '=' + *revision + ';';
  }
  return out;
}

}  // namespace talkdex
