#include "query.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "documents.h"
#include "fields.h"
#include "languages.h"
#include "query_said.h"
#include "talkdex/text.h"

namespace talkdex::query {
namespace {

// A filter value that cannot be read, thrown by parse_leniently and caught in parse(): the message names
// the field and the forms it takes.
struct FilterError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Where a filter (a FieldProcessor) puts the first value it could not read during one parse_query. A
// FieldProcessor must not throw: an exception that passes through Xapian 1.4's QueryParser::parse_query
// leaks the parts of the query the parser had built (LeakSanitizer, found by tests/fuzz/fuzz_query with
// "year:2019..202\xff0"). So the filter records the message and matches nothing, and parse_leniently
// throws FilterError once parse_query has returned.
using BadFilter = std::shared_ptr<std::string>;

std::string_view boolean_help(std::string_view name) {
  for (const auto& f : fields::kBoolean)
    if (f.name == name) return f.help;
  return {};
}

std::string boolean_prefix(std::string_view name) {
  for (const auto& f : fields::kBoolean)
    if (f.name == name) return std::string(f.prefix);
  throw std::logic_error("no such filter");
}

Xapian::Query bad_value(const BadFilter& bad, std::string_view field, const std::string& value) {
  if (bad->empty())
    *bad = std::string(field) + ":" + value + " is not a value this filter takes (" + std::string(boolean_help(field)) + ")";
  return Xapian::Query::MatchNothing;
}

// kind:, lang:, in: — the value folded as at index time; a trailing * matches every value it begins.
class TermFilter : public Xapian::FieldProcessor {
 public:
  TermFilter(std::string_view field, BadFilter bad)
      : field_(field), prefix_(boolean_prefix(field)), bad_(std::move(bad)) {}
  Xapian::Query operator()(const std::string& value) override {
    bool wildcard = !value.empty() && value.back() == '*';
    std::string v = docs::filter_value(wildcard ? value.substr(0, value.size() - 1) : value);
    if (v.empty()) return bad_value(bad_, field_, value);
    if (wildcard) return Xapian::Query(Xapian::Query::OP_WILDCARD, prefix_ + v);
    return Xapian::Query(prefix_ + v);
  }

 private:
  std::string field_, prefix_;
  BadFilter bad_;
};

class EventIdFilter : public Xapian::FieldProcessor {
 public:
  explicit EventIdFilter(BadFilter bad) : bad_(std::move(bad)) {}
  Xapian::Query operator()(const std::string& value) override {
    if (value.empty() || value.size() > 18 || value.find_first_not_of("0123456789") != std::string::npos)
      return bad_value(bad_, "eventid", value);
    return Xapian::Query(boolean_prefix("eventid") + value);
  }

 private:
  BadFilter bad_;
};

bool all_digits(std::string_view s, std::size_t n) {
  return s.size() == n && s.find_first_not_of("0123456789") == std::string_view::npos;
}

// "A..B", "A..", "..B" or "A" (lo == hi).
struct Range {
  std::string lo, hi;
};
Range split_range(const std::string& value) {
  auto dots = value.find("..");
  if (dots == std::string::npos) return {value, value};
  return {value.substr(0, dots), value.substr(dots + 2)};
}

Xapian::Query value_range(unsigned slot, const std::string& lo, const std::string& hi) {
  if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
  if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
}

// year:2019 (a term), year:2019..2020, year:2019.., year:..2018 (value ranges).
class YearFilter : public Xapian::FieldProcessor {
 public:
  explicit YearFilter(BadFilter bad) : bad_(std::move(bad)) {}
  Xapian::Query operator()(const std::string& value) override {
    Range r = split_range(value);
    bool ok = (r.lo.empty() || all_digits(r.lo, 4)) && (r.hi.empty() || all_digits(r.hi, 4)) &&
              !(r.lo.empty() && r.hi.empty());
    if (!ok) return bad_value(bad_, "year", value);
    if (r.lo == r.hi) return Xapian::Query(boolean_prefix("year") + r.lo);
    if (!r.lo.empty() && !r.hi.empty() && r.lo > r.hi) std::swap(r.lo, r.hi);
    return value_range(fields::kYear, r.lo, r.hi);
  }

