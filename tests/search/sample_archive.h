// The sample archive of the search tests: the sample workshop page of data/ (the seed's facts, read by the
// workshop page reader) and a generated transcript of its day recording (which begins with
// the opening remarks at 08:45), imported through the store and indexed.
#pragma once

#include <string>
#include <vector>

#include "talkdex/archive.h"
#include "talkdex/search.h"
#include "talkdex/store.h"
#include "talkdex/text.h"
#include "talkdex/indexer/schedule/workshop_page.h"
#include "temp_archive.h"
#include "test_support.h"

namespace talkdex::test {

inline constexpr const char* kDayRecording = "https://videoken.com/embed/NJjqOnuvpKc";

// The sample page as the workshop page reader reads it, in 2019.
inline Schedule sample_schedule() {
  auto read = parse_workshop_page(read_file(sample_page()), sample_page().string(), WorkshopPageOptions{2019, ""});
  if (!read.ok()) throw Error(read.failure().message());
  return read.value();
}

// Seconds into the day recording at a time of day "HH:MM".
inline double day_offset(const std::string& hhmm) {
  return *iso_to_epoch("2019-06-15T" + hhmm + ":00") - *iso_to_epoch("2019-06-15T08:45:00");
}

// What is said in the day recording: passages of 30 seconds from 08:45 to 18:00. Most are filler from a
// small vocabulary that no test searches for; the passages below say what the tests look for.
struct SaidAt {
  const char* time;  // "HH:MM:SS" of the day
  const char* text;
};
inline const std::vector<SaidAt>& spoken_lines() {
  static const std::vector<SaidAt> lines = {
      {"09:05:00", "the implicit bias of gradient descent picks the minimum norm solution"},
      {"09:52:30", "we call the winning ticket a subnetwork that trains well from its original initialisation"},
      {"09:55:00", "masking is training: the supermask alone reaches forty percent accuracy"},
      {"11:05:00", "the network settles onto a line attractor that counts positive and negative words"},
      {"14:40:00", "learning dynamics of deep linear networks pass through saddle points in stages"},
      {"16:45:00", "Ali asks the panel whether sharp minima generalise worse than flat minima"},
  };
  return lines;
}

inline std::vector<TranscriptPassage> day_transcript() {
  static const char* const filler[] = {"thanks", "so", "here", "we", "see", "this", "plot", "again", "okay",
                                       "right", "yes", "next", "slide", "please", "look", "there", "well"};
  std::vector<TranscriptPassage> out;
  double end = day_offset("18:00");
  unsigned seed = 7;
  for (double t = 0; t < end; t += 30) {
    std::string text;
    for (int w = 0; w < 40; ++w) {
      seed = seed * 1103515245u + 12345u;
      text += std::string(w ? " " : "") + filler[(seed >> 16) % std::size(filler)];
    }
    out.push_back({t, t + 30, text, {}});
  }
  for (const auto& line : spoken_lines()) {
    double at = *iso_to_epoch(std::string("2019-06-15T") + line.time) - *iso_to_epoch("2019-06-15T08:45:00");
    out[static_cast<std::size_t>(at / 30)].text = line.text;
  }
  return out;
}

// `schedule` imported into the fixture's store as read from `uri`, and the index built anew.
inline void import_and_index(TempArchive& a, const Schedule& schedule, const std::string& uri) {
  SourceRecord src;
  src.uri = uri;
  a.store.import_schedule(src, schedule);
  a.archive.rebuild(a.store);
}

// The titles of the hits of `query` on the archive's index, best first.
inline std::vector<std::string> hit_titles(const Archive& archive, const std::string& query) {
  Searcher searcher(archive.search_databases());
  SearchOptions o;
  o.query = query;
  SearchResults results = searcher.search(o).value();
  std::vector<std::string> out;
  for (const auto& hit : results.hits) out.push_back(hit.title);
  return out;
}

// The archive in a temporary folder: the schedule imported, the transcript stored, the index built.
struct SampleArchive : TempArchive {
  SampleArchive() {
    SourceRecord src;
    src.uri = sample_page().string();
    src.kind = "workshop-page";
    src.status = "ok";
    store.import_schedule(src, sample_schedule());
    auto rec = store.recording_by_uri(kDayRecording);
    if (!rec) throw Error(kDayRecording, "the sample schedule has no day recording");
    store.replace_passages(rec->id, "en", day_transcript());
    archive.rebuild(store);
  }

  Result<SearchResults> try_search(const std::string& q, SearchOptions o = {}) {
    Searcher s(archive.search_databases());
    o.query = q;
    return s.search(o);
  }
  SearchResults search(const std::string& q, SearchOptions o = {}) {
    auto r = try_search(q, o);
    if (!r.ok()) throw Error(r.failure().message());
    return r.value();
  }
};

}  // namespace talkdex::test
