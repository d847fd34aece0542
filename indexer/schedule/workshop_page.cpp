// The workshop page reader: page lines -> header (kind, title, organizers, date line), abstract,
// schedule lines, author information; then the event, the talks and the recordings their links point into.
#include "talkdex/indexer/schedule/workshop_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "schedule/page_lines.h"
#include "schedule/schedule_common.h"
#include "talkdex/indexer/schedule/schedule_offsets.h"
#include "talkdex/text.h"
#include "schedule/workshop_line.h"

namespace talkdex {
namespace {

using page::PageLine;
using workshop::DateLine;
using workshop::ScheduleLine;

// The first line of an ICML card says what the event is.
std::string event_kind_of(std::string_view line) {
  std::string k = to_lower_ascii(collapse_space(line));
  static constexpr std::string_view kKinds[] = {
      "workshop", "affinity workshop", "tutorial", "oral", "poster", "invited talk", "talk", "spotlight",
      "social", "expo", "expo talk", "competition", "keynote", "test of time award", "session", "symposium"};
  for (auto kind : kKinds)
    if (k == kind) return k;
  return {};
}

// "ICML 2019" (a conference and its year) at the start of a text: the venue.
std::string venue_in(std::string_view text) {
  std::vector<std::string> words = split(collapse_space(text), ' ');
  for (size_t i = 1; i < words.size() && i <= 3; ++i) {
    std::string w = words[i];
    while (!w.empty() && (w.back() == ':' || w.back() == ',')) w.pop_back();
    if (w.size() == 4 && workshop::year_in(w)) {
      for (size_t j = 0; j < i; ++j)
        if (!std::isupper(static_cast<unsigned char>(words[j][0]))) return {};
      std::string venue;
      for (size_t j = 0; j < i; ++j) venue += words[j] + " ";
      return venue + w;
    }
  }
  return {};
}

bool is_author_heading(std::string_view text) {
  std::string t = to_lower_ascii(text);
  return t == "author information" || t == "authors" || t == "organizers" || t == "organizer information";
}

bool is_trailer_heading(std::string_view text) { return starts_with_icase(text, "more from the same author"); }

bool is_understood_heading(std::string_view text) {
  std::string t = to_lower_ascii(text);
  return t == "schedule" || t == "abstract";
}

// "Ari Morcos (Facebook AI Research (FAIR))" -> {"Ari Morcos", "Facebook AI Research (FAIR)"}.
std::optional<PersonRef> parse_author_line(std::string_view text) {
  std::string s = trim(text);
  size_t open = s.find('(');
  if (open == std::string::npos) {
    if (!workshop::looks_like_person_name(s)) return std::nullopt;
    return PersonRef{s, "", kRoleOrganizer};
  }
  int depth = 0;
  size_t close = std::string::npos;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0) {
      close = i;
      break;
    }
  }
  std::string name = trim(std::string_view(s).substr(0, open));
  if (close != s.size() - 1 || name.empty() || split(name, ' ').size() > 6 ||
      name.find_first_of(":;?!") != std::string::npos)
    return std::nullopt;
  return PersonRef{name, trim(std::string_view(s).substr(open + 1, close - open - 1)), kRoleOrganizer};
}

int current_year() { return std::stoi(now_utc_iso().substr(0, 4)); }

struct PendingTalk {
  int source_line;
  ScheduleLine line;
  std::vector<Link> links;
};

class Reader {
 public:
  Reader(const page::PageText& page, const std::string& source_name, const WorkshopPageOptions& options)
      : page_(page), lines_(page.lines), source_name_(source_name), options_(options) {}

