// said: — the words spoken in a recording.
//
// Transcript words are the unprefixed terms of passage documents (fields.h), so said:X is "X in a passage":
// the term or phrase filtered by the passage kind term. Xapian's QueryParser hands a field's value to a
// FieldProcessor only for single words, so before parsing every said: value (a word, a "phrase", word*)
// is packed into one token that the processor unpacks; the corrected query of a spelling suggestion is
// unpacked back into what was typed.
#pragma once

#include <xapian.h>

#include <string>

namespace talkdex::query {

// `q` with each said:VALUE outside quotes packed into one token (said:(a b) is left to the parser, which
// calls the processor word by word).
std::string pack_said_values(const std::string& q);
// The reverse, for showing a query: said:"implicit bias", said:win*.
std::string unpack_said_values(const std::string& q);

// The processor of the said: field; `stem` as the rest of the query (the exact-word reading passes false),
// with `stemmer` (the language of this reading, languages.h).
// Owned by the QueryParser it is given to (release()d).
Xapian::FieldProcessor* said_processor(bool stem, const Xapian::Stem& stemmer);

}  // namespace talkdex::query
