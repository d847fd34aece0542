// Transcript passages in the index: written by the full build and brought up to date by the update.
// Kept apart from index.cpp so that the build and update loops only call in here.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <set>

#include "documents.h"
#include "talkdex/index.h"
#include "talkdex/store.h"

namespace talkdex::index_passages {

// Adds every passage of the store to a database being built (each comes once, so no id lookup), calling
// `wrote` after each document.
void add_all(Xapian::WritableDatabase& db, docs::DocumentMaker& maker, Store& store, const std::function<void()>& wrote);

// Brings the passages up to the store after revision `since`: deletes those removed, writes those changed
// (their text, or their talk: the store stamps a recording's passages when its talk or items change) and
// those of `talks`, whose documents repeat the talk's words. Counts go into `stats`.
void update(Xapian::WritableDatabase& db, docs::DocumentMaker& maker, Store& store, std::int64_t since,
            const std::set<std::int64_t>& talks, IndexStats& stats);

}  // namespace talkdex::index_passages
