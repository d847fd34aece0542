// Schedule lines, kinds and person names of a workshop page.
#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "talkdex/text.h"
#include "schedule/workshop_line.h"

namespace talkdex::workshop {
namespace {

constexpr std::string_view kRaquo = "\xC2\xBB";  // »

bool contains(std::initializer_list<std::string_view> list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Words that start a title or name a schedule item, never a person: "On Understanding", "Opening Remarks".
bool is_title_word(std::string_view lower) {
  return contains({"the", "a", "an", "on", "of", "in", "for", "to", "and", "or", "with", "from", "by", "at", "is",
                   "are", "do", "does", "why", "how", "what", "when", "where", "which", "who", "towards", "toward",
                   "via", "beyond", "into", "through", "panel", "discussion", "opening", "closing", "remarks",
                   "break", "lunch", "coffee", "session", "poster", "posters", "keynote", "talk", "invited",
                   "introduction", "welcome", "spotlight", "spotlights", "moderator", "panelists", "q&a"},
                  lower);
}

// Lower-case particles of names: "Ludwig van Beethoven", "Oriol de la Torre".
bool is_name_particle(std::string_view word) {
  return contains({"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das",
                   "bin", "ibn", "al", "ten", "ter", "y"},
                  word);
}

}  // namespace

std::string remove_link_labels(std::string_view text) {
  std::string s(text);
  size_t at;
  while ((at = s.find(kRaquo)) != std::string::npos) {
    size_t start = at;
    while (start > 0 && s[start - 1] == ' ') --start;
    size_t word = start;
    while (word > 0 && std::isalpha(static_cast<unsigned char>(s[word - 1]))) --word;
    if (start - word <= 20 && word < start && std::isupper(static_cast<unsigned char>(s[word])) &&
        (word == 0 || s[word - 1] == ' '))
      start = word;
    s.erase(start, at + kRaquo.size() - start);
  }
  return collapse_space(s);
}

namespace {

struct Group {
  size_t open, close;  // positions of '(' and ')'
};

// The top-level parenthesised groups of a line; an unbalanced '(' opens no group.
std::vector<Group> top_level_groups(std::string_view s) {
  std::vector<Group> groups;
  int depth = 0;
  size_t open = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') {
      if (depth++ == 0) open = i;
    } else if (s[i] == ')' && depth > 0) {
      if (--depth == 0) groups.push_back({open, i});
    }
  }
  return groups;
}

// Splits "A, B and C" / "A · B" / "A & B" into trimmed parts.
std::vector<std::string> split_names(std::string_view text) {
  std::string s(text);
  for (std::string_view sep : {" and ", " & ", " \xC2\xB7 ", ";"}) {
    s = replace_all(s, sep, ",");
  }
  std::vector<std::string> parts;
  for (const auto& part : split(s, ',')) {
    std::string t = trim(part);
    if (!t.empty()) parts.push_back(t);
  }
  return parts;
}

// The names of a list, or none when any part of it is not a name.
std::optional<std::vector<std::string>> name_list(std::string_view text) {
  auto parts = split_names(text);
  if (parts.empty()) return std::nullopt;
  for (const auto& p : parts)
    if (!looks_like_person_name(p)) return std::nullopt;
  return parts;
}

void add_person(std::vector<PersonRef>& people, const std::string& name, const char* role) {
  std::string key = person_key(name);
  for (const auto& p : people)
    if (person_key(p.name) == key) return;
  people.push_back(PersonRef{name, "", role});
}

bool is_talk_kind(std::string_view kind) {
  return contains({"talk", "invited talk", "keynote", "tutorial"}, kind);
}

// Finds "Moderator:" (or "Moderators:", "Moderated by") case-insensitively; npos when absent.
size_t find_moderator_label(std::string_view s, size_t& label_size) {
  std::string lower = to_lower_ascii(s);
  for (std::string_view label : {"moderators:", "moderator:", "moderated by "}) {
    size_t at = lower.find(label);
    if (at != std::string::npos) {
      label_size = label.size();
      return at;
    }
  }
  return std::string::npos;
}

// "Panel Discussion: A, B, C Moderator: D" -> title "Panel Discussion", panelists A, B, C, moderator D.
void parse_panel(std::string_view text, ScheduleLine& line) {
  std::string s = trim(text);
  std::string moderators;
  size_t label_size = 0;
  size_t mod = find_moderator_label(s, label_size);
  if (mod != std::string::npos) {
    moderators = trim(std::string_view(s).substr(mod + label_size));
    s = trim(std::string_view(s).substr(0, mod));
    if (!s.empty() && (s.back() == ',' || s.back() == ';' || s.back() == '-')) s = trim(s.substr(0, s.size() - 1));
  }
  std::string title = s;
  size_t colon = s.find(':');
  if (colon != std::string::npos) {
    std::string list = trim(std::string_view(s).substr(colon + 1));
    if (starts_with_icase(list, "panelists:")) list = trim(list.substr(10));
    if (auto names = name_list(list)) {
      title = trim(std::string_view(s).substr(0, colon));
      for (const auto& n : *names) add_person(line.people, n, kRolePanelist);
    }
  }
  if (!moderators.empty()) {
    if (auto names = name_list(moderators)) {
      for (const auto& n : *names) add_person(line.people, n, kRoleModerator);
    } else {
      line.notes.push_back("moderator not understood: \"" + moderators + "\"");
    }
  }
  line.title = title.empty() ? "Panel Discussion" : title;
}

// The part of a line before its kind: "Name: Title", a bare name, or a title.
void parse_title_part(std::string_view text, const std::vector<std::string>& trailing_names, bool explicit_kind,
                      ScheduleLine& line) {
  std::string s = trim(text);
  if (line.kind == "panel") {
    parse_panel(s, line);
    return;
  }
  auto named_after = [&](const std::string& name) {
    for (const auto& t : trailing_names)
      if (person_key(t) == person_key(name)) return true;
    return false;
  };
  size_t colon = s.find(": ");
  if (colon != std::string::npos) {
    std::string prefix = trim(std::string_view(s).substr(0, colon));
    std::string rest = trim(std::string_view(s).substr(colon + 2));
    auto names = name_list(prefix);
    // A spotlight's "Deconstructing Lottery Tickets: Zeros, Signs" is a title with a subtitle: only talks
    // (or a name the line repeats after its kind) put the speaker before the colon.
    bool speaker_prefix = names && !rest.empty() &&
                          ((explicit_kind && is_talk_kind(line.kind)) ||
                           std::all_of(names->begin(), names->end(), named_after));
    if (speaker_prefix) {
      for (const auto& n : *names) add_person(line.people, n, kRoleSpeaker);
      line.title = rest;
      return;
    }
    // "Invited Talk: Olga Russakovsky": a kind label, then the speaker.
    if (!normalize_kind(prefix).empty()) {
      if (auto after = name_list(rest)) {
        for (const auto& n : *after) add_person(line.people, n, kRoleSpeaker);
        if (!explicit_kind) line.kind = normalize_kind(prefix);
      }
    }
  }
  if (explicit_kind && is_talk_kind(line.kind) && looks_like_person_name(s)) {
    // "Olga Russakovsky (Invited Talk)": the page names only the speaker.
    add_person(line.people, s, kRoleSpeaker);
  }
  line.title = s;
}

}  // namespace