  Result<Schedule> read() {
    size_t first_schedule = lines_.size();
    for (size_t i = 0; i < lines_.size() && first_schedule == lines_.size(); ++i)
      if (workshop::parse_schedule_line(lines_[i].text)) first_schedule = i;
    if (first_schedule == lines_.size())
      return Failure{source_name_, "no schedule lines found (lines beginning with a time, such as \"08:45 AM "
                                   "Opening Remarks\"): is this an ICML-style workshop page?",
                                       ErrorCode::invalid_input};
    std::optional<size_t> date_index;
    for (size_t i = 0; i < first_schedule && !date_index; ++i)
      if (workshop::parse_date_line(lines_[i].text)) date_index = i;

    read_header(date_index.value_or(first_schedule));
    if (date_index) read_abstract(*date_index + 1, first_schedule);
    read_body(first_schedule);
    settle_date(date_index);
    build_event();
    build_talks();
    build_recordings();
    return std::move(schedule_);
  }

 private:
  void warn(const PageLine& line, std::string_view what) {
    schedule_.warnings.push_back(fmt::format("line {}: {}: \"{}\"", line.source_line, what, line.text));
  }

  // The lines before the date line: [venue] kind, title, organizers.
  void read_header(size_t end) {
    size_t i = 0;
    std::optional<size_t> kind_index;
    for (size_t k = 0; k < end && !kind_index; ++k)
      if (!event_kind_of(lines_[k].text).empty()) kind_index = k;
    size_t title_from = kind_index ? *kind_index + 1 : 0;
    for (; i < title_from; ++i) {
      const PageLine& line = lines_[i];
      if (line.text.empty()) continue;
      if (kind_index && i == *kind_index) {
        schedule_.event.kind = event_kind_of(line.text);
        year_sources_.push_back(line.text);
      } else if (std::string venue = venue_in(line.text); !venue.empty() && venue.size() == line.text.size()) {
        if (schedule_.event.venue.empty()) schedule_.event.venue = venue;
        year_sources_.push_back(line.text);
      } else {
        warn(line, "not understood before the event's kind");
      }
    }
    for (; i < end; ++i) {
      const PageLine& line = lines_[i];
      if (line.text.empty()) continue;
      if (schedule_.event.title.empty()) {
        // With no kind line, a venue line ("ICML 2019") may come before the title.
        if (std::string venue = venue_in(line.text); !kind_index && venue.size() == line.text.size() &&
                                                     !venue.empty()) {
          if (schedule_.event.venue.empty()) schedule_.event.venue = venue;
          year_sources_.push_back(line.text);
          continue;
        }
        schedule_.event.title = line.text;
        year_sources_.push_back(line.text);
        continue;
      }
      if (!read_organizer_line(line.text)) warn(line, "not understood between the title and the date");
    }
  }

  // "Hanie Sedghi · Samy Bengio · ..." (or one name alone).
  bool read_organizer_line(const std::string& text) {
    std::vector<std::string> names;
    if (text.find("\xC2\xB7") != std::string::npos) {
      size_t start = 0;
      while (start <= text.size()) {
        size_t dot = text.find("\xC2\xB7", start);
        std::string name = trim(std::string_view(text).substr(start, dot == std::string::npos ? std::string::npos
                                                                                               : dot - start));
        if (!name.empty()) names.push_back(name);
        if (dot == std::string::npos) break;
        start = dot + 2;
      }
    } else if (workshop::looks_like_person_name(text)) {
      names.push_back(text);
    }
    if (names.empty()) return false;
    for (auto& name : names) add_organizer(PersonRef{name, "", kRoleOrganizer});
    return true;
  }

  void add_organizer(const PersonRef& person) {
    std::string key = person_key(person.name);
    for (auto& o : schedule_.event.organizers) {
      if (person_key(o.name) == key) {
        if (o.affiliation.empty()) o.affiliation = person.affiliation;
        return;
      }
    }
    schedule_.event.organizers.push_back(person);
  }

  void read_abstract(size_t from, size_t to) {
    std::string abstract;
    for (size_t i = from; i < to; ++i) {
      const std::string& text = lines_[i].text;
      if (text.empty() || is_understood_heading(text)) continue;
      if (!abstract.empty()) abstract += "\n\n";
      abstract += text;
    }
    schedule_.event.abstract = abstract;
  }

