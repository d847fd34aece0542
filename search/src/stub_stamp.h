// Which file a stub path names now: rebuild switches indexes by renaming a new stub over the old one, so
// another file there means another index. An inode number alone can come back (two rebuilds between two
// looks may reuse the first stub's), so its change time goes with it. Nothing for remote shards and
// folders, which never switch. Used by the Searcher (to reopen after a switch) and IndexRevisions (to key
// cached answers by the index they came from).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace talkdex {

struct StubStamp {
  dev_t dev = 0;
  ino_t ino = 0;
  std::int64_t ctime_ns = 0;
  bool operator==(const StubStamp&) const = default;
};

// The stamp of the regular file at `spec`; nullopt for a remote address, a folder or nothing there.
std::optional<StubStamp> stub_stamp(const std::string& spec);

}  // namespace talkdex
