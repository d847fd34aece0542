// Store: transcript passages of recordings, written a recording and language at a time, read for the index.
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "sqlite.h"
#include "store_rows.h"
#include "talkdex/error.h"
#include "talkdex/store.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

// Cue times as stored: "AT:SECONDS" joined by ';' (AT is the byte offset into the text).
std::string encode_cues(const std::vector<CueTime>& cues) {
  std::string out;
  for (const auto& c : cues) out += fmt::format("{}{}:{:.3f}", out.empty() ? "" : ";", c.at, c.start);
  return out;
}

std::vector<CueTime> decode_cues(std::string_view s) {
  std::vector<CueTime> out;
  while (!s.empty()) {
    std::size_t end = s.find(';');
    std::string_view one = s.substr(0, end);
    std::size_t colon = one.find(':');
    CueTime c;
    if (colon != std::string_view::npos &&
        std::from_chars(one.data(), one.data() + colon, c.at).ec == std::errc() &&
        std::from_chars(one.data() + colon + 1, one.data() + one.size(), c.start).ec == std::errc())
      out.push_back(c);
    if (end == std::string_view::npos) break;
    s.remove_prefix(end + 1);
  }
  return out;
}

// Word starts as stored: milliseconds separated by spaces ("" when the captions do not time words).
std::string word_starts_to_text(const std::vector<double>& starts) {
  std::string out;
  for (double s : starts) {
    if (!out.empty()) out += ' ';
    out += std::to_string(std::llround(s * 1000));
  }
  return out;
}

std::vector<double> word_starts_from_text(const std::string& text) {
  std::vector<double> out;
  for (const auto& ms : split(text, ' '))
    if (!ms.empty()) out.push_back(static_cast<double>(std::stoll(ms)) / 1000);
  return out;
}

// The talk of a passage `p` of recording `r`: the recording's own, else the talk whose item covers the start.
constexpr const char* kPassageColumns =
    "SELECT p.id, p.recording_id, r.uri, "
    "COALESCE(r.talk_id, (SELECT i.talk_id FROM toc_items i WHERE i.recording_id = p.recording_id "
    "AND i.talk_id IS NOT NULL AND i.start <= p.start AND (i.end IS NULL OR p.start < i.end) "
    "ORDER BY i.start DESC LIMIT 1)) AS talk, "
    "p.language, p.ordinal, p.rev, p.start, p.end, p.text, p.word_starts, p.cues FROM passages p JOIN recordings r ON r.id = p.recording_id ";

PassageRow read_passage(const sql::Statement& st) {
  PassageRow p;
  std::string word_starts, cues;
  st.columns(p.id, p.recording_id, p.recording_uri, p.talk_id, p.language, p.ordinal, p.rev, p.passage.start,
             p.passage.end, p.passage.text, word_starts, cues);
  p.passage.word_starts = word_starts_from_text(word_starts);
  p.passage.cues = decode_cues(cues);
  return p;
}

std::vector<PassageRow> query_passages(sql::Database& db, const std::string& sql, std::int64_t bind) {
  return db.query_all(sql, read_passage, bind);
}

void check_passage(std::int64_t recording_id, std::size_t i, const TranscriptPassage& p) {
  auto bad = [&](const std::string& why) {
    return Error("recording " + std::to_string(recording_id), "passage " + std::to_string(i + 1) + ": " + why);
  };
  if (!std::isfinite(p.start) || p.start < 0) throw bad("the start is not a time >= 0");
  if (p.end && (!std::isfinite(*p.end) || *p.end < p.start)) throw bad("it ends before it starts");
}

}  // namespace

PassagesSummary Store::replace_passages(std::int64_t recording_id, const std::string& language,
                                        const std::vector<TranscriptPassage>& passages) {
  for (std::size_t i = 0; i < passages.size(); ++i) check_passage(recording_id, i, passages[i]);
  sql::Transaction tx(*db_);
  if (!recording(recording_id)) throw Error("recording " + std::to_string(recording_id), "no such recording");
  rows::RevisionBump bump(*db_);
  const std::int64_t rev = bump.rev();

  PassagesSummary summary;
  auto& find = db_->cached(
      "SELECT start, end, text, COALESCE(word_starts, ''), cues FROM passages WHERE recording_id = ?1 AND language = ?2 "
      "AND ordinal = ?3");
  for (std::size_t i = 0; i < passages.size(); ++i) {
    const auto& p = passages[i];
    std::string text = sanitize_utf8(p.text);
    std::string words = word_starts_to_text(p.word_starts);
    std::string cues = encode_cues(p.cues);
    find.bind(1, recording_id).bind(2, language).bind(3, static_cast<std::int64_t>(i));
    bool same = find.step() && find.real(0) == p.start && find.optional_real(1) == p.end && find.text(2) == text &&
                find.text(3) == words && find.text(4) == cues;
    find.reset();
    if (same) {
      ++summary.unchanged;
      continue;
    }
    ++summary.written;
    db_->cached(
           "INSERT INTO passages(recording_id, language, ordinal, start, end, text, rev, word_starts, cues) "
           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(recording_id, language, ordinal) DO UPDATE SET "
           "start = excluded.start, end = excluded.end, text = excluded.text, rev = excluded.rev, "
           "word_starts = excluded.word_starts, cues = excluded.cues")
        .bind(1, recording_id).bind(2, language).bind(3, static_cast<std::int64_t>(i)).bind(4, p.start)
        .bind(5, p.end).bind(6, text).bind(7, rev).bind_text_or_null(8, words).bind(9, cues)
        .run();
  }
  db_->cached("DELETE FROM passages WHERE recording_id = ?1 AND language = ?2 AND ordinal >= ?3")
      .bind(1, recording_id).bind(2, language).bind(3, static_cast<std::int64_t>(passages.size()))
      .run();
  summary.removed = db_->changes();
  bump.finish(summary.changed());
  tx.commit();
  return summary;
}

std::vector<PassageRow> Store::passages_for_talk(std::int64_t talk_id) {
  // Only the recordings that can hold the talk's passages are looked at: its own, and those its items are in.
  return query_passages(*db_,
                        std::string(kPassageColumns) +
                            "WHERE p.recording_id IN (SELECT id FROM recordings WHERE talk_id = ?1 UNION "
                            "SELECT recording_id FROM toc_items WHERE talk_id = ?1) AND talk = ?1 "
                            "ORDER BY p.recording_id, p.language, p.ordinal",
                        talk_id);
}

std::vector<PassageRow> Store::passages_for_recording(std::int64_t recording_id) {
  return query_passages(*db_, std::string(kPassageColumns) + "WHERE p.recording_id = ?1 ORDER BY p.language, p.ordinal",
                        recording_id);
}

std::vector<PassageRow> Store::passages_changed_since(std::int64_t rev) {
  return query_passages(
      *db_, std::string(kPassageColumns) + "WHERE p.rev > ?1 ORDER BY p.recording_id, p.language, p.ordinal", rev);
}

void Store::scan_passages(const std::function<void(const PassageRow&)>& visit) {
  // Its own statement, not a cached one: `visit` may run the cached reads meanwhile.
  sql::Statement st(db_->handle(),
                    std::string(kPassageColumns) + "ORDER BY p.recording_id, p.language, p.ordinal");
  while (st.step()) visit(read_passage(st));
}

}  // namespace talkdex
