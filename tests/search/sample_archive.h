// The sample archive of the search tests: the seed workshop (../shared/seeds/000_c1033acf4e001c6f.txt)
// and a generated transcript of its day recording, imported through the store and indexed.
//
// The seed page is read with parse_workshop_page; until that reader is finished, seed_schedule() builds
// the same schedule by hand (the talks, kinds, times and people of the page, and the day recording that
// begins with the opening remarks at 08:45).
#pragma once

#include <string>
#include <vector>

#include "talkdex/archive.h"
#include "talkdex/search.h"
#include "talkdex/store.h"
#include "talkdex/text.h"
#include "talkdex/workshop_page.h"
#include "test_support.h"

namespace talkdex::test {

inline constexpr const char* kDayRecording = "https://videoken.com/embed/NJjqOnuvpKc";

inline Schedule seed_schedule() {
  auto read = parse_workshop_page(read_file(seed_page()), seed_page().string(), WorkshopPageOptions{2019, ""});
  if (read.ok()) return read.value();

  Schedule s;
  s.event.key = "icml2019-deep-phenomena";
  s.event.title = "Identifying and Understanding Deep Learning Phenomena";
  s.event.kind = "workshop";
  s.event.date = "2019-06-15";
  s.event.room = "Hall B";
  struct Row {
    const char* time;
    const char* title;
    const char* kind;
    std::vector<PersonRef> people;
  };
  const PersonRef srebro{"Nati Srebro", "", kRoleSpeaker}, saxe{"Andrew Saxe", "", kRoleSpeaker},
      oliva{"Aude Oliva", "", kRoleSpeaker}, zhang{"Chiyuan Zhang", "", kRoleSpeaker},
      olga{"Olga Russakovsky", "", kRoleSpeaker};
  const std::vector<Row> rows = {
      {"08:45", "Opening Remarks", "opening remarks", {}},
      {"09:00", "Optimization’s Untold Gift to Learning: Implicit Regularization", "talk", {srebro}},
      {"09:30", "Bad Global Minima Exist and SGD Can Reach Them", "spotlight", {}},
      {"09:45", "Deconstructing Lottery Tickets: Zeros, Signs, and the Supermask", "spotlight", {}},
      {"10:00", "Are all layers created equal? -- Studies on how neural networks represent functions", "talk", {zhang}},
      {"10:30", "Break and Posters", "break", {}},
      {"11:00", "Line attractor dynamics in recurrent networks for sentiment classification", "spotlight", {}},
      {"11:15", "Do deep neural networks learn shallow learnable examples first?", "spotlight", {}},
      {"11:30", "Crowdsourcing Deep Learning Phenomena", "talk", {}},
      {"12:00", "Lunch and Posters", "break", {}},
      {"13:30", "Reverse engineering neuroscience and cognitive science principles", "talk", {oliva}},
      {"14:00", "On Understanding the Hardness of Samples in Neural Networks", "spotlight", {}},
      {"14:15", "On the Convex Behavior of Deep Neural Networks in Relation to the Layers' Width", "spotlight", {}},
      {"14:30", "Intriguing phenomena in training and generalization dynamics of deep networks", "invited talk", {saxe}},
      {"15:00", "Break and Posters", "break", {}},
      {"16:00", "Olga Russakovsky", "invited talk", {olga}},
      {"16:30", "Panel Discussion", "panel discussion",
       {{"Kevin Murphy", "", kRolePanelist}, {"Nati Srebro", "", kRolePanelist}, {"Aude Oliva", "", kRolePanelist},
        {"Andrew Saxe", "", kRolePanelist}, {"Olga Russakovsky", "", kRolePanelist},
        {"Ali Rahimi", "", kRoleModerator}}},
  };
  RecordingInfo day;
  day.uri = kDayRecording;
  day.wallclock_start = "2019-06-15T08:45:00";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    TalkInfo t;
    t.key = s.event.key + "/" + std::to_string(i + 1);
    t.title = rows[i].title;
    t.kind = rows[i].kind;
    t.start = std::string("2019-06-15T") + rows[i].time + ":00";
    t.people = rows[i].people;
    s.talks.push_back(t);
    double offset = *iso_to_epoch(t.start) - *iso_to_epoch(*day.wallclock_start);
    day.items.push_back({"schedule:" + t.key, offset, std::nullopt, t.title, kTocSchedule, 0.5, std::nullopt, t.key});
  }
  s.recordings = {day};
  return s;
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
    out.push_back({t, t + 30, text});
  }
  for (const auto& line : spoken_lines()) {
    double at = *iso_to_epoch(std::string("2019-06-15T") + line.time) - *iso_to_epoch("2019-06-15T08:45:00");
    out[static_cast<std::size_t>(at / 30)].text = line.text;
  }
  return out;
}

// The archive in a temporary folder: the schedule imported, the transcript stored, the index built.
struct SampleArchive {
  TempDir dir;
  Archive archive{dir.path() / "archive"};
  Store store{(archive.create(), archive.store_file())};

  SampleArchive() {
    SourceRecord src;
    src.uri = seed_page().string();
    src.kind = "workshop-page";
    src.status = "ok";
    store.import_schedule(src, seed_schedule());
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
