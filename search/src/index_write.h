// Pieces shared by the full build (index_build.cpp) and the incremental update (index.cpp).
#pragma once

#include <xapian.h>

#include <filesystem>
#include <vector>

#include "documents.h"
#include "talkdex/error.h"
#include "talkdex/store.h"

namespace talkdex::index_write {

void write_meta(Xapian::WritableDatabase& db, std::int64_t revision);
std::int64_t read_meta_revision(const Xapian::Database& db);

// How documents go in: an update replaces by the unique id term; a build into a new, empty database
// adds (each talk and item comes once), which spares Xapian a posting-list lookup per document.
enum class Write { kReplace, kAdd };

// Writes a talk's document and its items' documents; returns how many.
std::int64_t write_talk_group(Xapian::WritableDatabase& db, docs::DocumentMaker& maker, const TalkRow& talk,
                              const std::vector<TocRow>& items, Write how = Write::kReplace);

template <typename Fn>
auto with_xapian_errors(const std::filesystem::path& dir, Fn&& fn) {
  try {
    return fn();
  } catch (const Xapian::Error& e) {
    throw Error(dir.string(), "index: " + e.get_description());
  }
}

}  // namespace talkdex::index_write
