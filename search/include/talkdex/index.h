// Building and updating the Xapian index from the store.
//
// Promises:
//  - One document per talk ("Qtalk:ID") and one per table-of-contents item ("Qitem:ID"); documents are
//    written with replace_document on that id term, so writing one twice leaves one.
//  - The index remembers the store revision it reflects (Xapian metadata); update_index writes only the
//    documents of talks and items changed since then, deletes those removed, and writes nothing at all
//    when the store has not changed.
//  - Changes become visible in one commit(); a failure before it leaves the index as it was.
// Errors: Xapian errors are turned into talkdex::Error naming the index folder.
#pragma once

#include <cstdint>
#include <filesystem>

namespace talkdex {

class Store;

struct IndexStats {
  std::int64_t documents_written = 0;
  std::int64_t documents_deleted = 0;
  std::int64_t store_revision = 0;  // the revision the index now reflects
  bool changed() const { return documents_written || documents_deleted; }
};

// Creates a complete index of the store in `dir`, which must not exist yet.
IndexStats build_index(Store& store, const std::filesystem::path& dir);

// Brings an existing index at `dir` (a folder or a stub file) up to the store's revision.
IndexStats update_index(Store& store, const std::filesystem::path& dir);

// The store revision an index reflects, or -1 when it has none.
std::int64_t indexed_revision(const std::filesystem::path& dir);

}  // namespace talkdex
