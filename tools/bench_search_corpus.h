// The generated archive of bench_search: talks with titles, speakers, abstracts, chapters and transcript
// passages drawn from a Zipf-distributed vocabulary. Talk i is the same every time it is made, so the
// talkdex index and the FTS5 table are built from the same text without holding all of it.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "talkdex/model.h"
#include "talkdex/store.h"

namespace talkdex::bench {

struct Sizes {
  int talks = 100000;
  int chapters = 3;   // per talk
  int passages = 7;   // per talk
  int queries = 1000;
  int oneshot = 50;
  int passage_words = 60;  // about 30 seconds of speech
};

// Words made of syllables, ranked: word r is drawn with probability ~ 1/(r+1) (Zipf, s = 1), as words are
// in real text: a few very common, most rare.
class Vocabulary {
 public:
  explicit Vocabulary(int size) {
    static const char* const onset[] = {"b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v",
                                        "w", "br", "cr", "st", "tr", "pl", "gr", "sh", "th", "ch"};
    static const char* const vowel[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "io"};
    static const char* const coda[] = {"", "n", "r", "s", "l", "m", "t", "nd", "rk", "st"};
    std::mt19937_64 rng(42);
    std::set<std::string> seen;
    while (static_cast<int>(words_.size()) < size) {
      int syllables = 1 + static_cast<int>(rng() % 3) + (words_.size() > 2000);
      std::string w;
      for (int s = 0; s < syllables; ++s)
        w += std::string(onset[rng() % std::size(onset)]) + vowel[rng() % std::size(vowel)] +
             coda[rng() % std::size(coda)];
      if (w.size() >= 3 && seen.insert(w).second) words_.push_back(w);
    }
    double sum = 0;
    for (int r = 0; r < size; ++r) cumulative_.push_back(sum += 1.0 / (r + 1));
  }
  const std::string& draw(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>(0, cumulative_.back())(rng);
    auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
    return words_[static_cast<std::size_t>(it - cumulative_.begin())];
  }
  std::string text(std::mt19937_64& rng, int n) const {
    std::string out;
    for (int i = 0; i < n; ++i) out += (i ? " " : "") + draw(rng);
    return out;
  }
  const std::string& word(std::size_t i) const { return words_[i]; }
  // The most frequent words: the function words ("the", "of", ...) of the generated language.
  bool is_function_word(const std::string& w) const {
    return std::find(words_.begin(), words_.begin() + std::min<std::size_t>(kFunctionWords, words_.size()), w) !=
           words_.begin() + std::min<std::size_t>(kFunctionWords, words_.size());
  }
  static constexpr std::size_t kFunctionWords = 100;

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

struct GeneratedTalk {
  talkdex::TalkRow talk;
  std::vector<talkdex::TocRow> chapters;
  std::vector<talkdex::PassageRow> passages;
};

// Talk i, the same every time it is asked for: both indexes are built from it without holding all of it.
inline GeneratedTalk make_talk(int i, const Vocabulary& vocab, const Sizes& sizes) {
  static const char* const kinds[] = {"talk", "talk", "spotlight", "invited talk", "keynote", "panel", "poster"};
  std::mt19937_64 rng(1000003ull * static_cast<unsigned>(i) + 17);
  GeneratedTalk g;
  auto& t = g.talk;
  t.id = i + 1;
  t.event_id = i / 100 + 1;
  std::mt19937_64 event_rng(t.event_id * 7919ull);
  t.event_title = "Workshop on " + vocab.text(event_rng, 3);
  t.rev = 1;
  t.info.key = fmt::format("bench/{}", i + 1);
  t.info.title = vocab.text(rng, 5 + static_cast<int>(rng() % 6));
  t.info.kind = kinds[rng() % std::size(kinds)];
  t.info.start = fmt::format("{}-{:02}-{:02}T{:02}:00:00", 2000 + static_cast<int>(t.event_id % 25),
                             1 + static_cast<int>(t.event_id % 12), 1 + i % 28, 9 + i % 9);
  t.info.abstract = vocab.text(rng, 60 + static_cast<int>(rng() % 40));
  int speakers = 1 + static_cast<int>(rng() % 2);
  for (int s = 0; s < speakers; ++s) {
    std::string first = vocab.word(200 + rng() % 3000), last = vocab.word(500 + rng() % 20000);
    first[0] = static_cast<char>(std::toupper(first[0]));
    last[0] = static_cast<char>(std::toupper(last[0]));
    t.info.people.push_back({first + " " + last, "", talkdex::kRoleSpeaker});
  }
  std::string uri = fmt::format("https://media.example/talk{}.mp4", i + 1);
  for (int c = 0; c < sizes.chapters; ++c) {
    talkdex::TocRow r;
    r.id = static_cast<std::int64_t>(i) * sizes.chapters + c + 1;
    r.recording_id = i + 1;
    r.recording_uri = uri;
    r.talk_id = t.id;
    r.ordinal = c;
    r.entry.key = fmt::format("file:{}", c);
    r.entry.start = c * 300.0;
    r.entry.title = vocab.text(rng, 3 + static_cast<int>(rng() % 4));
    r.entry.source = talkdex::kTocFile;
    g.chapters.push_back(std::move(r));
  }
  for (int p = 0; p < sizes.passages; ++p) {
    talkdex::PassageRow r;
    r.id = static_cast<std::int64_t>(i) * sizes.passages + p + 1;
    r.recording_id = i + 1;
    r.recording_uri = uri;
    r.talk_id = t.id;
    r.language = "en";
    r.ordinal = p;
    r.passage.start = p * 30.0;
    r.passage.end = p * 30.0 + 30;
    r.passage.text = vocab.text(rng, sizes.passage_words);
    g.passages.push_back(std::move(r));
  }
  return g;
}

}  // namespace talkdex::bench