  // The schedule lines, then "Author Information", then what the page adds after ("More from the Same
  // Authors"), which is kept as warnings.
  void read_body(size_t from) {
    enum class Section { Schedule, Authors, Trailer } section = Section::Schedule;
    for (size_t i = from; i < lines_.size(); ++i) {
      const PageLine& line = lines_[i];
      if (line.text.empty()) continue;
      if (section == Section::Trailer || is_trailer_heading(line.text)) {
        section = Section::Trailer;
        warn(line, "not understood after the schedule");
        continue;
      }
      if (is_author_heading(line.text)) {
        section = Section::Authors;
        continue;
      }
      if (section == Section::Authors) {
        if (auto person = parse_author_line(line.text)) add_organizer(*person);
        else warn(line, "not understood in the author information");
        continue;
      }
      if (auto parsed = workshop::parse_schedule_line(line.text)) {
        talks_.push_back(PendingTalk{line.source_line, std::move(*parsed), line.links});
      } else if (workshop::remove_link_labels(line.text).empty() && !talks_.empty()) {
        // A row of link buttons under its schedule line.
        for (const auto& link : line.links) talks_.back().links.push_back(link);
      } else if (!is_understood_heading(line.text)) {
        warn(line, "not understood in the schedule");
      }
    }
  }

  // The event's day: its year from --year, the page, or the weekday.
  void settle_date(std::optional<size_t> date_index) {
    if (!date_index) {
      schedule_.warnings.push_back(
          "no date line (such as \"Sat Jun 15th 08:30 AM -- 06:00 PM @ Hall B\"): the talks have times but no day");
      return;
    }
    DateLine date = *workshop::parse_date_line(lines_[*date_index].text);
    date_ = date;
    year_sources_.insert(year_sources_.begin(), page_.document_title);
    year_sources_.push_back(lines_[*date_index].text);
    if (options_.year) {
      year_ = *options_.year;
    } else if (date.year) {
      year_ = *date.year;
    } else {
      for (const auto& text : year_sources_) {
        if (auto y = workshop::year_in(text)) {
          year_ = *y;
          break;
        }
      }
    }
    std::string day = fmt::format("{} {}", workshop::month_name(date.month), date.day);
    if (!year_ && date.weekday) {
      year_ = workshop::year_for_weekday(date.month, date.day, *date.weekday, current_year());
      if (year_)
        schedule_.warnings.push_back(fmt::format(
            "the page gives no year: assumed {} (the latest year in which {} is a {}); --year sets it", *year_, day,
            workshop::weekday_name(*date.weekday)));
    }
    if (!year_) {
      year_ = current_year();
      schedule_.warnings.push_back(
          fmt::format("the page gives no year: assumed {} (this year); --year sets it", *year_));
    }
    if (!workshop::valid_date(*year_, date.month, date.day)) {
      schedule_.warnings.push_back(fmt::format("{} {} is not a date: the talks have times but no day", day, *year_));
      year_.reset();
      date_.reset();
      return;
    }
    if (date.weekday && workshop::weekday_of(*year_, date.month, date.day) != *date.weekday)
      schedule_.warnings.push_back(fmt::format("{} {} is a {}, not a {} as the page says", day, *year_,
                                               workshop::weekday_name(workshop::weekday_of(*year_, date.month, date.day)),
                                               workshop::weekday_name(*date.weekday)));
  }

  std::string time_on_day(int minutes) const {
    if (!date_ || !year_) return {};
    return workshop::iso_local(*year_, date_->month, date_->day, minutes);
  }

  void build_event() {
    EventInfo& event = schedule_.event;
    if (event.kind.empty()) event.kind = "workshop";
    if (event.venue.empty()) event.venue = venue_in(page_.document_title);
    if (event.title.empty()) {
      schedule_.warnings.push_back("the page gives no title");
      event.title = !page_.document_title.empty() ? page_.document_title : source_name_;
    }
    if (date_ && year_) {
      event.date = fmt::format("{:04}-{:02}-{:02}", *year_, date_->month, date_->day);
      event.start = time_on_day(date_->start_minutes);
      if (date_->end_minutes) event.end = time_on_day(*date_->end_minutes);
      event.room = date_->room;
    }
    event.url = options_.url;
    event.key = workshop::slug(event.kind) + ":" + workshop::slug(event.title) +
                (event.date.empty() ? "" : ":" + event.date);
  }