 private:
  BadFilter bad_;
};

// A day "2019-06-15" (or 20190615), a month "2019-06" or a year "2019" as the first and last day it covers,
// in the YYYYMMDD form of the kDate slot.
std::optional<std::pair<std::string, std::string>> date_span(std::string s) {
  std::string digits;
  for (char c : s)
    if (c != '-') digits += c;
  bool dashes_ok = s == digits || (s.size() >= 7 && s[4] == '-' && (s.size() == 7 || (s.size() == 10 && s[7] == '-')));
  if (!dashes_ok || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  if (digits.size() != 4 && digits.size() != 6 && digits.size() != 8) return std::nullopt;
  // A month or a day that no calendar has is a mistake to report, not a range that finds nothing.
  if (digits.size() >= 6) {
    int year = std::stoi(digits.substr(0, 4)), month = std::stoi(digits.substr(4, 2));
    if (month < 1 || month > 12) return std::nullopt;
    if (digits.size() == 8) {
      static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      int day = std::stoi(digits.substr(6, 2));
      int last = month == 2 && !leap ? 28 : kDays[month - 1];
      if (day < 1 || day > last) return std::nullopt;
    }
  }
  if (digits.size() == 4) return std::pair{digits + "0101", digits + "1231"};
  if (digits.size() == 6) return std::pair{digits + "01", digits + "31"};
  return std::pair{digits, digits};
}

class DateFilter : public Xapian::FieldProcessor {
 public:
  explicit DateFilter(BadFilter bad) : bad_(std::move(bad)) {}
  Xapian::Query operator()(const std::string& value) override {
    Range r = split_range(value);
    if (r.lo.empty() && r.hi.empty()) return bad_value(bad_, "date", value);
    std::optional<std::pair<std::string, std::string>> lo, hi;
    if (!r.lo.empty() && !(lo = date_span(r.lo))) return bad_value(bad_, "date", value);
    if (!r.hi.empty() && !(hi = date_span(r.hi))) return bad_value(bad_, "date", value);
    std::string from = lo ? lo->first : "", to = hi ? hi->second : "";
    if (!from.empty() && !to.empty() && from > to) {
      from = hi->first;
      to = lo->second;
    }
    return value_range(fields::kDate, from, to);
  }

 private:
  BadFilter bad_;
};

bool is_known_field(const std::string& name) {
  for (const auto& f : fields::kFreeText)
    if (f.name == name) return true;
  for (const auto& f : fields::kBoolean)
    if (f.name == name) return true;
  return false;
}

// Whether the value of a field whose ':' ends before `at` is missing: the end, a space, "()" or '""'.
bool empty_field_value(const std::string& q, std::size_t at) {
  if (at >= q.size() || std::isspace(static_cast<unsigned char>(q[at]))) return true;
  char open = q[at];
  if (open != '(' && open != '"') return false;
  char close = open == '(' ? ')' : '"';
  std::size_t k = at + 1;
  while (k < q.size() && std::isspace(static_cast<unsigned char>(q[k]))) ++k;
  return k >= q.size() || q[k] == close;
}

// How a field is used, for the message about a field with no value.
std::string field_example(const std::string& name) {
  if (auto help = boolean_help(name); !help.empty()) return std::string(help);
  return name + ":word, " + name + ":\"a phrase\"";
}

// Field names outside quotes are read in any case ("Title:" is "title:"); an unknown one is an error
// rather than a silent phrase search for "foo bar" (a URL's "https://" is left as text).
Status check_fields(std::string& q) {
  bool quoted = false;
  for (std::size_t i = 0; i < q.size(); ++i) {
    if (q[i] == '"') {
      quoted = !quoted;
      continue;
    }
    bool at_word_start = i == 0 || std::isspace(static_cast<unsigned char>(q[i - 1])) || q[i - 1] == '(' ||
                         q[i - 1] == '-' || q[i - 1] == '+';
    if (quoted || !at_word_start || !std::isalpha(static_cast<unsigned char>(q[i]))) continue;
    std::size_t j = i;
    while (j < q.size() && (std::isalnum(static_cast<unsigned char>(q[j])) || q[j] == '_')) ++j;
    if (j >= q.size() || q[j] != ':') {
      i = j > i ? j - 1 : i;
      continue;
    }
    if (q.compare(j, 3, "://") == 0) {
      i = j;
      continue;
    }
    std::string name = to_lower_ascii(q.substr(i, j - i));
    bool known = is_known_field(name);
    if (empty_field_value(q, j + 1)) {
      // "in:" or "title:(" would search the field's own name as a word: a known field says what it takes.
      if (known) return Failure::invalid_input("", name + ": has nothing after it (" + field_example(name) + ")");
      i = j;
      continue;
    }
    if (!known) {
      std::string list;
      for (const auto& f : field_names()) list += (list.empty() ? "" : ", ") + f;
      return Failure::invalid_input("", "no field \"" + q.substr(i, j - i) + ":\" (fields: " + list +
                                                  "; put the words in quotes to search for them as text)");
    }
    q.replace(i, j - i, name);
    i = j;
  }
  return Status::Ok();
}

// The parser for one reading of the query: all fields, filters and ranges. Returns where its filters
// put a value they cannot read (BadFilter), for parse_leniently.
BadFilter configure(Xapian::QueryParser& qp, const Xapian::Database& db, bool match_any, bool stem,
                    const Xapian::Stem& stemmer = Xapian::Stem("english")) {
  auto bad = std::make_shared<std::string>();
  qp.set_database(db);
  qp.set_stemmer(stemmer);
  // Other languages stem capitalised words too: German nouns are ("Sicherheitslücken").
  static const std::string kEnglish = Xapian::Stem("english").get_description();
  const bool english = stemmer.get_description() == kEnglish;
  qp.set_stemming_strategy(!stem      ? Xapian::QueryParser::STEM_NONE
                           : english ? Xapian::QueryParser::STEM_SOME
                                     : Xapian::QueryParser::STEM_ALL_Z);
  qp.set_default_op(match_any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
  // A wildcard like "a*" would otherwise expand to every word beginning with a.
  qp.set_max_expansion(limits::kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  // Plain words search the unprefixed terms and the talk's words repeated on items and passages.
  qp.add_prefix("", "");
  qp.add_prefix("", std::string(fields::kContextPrefix));
  for (const auto& f : fields::kFreeText) {
    if (f.prefix.empty()) qp.add_prefix(std::string(f.name), said_processor(stem, stemmer));
    else qp.add_prefix(std::string(f.name), std::string(f.prefix));
  }
  for (const char* name : {"kind", "lang", "in", "track", "room"})
    qp.add_boolean_prefix(name, (new TermFilter(name, bad))->release());
  qp.add_boolean_prefix("eventid", (new EventIdFilter(bad))->release());
  qp.add_boolean_prefix("year", (new YearFilter(bad))->release());
  qp.add_boolean_prefix("date", (new DateFilter(bad))->release());
  return bad;
}

constexpr unsigned kFullFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                Xapian::QueryParser::FLAG_PURE_NOT;

// Parses with the full syntax, else without the boolean operators, else as plain words (each fallback
// leaves a note). A filter value that cannot be read (`bad`, from configure) throws FilterError and is not
// retried: the filter's value is wrong whatever the syntax.
Xapian::Query parse_leniently(Xapian::QueryParser& qp, const BadFilter& bad, const std::string& q,
                              unsigned extra_flags, std::vector<std::string>* notes) {
  const unsigned readings[] = {kFullFlags, kFullFlags & ~unsigned(Xapian::QueryParser::FLAG_BOOLEAN), 0};
  for (std::size_t i = 0;; ++i) {
    bad->clear();
    try {
      Xapian::Query parsed = qp.parse_query(q, readings[i] | extra_flags);
      if (!bad->empty()) throw FilterError(*bad);
      return parsed;
    } catch (const Xapian::QueryParserError& e) {
      if (!bad->empty()) throw FilterError(*bad);
      if (i + 1 == std::size(readings)) throw;
      if (notes && i == 0) notes->push_back("read AND, OR and NOT as words (" + e.get_msg() + ")");
      if (notes && i == 1) notes->push_back("read the query as plain words (" + e.get_msg() + ")");
    }
  }
}

// The unprefixed forms of the free-text field terms of `q` ("XSsaddle" -> "saddle", "ZXSsaddl" -> "Zsaddl").
// Snippets mark the words of the query's unprefixed terms only, so these are added to the query with a
// negligible weight: said:saddle then marks "saddle" in the passage too.
std::vector<std::string> unprefixed_field_terms(const Xapian::Query& q) {
  std::vector<std::string> out;
  for (auto it = q.get_terms_begin(); it != q.get_terms_end(); ++it) {
    std::string term = *it;
    bool stemmed = term.size() > 1 && term[0] == 'Z';
    std::string_view rest = std::string_view(term).substr(stemmed ? 1 : 0);
    std::size_t upper = 0;
    while (upper < rest.size() && std::isupper(static_cast<unsigned char>(rest[upper]))) ++upper;
    if (upper == 0 || upper == rest.size()) continue;
    std::string_view prefix = rest.substr(0, upper);
    bool free_text = false;
    for (const auto& f : fields::kFreeText) free_text = free_text || f.prefix == prefix;
    if (free_text) out.push_back(fmt::format("{}{}", stemmed ? "Z" : "", rest.substr(upper)));
  }
  return out;
}

// The query as parsed: bytes that are not UTF-8 left out (with a note), accents folded.
std::string clean(const std::string& text, std::vector<std::string>* notes) {
  std::string q = sanitize_utf8(text);
  if (q != text) {
    if (notes) notes->emplace_back("left out bytes that are not UTF-8");
    q = replace_all(q, "\xEF\xBF\xBD", " ");
  }
  return fold_accents(q);
}

// The parts of a query between spaces outside quotes.
std::vector<std::string> split_outside_quotes(const std::string& q) {
  std::vector<std::string> words(1);
  bool in_quotes = false;
  for (char c : q) {
    if (std::isspace(static_cast<unsigned char>(c)) && !in_quotes) {
      if (!words.back().empty()) words.emplace_back();
      continue;
    }
    if (c == '"') in_quotes = !in_quotes;
    words.back() += c;
  }
  if (words.back().empty()) words.pop_back();
  return words;
}

// The excluded parts of a query made only of them ("-a -title:b -\"c d\"" gives "a", "title:b", "\"c d\""),
// or nothing when any part is not excluded. Xapian's parser reads a lone "-word" as the word itself; such
// a query means every talk without them.
// "NOT a" is read as "-a": both mean the same talks.
std::vector<std::string> excluded_parts(const std::string& q) {
  std::vector<std::string> words = split_outside_quotes(q), parts;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "NOT" && i + 1 < words.size()) {
      parts.push_back(words[++i]);
      continue;
    }
    if (words[i].size() < 2 || words[i][0] != '-') return {};
    parts.push_back(words[i].substr(1));
  }
  return parts;
}

// Every talk none of whose documents (its own, its chapters', its passages') has any of `parts`: each part
// parsed on its own, then any of them (parsed together, filters would be ANDed); the talks that have one
// are found first, then left out by their group term. An empty query when no part has words.
Xapian::Query every_talk_without(const Xapian::Database& db, const std::vector<std::string>& parts,
                                 std::vector<std::string>& notes) {
  Xapian::QueryParser any;
  BadFilter bad = configure(any, db, true, true);
  std::vector<Xapian::Query> parsed;
  for (const auto& part : parts) {
    Xapian::Query one = parse_leniently(any, bad, part, 0, &notes);
    if (!one.empty()) parsed.push_back(one);
  }
  if (parsed.empty()) return {};
  Xapian::Enquire having(db);
  having.set_query(Xapian::Query(Xapian::Query::OP_OR, parsed.begin(), parsed.end()));
  having.set_weighting_scheme(Xapian::BoolWeight());
  having.set_collapse_key(fields::kCollapse);
  Xapian::MSet found = having.get_mset(0, db.get_doccount());
  // By the talk's key, not its number in one store: over several shards the numbers of different
  // talks meet, while a key names the same talk wherever it is held.
  std::vector<std::string> groups;
  for (auto it = found.begin(); it != found.end(); ++it) {
    std::string key = it.get_document().get_value(fields::kCollapse);
    if (!key.empty()) groups.push_back(docs::talk_key_term(key));
  }
  Xapian::Query talks(std::string(fields::kDocKindPrefix) + "talk");
  return Xapian::Query(Xapian::Query::OP_AND_NOT, talks, Xapian::Query(Xapian::Query::OP_OR, groups.begin(), groups.end()));
}

// A note for each trailing wildcard that matches more words than are searched (kMaxWildcardExpansion):
// its hits are then those of the most frequent words only, which must not pass for all of them.
void note_wide_wildcards(const Xapian::Database& db, std::string_view q, std::vector<std::string>& notes) {
  for (const std::string& raw : split(q, ' ')) {
    std::string token = trim(raw);
    while (!token.empty() && (token.front() == '-' || token.front() == '+' || token.front() == '(' ||
                              token.front() == '"'))
      token.erase(0, 1);
    while (!token.empty() && (token.back() == ')' || token.back() == '"')) token.pop_back();
    if (token.size() < 2 || token.back() != '*') continue;
    std::string word = token.substr(0, token.size() - 1), prefix;
    if (auto colon = word.find(':'); colon != std::string::npos) {
      std::string field = word.substr(0, colon);
      word = word.substr(colon + 1);
      bool known = false;
      for (const auto& f : fields::kFreeText)
        if (f.name == field) prefix = std::string(f.prefix), known = true;
      for (const auto& f : fields::kBoolean)
        if (f.name == field && !f.prefix.empty()) prefix = std::string(f.prefix), known = true;
      if (!known) continue;
    }
    std::string start = prefix + Xapian::Unicode::tolower(fold_accents(word));
    if (start.empty()) continue;
    unsigned n = 0;
    for (auto t = db.allterms_begin(start); t != db.allterms_end(start) && n <= limits::kMaxWildcardExpansion; ++t) ++n;
    if (n > limits::kMaxWildcardExpansion)
      notes.push_back(fmt::format("{} matches more than {} words: only the {} most frequent were searched (give "
                                  "more letters to reach the others)",
                                  token, limits::kMaxWildcardExpansion, limits::kMaxWildcardExpansion));
  }
}

}  // namespace

std::string spelling_correction(const Xapian::Database& db, const std::string& text, bool match_any,
                                const Xapian::MSet* stats) {
  // Bytes that are not UTF-8 were left out of the search; a "correction" of the pieces around them would
  // suggest words nobody typed.
  if (sanitize_utf8(text) != text) return "";
  std::string q = clean(text, nullptr);
  if (!check_fields(q)) return "";
  q = pack_said_values(q);
  try {
    // Only a word the index does not have is corrected; finding that out is cheap, a suggestion is not.
    Xapian::QueryParser exact;
    BadFilter bad = configure(exact, db, match_any, false);
    Xapian::Query plain = parse_leniently(exact, bad, q, 0, nullptr);
    bool unknown = false;
    for (auto it = plain.get_unique_terms_begin(); it != plain.get_unique_terms_end() && !unknown; ++it) {
      const std::string& term = *it;
      bool unprefixed = !term.empty() && !std::isupper(static_cast<unsigned char>(term[0]));
      unknown = unprefixed && !(stats ? stats->get_termfreq(term) > 0 : db.term_exists(term));
    }
    if (!unknown) return "";
    Xapian::QueryParser qp;
    bad = configure(qp, db, match_any, true);
    parse_leniently(qp, bad, q, Xapian::QueryParser::FLAG_SPELLING_CORRECTION, nullptr);
    return unpack_said_values(qp.get_corrected_query_string());
  } catch (const std::exception&) {
    return "";
  } catch (const Xapian::QueryParserError&) {
    return "";
  }
}

std::pair<std::string, std::string> split_filters(const std::string& text) {
  std::string words, filters;
  for (const auto& part : split_outside_quotes(text)) {
    std::size_t colon = part.find(':');
    std::size_t from = part[0] == '-' || part[0] == '+' ? 1 : 0;
    bool filter = false;
    if (colon != std::string::npos && colon > from) {
      std::string name = to_lower_ascii(part.substr(from, colon - from));
      for (const auto& f : fields::kBoolean) filter = filter || f.name == name;
    }
    std::string& to = filter ? filters : words;
    to += (to.empty() ? "" : " ") + part;
  }
  return {words, filters};
}

std::vector<std::string> field_names() {
  std::vector<std::string> out;
  for (const auto& f : fields::kFreeText)
    if (f.name != "kindtext") out.emplace_back(f.name);
  for (const auto& f : fields::kBoolean) out.emplace_back(f.name);
  return out;
}

std::string item_name(const std::string& text) {
  // The query as typed, shortened: a 10,000-character query does not fill the screen.
  std::string shown = sanitize_utf8(text);
  if (shown.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
    shown = shown.substr(0, cut) + "...";
  }
  return "query \"" + shown + "\"";
}

// A parser set up by configure() and where its filters put a value they cannot read.
struct Configured {
  Xapian::QueryParser parser;
  BadFilter bad;
};

struct Parsers::Impl {
  Xapian::Database db;
  std::map<std::pair<bool, std::string>, Configured> kept;  // by (match_any, language; "" for unstemmed)