std::string slug(std::string_view text) {
  std::string folded = to_lower_ascii(fold_accents(text));
  // A typographic apostrophe joins a word like a plain one: "Optimization’s" -> "optimizations".
  folded = replace_all(folded, "\xE2\x80\x99", "'");
  std::string out;
  bool dash = false;
  for (char c : folded) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (dash && !out.empty()) out += '-';
      out += c;
      dash = false;
    } else if (c != '\'' && static_cast<unsigned char>(c) < 0x80) {
      dash = true;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      dash = true;  // letters of other scripts and typographic quotes separate words
    }
  }
  return out;
}

bool looks_like_person_name(std::string_view text) {
  std::vector<std::string> words = split(collapse_space(text), ' ');
  if (words.size() < 2 || words.size() > 6) return false;
  int capitalised = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    bool inner = i > 0 && i + 1 < words.size();
    if (inner && is_name_particle(w)) continue;
    std::string folded = fold_accents(w);
    if (folded.empty() || !std::isupper(static_cast<unsigned char>(folded[0]))) return false;
    if (is_title_word(to_lower_ascii(folded))) return false;
    int letters = 0, upper = 0;
    for (unsigned char c : folded) {
      if (std::isalpha(c)) {
        ++letters;
        if (std::isupper(c)) ++upper;
      } else if (!(c == '-' || c == '.' || c == '\'' || c >= 0x80)) {
        return false;  // digits, '?', ':' and the like are not in names
      }
    }
    if (letters >= 3 && upper == letters) return false;  // "SGD": an acronym, not a name
    ++capitalised;
  }
  return capitalised >= 2 && capitalised <= 4;
}