  void build_talks() {
    std::set<std::string> keys;
    for (size_t i = 0; i < talks_.size(); ++i) {
      PendingTalk& pending = talks_[i];
      for (const auto& note : pending.line.notes)
        schedule_.warnings.push_back(fmt::format("line {}: {}", pending.source_line, note));
      if (i > 0 && pending.line.minutes < talks_[i - 1].line.minutes)
        schedule_.warnings.push_back(
            fmt::format("line {}: starts before the item above it; times kept as written", pending.source_line));
      TalkInfo talk;
      talk.title = pending.line.title;
      talk.kind = pending.line.kind;
      talk.people = pending.line.people;
      talk.links = pending.links;
      talk.room = schedule_.event.room;
      talk.start = time_on_day(pending.line.minutes);
      if (i + 1 < talks_.size()) {
        talk.end = time_on_day(talks_[i + 1].line.minutes);
      } else if (date_ && date_->end_minutes && *date_->end_minutes >= pending.line.minutes) {
        talk.end = time_on_day(*date_->end_minutes);
      }
      std::string key = fmt::format("{}/{:02}{:02}-{}", schedule_.event.key, pending.line.minutes / 60,
                                    pending.line.minutes % 60, workshop::slug(talk.title));
      std::string unique = key;
      for (int n = 2; !keys.insert(unique).second; ++n) unique = fmt::format("{}-{}", key, n);
      talk.key = unique;
      schedule_.talks.push_back(std::move(talk));
    }
  }

  // Each recording the talks link into, once; a talk that links to its first table-of-contents item
  // (tocitem=1) tells when the recording begins.
  void build_recordings() {
    auto& recordings = schedule_.recordings;
    for (const auto& talk : schedule_.talks) {
      for (const auto& link : talk.links) {
        if (!is_recording_link(link)) continue;
        std::string uri = recording_uri_of(link.url);
        auto it = std::find_if(recordings.begin(), recordings.end(), [&](const RecordingInfo& r) { return r.uri == uri; });
        if (it == recordings.end()) {
          recordings.push_back(RecordingInfo{uri, "", std::nullopt, std::nullopt, {}});
          it = recordings.end() - 1;
        }
        if (link.tocitem == 1 && !talk.start.empty()) {
          if (!it->wallclock_start) {
            it->wallclock_start = talk.start;
          } else if (*it->wallclock_start != talk.start) {
            schedule_.warnings.push_back(fmt::format("two talks link to the first item of {} ({} and {}); kept {}", uri,
                                                     *it->wallclock_start, talk.start, *it->wallclock_start));
          }
        }
      }
    }
    for (auto& recording : recordings) derive_schedule_items(recording, schedule_);
  }

  const page::PageText& page_;
  const std::vector<PageLine>& lines_;
  const std::string& source_name_;
  const WorkshopPageOptions& options_;
  Schedule schedule_;
  std::vector<std::string> year_sources_;  // the page's title lines, where a year may stand
  std::vector<PendingTalk> talks_;
  std::optional<DateLine> date_;
  std::optional<int> year_;
};

}  // namespace

Result<Schedule> parse_workshop_page(std::string_view content, const std::string& source_name,
                                     const WorkshopPageOptions& options) {
  std::string text = sanitize_utf8(content);
  page::PageText page = page::read_page_lines(text, options.url);
  if (page.refused) return Failure{source_name, *page.refused};
  auto schedule = Reader(page, source_name, options).read();
  if (schedule) schedule_detail::cut_long_titles(*schedule);
  return schedule;
}

}  // namespace talkdex
