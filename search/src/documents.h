// Turning store rows into Xapian documents. The document data holds everything a hit prints (as JSON), so
// a search never needs the SQLite file. Which fields, prefixes and weights: fields.h.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <xapian.h>

#include <string_view>
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
  // A transcript passage's document; `talk` is the talk it belongs to, when it has one.
  Xapian::Document passage(const PassageRow& passage, const TalkRow* talk);

 private:
  // Indexes `text` under the field's prefix and unprefixed; `weight` 0 takes the field's own.
  void index_field(std::string_view field, const std::string& text, unsigned weight = 0);
  // The talk's title, speakers and event on one of its items or passages, with no weight (fields.h).
  void index_context(const TalkRow& talk);
  nlohmann::json moment_common(Xapian::Document& doc, const std::string& kind, const std::string& id_term,
                               double offset, const TalkRow* talk, const std::string& lone_collapse,
                               const std::string& lone_title);
  Xapian::TermGenerator tg_;
};

std::string talk_id_term(std::int64_t id);
std::string item_id_term(std::int64_t id);
std::string passage_id_term(std::int64_t id);
// A term on every document of a talk (its own, its items' and its passages'), to find them all again.
std::string talk_group_term(std::int64_t id);
// A term on every document of the talk with this stable key: the same in every archive (fields.h).
std::string talk_key_term(std::string_view key);

// A term of at most max_bytes: a longer one is cut (on a UTF-8 boundary) and "#" and a hash of the whole
// appended, so that two long terms with the same beginning stay apart. Xapian refuses terms > 245 bytes.
std::string fit_term(std::string term, std::size_t max_bytes);
// Room left for a filter's value after its prefix (at most 3 bytes, fields.h) under Xapian's 245.
inline constexpr std::size_t kMaxFilterValueBytes = 200;
// A filter's value as indexed and as searched: accents folded, lower case, runs of anything but letters
// and digits turned into one '-' ("Invited Talk" -> "invited-talk"), fitted to kMaxFilterValueBytes.
std::string filter_value(std::string_view text);

}  // namespace talkdex::docs
