// The index's schema in one place: term prefixes, value slots and document kinds. Indexing and querying
// both read these tables, so a field cannot be indexed under one prefix and searched under another.
#pragma once

#include <array>
#include <string_view>

namespace talkdex::fields {

struct FreeTextField {
  std::string_view name;    // the query field, "title:" without the colon
  std::string_view prefix;  // Xapian term prefix
  unsigned weight;          // wdf increment at index time: how much a match here counts
};

// Free-text fields. Unprefixed terms are also written for each, with the same weight, so a plain query
// matches any field and a title match outranks a speaker, chapter, abstract, then transcript match.
inline constexpr std::array<FreeTextField, 8> kFreeText = {{
    {"title", "S", 6},
    {"speaker", "A", 4},
    {"event", "E", 2},
    {"chapter", "XC", 3},
    {"abstract", "B", 1},
    {"said", "XS", 1},
    {"slide", "XL", 2},
    {"kindtext", "XT", 1},  // the kind's words, so "spotlight" alone finds spotlights
}};

struct BooleanField {
  std::string_view name;
  std::string_view prefix;
};

// Filters: they select documents without changing the ranking.
inline constexpr std::array<BooleanField, 4> kBoolean = {{
    {"kind", "K"},
    {"year", "Y"},
    {"lang", "L"},
    {"eventid", "XE"},
}};

inline constexpr std::string_view kIdPrefix = "Q";  // unique id term: "Qtalk:12", "Qitem:34"

// Value slots.
enum Slot : unsigned {
  kTalkId = 0,     // the talk's number in its store
  kStartTime = 1,  // sortable epoch seconds of the scheduled start
  kOffset = 2,     // sortable seconds into the recording
  kDocKind = 3,    // "talk", "item", "passage"
  kYear = 4,       // "2019"
  kDate = 5,       // "20190615", for date ranges
  kCollapse = 6,   // the talk's stable key: hits are grouped by talk, also across shards of other stores
};

inline constexpr std::string_view kMetaStoreRevision = "talkdex:store-revision";
inline constexpr std::string_view kMetaFormat = "talkdex:format";
inline constexpr std::string_view kFormatVersion = "1";

}  // namespace talkdex::fields
