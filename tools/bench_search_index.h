// The index of bench_search's generated archive (bench_search_corpus.h), and the queries the benchmarks
// run on it: shared by bench_search, bench_serve and bench_shards, so that both measure the same archive.
#pragma once

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "../search/src/documents.h"
#include "bench_search_corpus.h"
#include "talkdex/text.h"

namespace talkdex::bench {

// Talks [first, last) into a new index at `dir`.
inline void build_xapian_part(const std::filesystem::path& dir, int first, int last, const Vocabulary& vocab, const Sizes& sizes) {
  Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE);
  talkdex::docs::DocumentMaker maker(db);
  for (int i = first; i < last; ++i) {
    GeneratedTalk g = make_talk(i, vocab, sizes);
    db.add_document(maker.talk(g.talk, g.chapters));
    for (const auto& c : g.chapters) db.add_document(maker.item(c, &g.talk));
    for (const auto& p : g.passages) db.add_document(maker.passage(p, &g.talk));
  }
  db.commit();
}

// The talks split evenly over the indexes at `pieces` (each made anew), built side by side on up to
// one thread per core.
inline void build_xapian_parts(const std::vector<std::filesystem::path>& pieces, const Vocabulary& vocab,
                               const Sizes& sizes) {
  const int parts = static_cast<int>(pieces.size());
  std::vector<std::exception_ptr> errors(pieces.size());
  unsigned threads = std::max(1u, std::min<unsigned>(static_cast<unsigned>(parts), std::thread::hardware_concurrency()));
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int k = static_cast<int>(t); k < parts; k += static_cast<int>(threads)) {
        try {
          std::filesystem::remove_all(pieces[static_cast<std::size_t>(k)]);
          int first = static_cast<int>(static_cast<long long>(sizes.talks) * k / parts);
          int last = static_cast<int>(static_cast<long long>(sizes.talks) * (k + 1) / parts);
          build_xapian_part(pieces[static_cast<std::size_t>(k)], first, last, vocab, sizes);
        } catch (...) {
          errors[static_cast<std::size_t>(k)] = std::current_exception();
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

// The pieces merged into one index at `dir` with Xapian's compactor (as xapian-compact does).
inline void compact_into(const std::filesystem::path& dir, const std::vector<std::filesystem::path>& pieces) {
  Xapian::Database all;
  for (const auto& piece : pieces) all.add_database(Xapian::Database(piece.string()));
  all.compact(dir.string(), Xapian::DBCOMPACT_MULTIPASS);
}

// The index in `parts` pieces built side by side, then merged into one, so that the search reads one
// index as it would in an archive.
inline void build_xapian(const std::filesystem::path& dir, const Vocabulary& vocab, const Sizes& sizes, int parts) {
  std::vector<std::filesystem::path> pieces;
  for (int p = 0; p < parts; ++p) pieces.push_back(dir.string() + fmt::format(".part{}", p));
  build_xapian_parts(pieces, vocab, sizes);
  compact_into(dir, pieces);
  for (const auto& piece : pieces) std::filesystem::remove_all(piece);
}

// Two distinct words (4 letters or more) of one generated document: a passage, a chapter or a title.
// With `content_words`, as people type queries: not among the 100 most frequent words of the vocabulary,
// which at a Zipf distribution are its function words ("the", "of", ...), about half of all the text.
// Without, the words as they come, function words included: the worst case.
inline std::vector<std::string> make_queries(const Vocabulary& vocab, const Sizes& sizes, bool content_words) {
  std::mt19937_64 rng(content_words ? 99 : 98);
  std::vector<std::string> out;
  while (static_cast<int>(out.size()) < sizes.queries) {
    GeneratedTalk g = make_talk(static_cast<int>(rng() % sizes.talks), vocab, sizes);
    std::string text;
    switch (rng() % 4) {
      case 0: text = g.talk.info.title; break;
      case 1: text = g.chapters.empty() ? g.talk.info.abstract : g.chapters[rng() % g.chapters.size()].entry.title; break;
      default: text = g.passages.empty() ? g.talk.info.abstract : g.passages[rng() % g.passages.size()].passage.text;
    }
    std::vector<std::string> words;
    for (const auto& w : talkdex::split(text, ' ')) {
      if (w.size() < 4 || (content_words && vocab.is_function_word(w))) continue;
      if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
    }
    if (words.size() < 2) continue;
    std::shuffle(words.begin(), words.end(), rng);
    out.push_back(words[0] + " " + words[1]);
  }
  return out;
}

}  // namespace talkdex::bench
