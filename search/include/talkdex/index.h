// Building and updating the Xapian index from the store.
//
// Promises:
//  - One document per talk ("Qtalk:ID") and one per table-of-contents item ("Qitem:ID"); documents are
//    written with replace_document on that id term, so writing one twice leaves one.
//  - The index remembers the store revision it reflects (Xapian metadata); update_index writes only the
//    documents of talks, events and items changed since then, deletes those removed, and writes nothing
//    at all (not even a Xapian revision) when the store has not changed.
//  - build_index uses several threads: each builds a shard over a slice of the talks from its own store
//    connection, and the shards are merged by Xapian's compaction in talk order. The result holds the
//    same documents (same ids, terms, positions, values and data), statistics and spelling data as a
//    one-thread build, so searches rank the same.
//  - Changes become visible in one commit(); a failure before it leaves the index as it was.
// Errors: Xapian errors are turned into talkdex::Error naming the index folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace talkdex {

class Store;

struct IndexStats {
  std::int64_t documents_written = 0;
  std::int64_t documents_deleted = 0;
  std::int64_t store_revision = 0;  // the revision the index now reflects
  bool rebuilt = false;             // an update found an index it could not update and built it anew
  bool changed() const { return documents_written || documents_deleted; }
};

struct BuildOptions {
  int threads = 0;  // shards built at once; 0 = one per core. 1 builds straight into the folder.
  // Called from the building threads now and then with the documents written so far (all threads).
  std::function<void(std::int64_t documents)> progress;
};

// Creates a complete index of the store in `dir`, which must not exist yet. The store must not change
// while it runs (the archive's writer lock sees to that).
IndexStats build_index(Store& store, const std::filesystem::path& dir, const BuildOptions& options = {});

// Brings an existing index at `dir` (a folder or a stub file) up to the store's revision. Throws when it
// cannot (index_is_updatable is false): Archive::update then rebuilds.
IndexStats update_index(Store& store, const std::filesystem::path& dir);

// The store revision an index reflects, or -1 when it has none.
std::int64_t indexed_revision(const std::filesystem::path& dir);

struct IndexInfo {
  std::int64_t documents = 0;
  std::int64_t store_revision = -1;  // the store revision it reflects; -1 when none
  std::uint64_t xapian_revision = 0; // Xapian's own commit counter
  std::string format;                // the document format it was written in ("" when unmarked)
};
// Whether update_index can bring an index written in `format` up to the store: its format is this
// version's, and it reflects a revision the store has reached.
bool index_is_updatable(const IndexInfo& info, std::int64_t store_revision);
IndexInfo index_info(const std::filesystem::path& dir);

}  // namespace talkdex
