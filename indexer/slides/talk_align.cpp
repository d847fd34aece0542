#include "talkdex/indexer/slides/talk_align.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "talkdex/indexer/slides/detected_toc.h"
#include "talkdex/text.h"

namespace talkdex {
namespace {

const std::set<std::string>& stop_words() {
  static const std::set<std::string> words = {"a",   "an",  "the", "of",   "and", "in",  "on",   "for", "to",
                                              "with", "by", "at",  "from", "is",  "are", "via", "we",  "how",
                                              "what", "why", "do", "does", "or",  "as",  "its", "our", "vs"};
  return words;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2 && !stop_words().count(word)) out.push_back(word);
    word.clear();
  };
  for (unsigned char c : to_lower_ascii(fold_accents(text))) {
    if (std::isalnum(c)) word += static_cast<char>(c);
    else flush();
  }
  flush();
  return out;
}

// Whether a and b are at most one insertion, deletion or substitution apart.
bool one_edit_apart(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::string& s = a.size() <= b.size() ? a : b;
  const std::string& l = a.size() <= b.size() ? b : a;
  if (l.size() - s.size() > 1) return false;
  std::size_t i = 0, j = 0;
  bool edited = false;
  while (i < s.size() && j < l.size()) {
    if (s[i] == l[j]) {
      ++i, ++j;
      continue;
    }
    if (edited) return false;
    edited = true;
    if (s.size() == l.size()) ++i;
    ++j;
  }
  return true;
}

bool on_slide(const std::string& word, const std::vector<std::string>& slide) {
  for (const auto& w : slide)
    if (w == word || (word.size() >= 5 && one_edit_apart(word, w))) return true;
  return false;
}

bool is_schedule_item(const TocEntry& e) { return e.source == kTocSchedule && !e.talk_key.empty(); }

}  // namespace

double talk_match(const AlignTalk& talk, const std::string& slide_text) {
  std::vector<std::string> wanted = words(talk.title);
  for (const auto& s : talk.speakers)
    for (auto& w : words(s)) wanted.push_back(std::move(w));
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  if (wanted.empty()) return 0;
  const std::vector<std::string> slide = words(slide_text);
  int found = 0;
  for (const auto& w : wanted) found += on_slide(w, slide);
  return static_cast<double>(found) / static_cast<double>(wanted.size());
}

std::vector<TalkShift> plan_alignment(const std::vector<TocEntry>& items, const std::vector<AlignTalk>& talks,
                                      const AlignOptions& options) {
  std::vector<const TocEntry*> schedule, slides;
  for (const auto& e : items) {
    if (is_schedule_item(e)) schedule.push_back(&e);
    if (!e.slide_text.empty()) slides.push_back(&e);
  }
  auto by_start = [](const TocEntry* a, const TocEntry* b) { return a->start < b->start; };
  std::sort(schedule.begin(), schedule.end(), by_start);
  std::sort(slides.begin(), slides.end(), by_start);

  std::vector<TalkShift> out;
  double previous = -1;
  for (const TocEntry* item : schedule) {
    auto talk = std::find_if(talks.begin(), talks.end(), [&](const AlignTalk& t) { return t.key == item->talk_key; });
    if (talk == talks.end()) continue;
    TalkShift shift;
    shift.talk_key = talk->key;
    shift.title = talk->title;
    shift.item_key = item->key;
    shift.old_start = item->start;
    const TocEntry* best = nullptr;
    for (const TocEntry* s : slides) {
      if (std::abs(s->start - item->start) > options.window || s->start <= previous) continue;
      const double score = talk_match(*talk, s->slide_text);
      if (!best || score > shift.score + 1e-9) {
        best = s;
        shift.score = score;
      }
    }
    if (best) {
      shift.matched_text = best->slide_text;
      shift.matched_key = best->key;
    }
    if (!best) {
      shift.reason = slides.empty() ? "the recording has no slide text (run detect, with OCR)"
                                    : fmt::format("no slide with text within {} of the schedule", format_hms(options.window));
    } else if (shift.score < options.min_score) {
      shift.reason = fmt::format("no slide matches the title and speakers well enough (best {:.2f})", shift.score);
    } else {
      shift.new_start = best->start;
    }
    previous = shift.new_start.value_or(item->start);
    out.push_back(std::move(shift));
  }
  return out;
}

std::vector<TocEntry> apply_alignment(const std::vector<TocEntry>& items, const std::vector<TalkShift>& shifts) {
  std::vector<TocEntry> moved = items;
  std::vector<TocEntry> left_behind;
  for (const auto& s : shifts) {
    if (!s.new_start) continue;
    auto slide = std::find_if(items.begin(), items.end(), [&](const TocEntry& e) { return e.key == s.matched_key; });
    for (auto& e : moved) {
      if (e.key != s.item_key || !is_schedule_item(e)) continue;
      if (std::abs(e.start - *s.new_start) > kDetectedYieldSeconds && (!e.slide_text.empty() || !e.thumbnail.empty())) {
        // The slide this item took at its old place stays there, as the detected item it was.
        TocEntry d;
        d.key = fmt::format("detected:{}", std::llround(e.start * 1000));
        d.start = e.start;
        d.title = title_from_slide_text(e.slide_text);
        if (d.title.empty()) d.title = "Slide";
        d.source = kTocDetected;
        d.confidence = 0.5;
        d.slide_text = e.slide_text;
        d.thumbnail = e.thumbnail;
        left_behind.push_back(std::move(d));
      }
      e.start = *s.new_start;
      e.confidence = std::max(e.confidence, kAlignedConfidence);
      if (slide != items.end()) {
        e.slide_text = slide->slide_text;
        e.thumbnail = slide->thumbnail;
      }
    }
  }
  for (auto& d : left_behind)
    if (std::none_of(moved.begin(), moved.end(), [&](const TocEntry& e) { return e.key == d.key; })) moved.push_back(std::move(d));
  // Each talk ends where the next one starts; the last keeps its end unless it now starts after it.
  std::vector<TocEntry*> schedule;
  for (auto& e : moved)
    if (is_schedule_item(e)) schedule.push_back(&e);
  std::sort(schedule.begin(), schedule.end(), [](const TocEntry* a, const TocEntry* b) { return a->start < b->start; });
  for (std::size_t i = 0; i < schedule.size(); ++i) {
    if (i + 1 < schedule.size()) schedule[i]->end = schedule[i + 1]->start;
    else if (schedule[i]->end && *schedule[i]->end <= schedule[i]->start) schedule[i]->end.reset();
  }
  // Detected slides belong to the talk they now fall in.
  for (auto& e : moved) {
    if (e.source != kTocDetected || schedule.empty()) continue;
    const TocEntry* owner = nullptr;
    for (const TocEntry* s : schedule)
      if (s->start <= e.start + 1e-6) owner = s;
    e.talk_key = owner ? owner->talk_key : "";
  }
  return moved;
}

}  // namespace talkdex
