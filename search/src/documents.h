// Turning store rows into Xapian documents. The document data holds everything a hit prints (as JSON), so
// a search never needs the SQLite file.
#pragma once

#include <xapian.h>

#include <vector>

#include "talkdex/store.h"

namespace talkdex::docs {

// Shared state of one indexing run: the term generator with stemming, accent folding and spelling data.
class DocumentMaker {
 public:
  explicit DocumentMaker(Xapian::WritableDatabase& db);

  // The talk's document; `items` are its table-of-contents items (any order), used for the best moment.
  Xapian::Document talk(const TalkRow& talk, const std::vector<TocRow>& items);
  // An item's document; `talk` is the talk it belongs to, when it has one.
  Xapian::Document item(const TocRow& item, const TalkRow* talk);

 private:
  // Indexes `text` under the field's prefix and unprefixed; `weight` 0 takes the field's own.
  void index_field(std::string_view field, const std::string& text, unsigned weight = 0);
  Xapian::TermGenerator tg_;
};

std::string talk_id_term(std::int64_t id);
std::string item_id_term(std::int64_t id);
// A term on every document of a talk (its own and its items'), to find them all again.
std::string talk_group_term(std::int64_t id);

}  // namespace talkdex::docs