  Configured& get(bool match_any, const std::string& language) {
    auto [it, added] = kept.try_emplace({match_any, language});
    if (added) {
      it->second.bad = language.empty() ? configure(it->second.parser, db, match_any, false)
                                        : configure(it->second.parser, db, match_any, true, languages::stemmer_for(language));
    }
    return it->second;
  }
};

Parsers::Parsers(const Xapian::Database& db) : impl_(std::make_unique<Impl>()) { impl_->db = db; }
Parsers::~Parsers() = default;
Parsers::Parsers(Parsers&&) noexcept = default;
Parsers& Parsers::operator=(Parsers&&) noexcept = default;
const Xapian::Database& Parsers::database() const { return impl_->db; }

Result<Parsed> parse(Parsers& parsers, const std::string& text, bool match_any,
                     const std::vector<std::string>& index_languages) {
  const Xapian::Database& db = parsers.database();
  const std::string item = item_name(text);
  if (text.size() > kMaxQueryBytes) {
    return Failure::invalid_input(item, "too long (" + std::to_string(text.size()) + " bytes; at most " +
                                            std::to_string(kMaxQueryBytes) + ")");
  }
  Parsed out;
  std::string q = clean(text, &out.notes);
  const char* const kNothing = "nothing to search for (give words, \"phrases\" or field:word)";
  if (trim(text).empty()) return Failure::invalid_input(item, "empty: give words to search for");
  if (trim(q).empty()) return Failure::invalid_input(item, kNothing);
  if (Status s = check_fields(q); !s) return Failure::invalid_input(item, s.failure().reason);
  q = pack_said_values(q);
  std::size_t quotes = 0;
  for (char c : q) quotes += c == '"';
  if (quotes % 2) out.notes.push_back("a quote is not closed: the phrase runs to the end of the query");
  note_wide_wildcards(db, q, out.notes);

  try {
    if (auto excluded_words = excluded_parts(q); !excluded_words.empty()) {
      out.query = every_talk_without(db, excluded_words, out.notes);
      if (out.query.empty()) return Failure::invalid_input(item, kNothing);
      return out;
    }
    // One reading per language of the index, each stemmed by its language; a talk counts by its best.
    std::vector<Xapian::Query> readings;
    std::vector<std::string> seen;
    for (const auto& language : index_languages) {
      Configured& stemmed = parsers.impl_->get(match_any, language);
      Xapian::Query reading = parse_leniently(stemmed.parser, stemmed.bad, q, 0, readings.empty() ? &out.notes : nullptr);
      if (reading.empty() || std::find(seen.begin(), seen.end(), reading.get_description()) != seen.end()) continue;
      seen.push_back(reading.get_description());
      readings.push_back(reading);
    }
    if (readings.empty()) {
      return Failure::invalid_input(item, kNothing);
    }
    Xapian::Query main = readings.size() == 1 ? readings[0]
                                              : Xapian::Query(Xapian::Query::OP_MAX, readings.begin(), readings.end());
    // The same query without stemming, as a small bonus for the words exactly as typed.
    Configured& exact = parsers.impl_->get(match_any, "");
    Xapian::Query bonus = parse_leniently(exact.parser, exact.bad, q, 0, nullptr);
    if (!bonus.empty() && bonus.get_description() != main.get_description()) {
      out.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, main,
                                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, bonus, fields::kExactBoost));
    } else {
      out.query = main;
    }
    auto words = unprefixed_field_terms(main);
    if (!words.empty()) {
      Xapian::Query marks(Xapian::Query::OP_OR, words.begin(), words.end());
      out.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, out.query,
                                Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, marks, 1e-6));
    }
  } catch (const FilterError& e) {
    return Failure::invalid_input(item, e.what());
  } catch (const Xapian::QueryParserError& e) {
    return Failure::invalid_input(item, "cannot read it: " + e.get_msg());
  }
  return out;
}

}  // namespace talkdex::query
