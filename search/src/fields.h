// The index's schema in one place: term prefixes, value slots and document kinds. Indexing and querying
// both read these tables, so a field cannot be indexed under one prefix and searched under another.
//
// Documents: one per talk ("Qtalk:ID": title, subtitle, speakers, event, kind words, abstract), one per
// table-of-contents item ("Qitem:ID": the chapter title) and one per transcript passage ("Qpassage:ID":
// about 30 seconds of speech). Every document of a talk carries the talk's filters and collapse key, so a
// search groups them into one hit whose moment is the best matching document.
//
// Terms: each field's words under its prefix and unprefixed (exact with positions, and "Z" stems), so a
// plain query matches any field and field:word one field. Passages are most of an archive, so their words
// are written once, unprefixed (said: selects them with the passage kind term; see query.cpp), and they
// are not spelling data (captions are often machine-made, with their mistakes). An item or passage also
// repeats its talk's title, speakers and event with no weight (wdf 0, no positions) under the field
// prefixes and under kContextPrefix, so "saxe saddle points" or speaker:saxe said:saddle finds the passage
// of Saxe's talk; the ranking comes from the passage's own words.
//
// Ranking: a match counts by the field it is in (the wdf increments below) under BM25 without length
// normalisation (b = 0), because the documents are of different kinds and lengths: a title is short, a
// passage long, and neither should win or lose for that. With k1 = 2 one occurrence is worth
//   title 2.57 > speaker 2.14 > chapter 1.80 > abstract 1.50 > said 1.00   (times the term's idf),
// and the exact (unstemmed) word adds a tenth on top, less than any step between fields. All fields share
// the unprefixed terms' idf, so a word rare in titles but common in speech is not ranked by two measures.
#pragma once

#include <array>
#include <string_view>

namespace talkdex::fields {

struct FreeTextField {
  std::string_view name;    // the query field, "title:" without the colon
  std::string_view prefix;  // Xapian term prefix
  unsigned weight;          // wdf increment at index time: how much a match here counts
};

// Free-text fields. An empty prefix means the field's words are the unprefixed terms of its documents
// alone (the transcript: said:).
inline constexpr std::array<FreeTextField, 8> kFreeText = {{
    {"title", "S", 12},
    {"speaker", "A", 5},
    {"chapter", "XC", 3},
    {"abstract", "B", 2},
    {"said", "", 1},
    {"event", "E", 1},     // the event's title is on every talk of it: it counts least
    {"slide", "XL", 2},    // slide text found in the video
    {"kindtext", "XT", 1},  // the kind's words, so "spotlight" alone finds spotlights
}};

// The prefix of a talk's title, speaker and event words on its items and passages (see above): a plain
// query searches them with the unprefixed terms.
inline constexpr std::string_view kContextPrefix = "XK";

// The kind of document as a term, "XYtalk", "XYitem", "XYpassage": said: selects passages with it.
inline constexpr std::string_view kDocKindPrefix = "XY";

// BM25 parameters (see the ranking note above).
inline constexpr double kBm25K1 = 2.0;
inline constexpr double kBm25B = 0.0;
// The weight of the exact (unstemmed) words relative to the stemmed query.
inline constexpr double kExactBoost = 0.1;

struct BooleanField {
  std::string_view name;
  std::string_view prefix;
  std::string_view help;
};

// Filters: they select documents without changing the ranking. Values are folded to lower case without
// accents at both ends; "kind:invited-talk" and kind:"invited talk" are the same.
inline constexpr std::array<BooleanField, 8> kBoolean = {{
    {"kind", "K", "kind:spotlight, kind:\"invited talk\""},
    {"year", "Y", "year:2019, year:2019..2020, year:..2018"},
    {"date", "", "date:2019-06-15, date:2019-06, date:2019-06-01..2019-06-30"},
    {"lang", "L", "lang:en"},
    {"in", "XV", "in:KEY or in:\"Event title\" (exactly that event)"},
    {"eventid", "XE", "eventid:N (the event's number in the store)"},
    {"track", "XTK", "track:security, track:\"Ethics, Society & Politics\""},
    {"room", "XR", "room:\"Saal 1\", room:saal*"},
}};

// The talk's stable key (a frab guid, a pretalx code, ...) as a term on every document of the talk: the
// same in every archive that holds the talk, so exclusions and look-ups by key work across shards.
inline constexpr std::string_view kTalkKeyPrefix = "XW";

inline constexpr std::string_view kIdPrefix = "Q";  // unique id term: "Qtalk:12", "Qitem:34", "Qpassage:56"

// Value slots.
enum Slot : unsigned {
  kTalkId = 0,     // the talk's number in its store
  kStartTime = 1,  // sortable epoch seconds of the scheduled start
  kOffset = 2,     // sortable seconds into the recording
  kDocKind = 3,    // "talk", "item", "passage"
  kYear = 4,       // "2019"
  kDate = 5,       // "20190615", for date ranges
  kCollapse = 6,   // the talk's stable key: hits are grouped by talk, also across shards of other stores
  kEvent = 7,      // the event's title, for facets
  kKind = 8,       // the talk's kind as written, for facets
  kSpeakers = 9,   // the talk's speakers, one per line, for facets
  kTrack = 10,     // the talk's track as written, for facets
  kRoom = 11,      // the talk's room as written, for facets
};

inline constexpr std::string_view kMetaStoreRevision = "talkdex:store-revision";
inline constexpr std::string_view kMetaFormat = "talkdex:format";
// 1: the foundation; 2: passages, context; 3: the talk key term (kTalkKeyPrefix), cue and word times
inline constexpr std::string_view kFormatVersion = "3";

}  // namespace talkdex::fields