std::string normalize_kind(std::string_view label) {
  std::string k = to_lower_ascii(collapse_space(label));
  if (contains({"talk", "contributed talk", "contributed talks", "oral", "presentation", "talks"}, k)) return "talk";
  if (contains({"invited talk", "invited talks", "invited", "invited speaker"}, k)) return "invited talk";
  if (contains({"keynote", "keynote talk"}, k)) return "keynote";
  if (contains({"spotlight", "spotlights", "spotlight talk", "spotlight talks", "lightning talk",
                "lightning talks"},
               k))
    return "spotlight";
  if (contains({"panel", "panel discussion", "discussion panel"}, k)) return "panel";
  if (contains({"poster", "posters", "poster session", "poster sessions"}, k)) return "poster session";
  if (contains({"break", "coffee break", "lunch", "lunch break"}, k)) return "break";
  if (contains({"opening remarks", "opening", "welcome", "introduction", "introductory remarks"}, k))
    return "opening remarks";
  if (contains({"closing remarks", "closing"}, k)) return "closing remarks";
  if (contains({"demo", "demos", "demonstration"}, k)) return "demo";
  if (contains({"tutorial"}, k)) return "tutorial";
  if (contains({"discussion", "open discussion", "q&a"}, k)) return "discussion";
  if (contains({"award", "awards", "best paper award"}, k)) return "award";
  return {};
}

std::string kind_from_title(std::string_view title) {
  std::string lower = fmt::format(" {} ", to_lower_ascii(collapse_space(title)));
  for (std::string_view word : {" break ", " lunch ", " coffee "})
    if (lower.find(word) != std::string::npos) return "break";
  if (lower.rfind(" opening remarks", 0) == 0 || lower.rfind(" welcome", 0) == 0 ||
      lower.rfind(" opening ", 0) == 0)
    return "opening remarks";
  if (lower.rfind(" closing remarks", 0) == 0 || lower.rfind(" closing ", 0) == 0) return "closing remarks";
  if (lower.rfind(" poster session", 0) == 0 || lower == " posters ") return "poster session";
  if (lower.rfind(" panel", 0) == 0) return "panel";
  return "talk";
}

std::optional<ScheduleLine> parse_schedule_line(std::string_view text) {
  std::string s = collapse_space(text);
  size_t pos = 0;
  auto minutes = parse_clock(s, pos);
  if (!minutes) return std::nullopt;
  ScheduleLine line;
  line.minutes = *minutes;
  std::string body = remove_link_labels(std::string_view(s).substr(pos));

  // The kind is the last top-level parenthesised group that names one; a title may hold other groups.
  std::string before = body, after;
  bool explicit_kind = false;
  auto groups = top_level_groups(body);
  for (auto g = groups.rbegin(); g != groups.rend(); ++g) {
    std::string kind = normalize_kind(std::string_view(body).substr(g->open + 1, g->close - g->open - 1));
    if (kind.empty()) continue;
    line.kind = kind;
    explicit_kind = true;
    before = trim(std::string_view(body).substr(0, g->open));
    after = trim(std::string_view(body).substr(g->close + 1));
    break;
  }
  if (!explicit_kind) line.kind = kind_from_title(body);

  // After the kind the page repeats the speakers: "(Talk) Nati Srebro".
  std::vector<std::string> trailing_names;
  if (!after.empty()) {
    if (auto names = name_list(after)) {
      trailing_names = *names;
    } else {
      line.notes.push_back("text after the kind not understood: \"" + after + "\"");
    }
  }
  parse_title_part(before, trailing_names, explicit_kind, line);
  const char* trailing_role = line.kind == "panel" ? kRolePanelist : kRoleSpeaker;
  for (const auto& n : trailing_names) add_person(line.people, n, trailing_role);
  if (line.title.empty()) {
    line.notes.push_back("no title");
    line.title = line.kind.empty() ? std::string("Untitled") : line.kind;
    line.title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line.title[0])));
  }
  return line;
}

}  // namespace talkdex::workshop
