#include "query_said.h"

#include <cctype>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "fields.h"

namespace talkdex::query {
namespace {

// A packed value: the marker, the text as lower-case hex (the parser lower-cases field values), and a
// suffix for a trailing wildcard. Letters and digits only, so the parser keeps the token whole.
constexpr std::string_view kPacked = "zzsaidq";
constexpr std::string_view kWildcard = "zzwild";

std::string to_hex(std::string_view s) {
  static const char* const digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string from_hex(std::string_view s) {
  auto value = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string out;
  for (std::size_t i = 0; i + 1 < s.size(); i += 2) out += static_cast<char>(value(s[i]) * 16 + value(s[i + 1]));
  return out;
}

struct Unpacked {
  std::string text;
  bool wildcard = false;
};

std::optional<Unpacked> unpack(std::string_view token) {
  if (token.substr(0, kPacked.size()) != kPacked) return std::nullopt;
  token.remove_prefix(kPacked.size());
  Unpacked u;
  if (token.size() >= kWildcard.size() && token.substr(token.size() - kWildcard.size()) == kWildcard) {
    u.wildcard = true;
    token.remove_suffix(kWildcard.size());
  }
  if (token.find_first_not_of("0123456789abcdef") != std::string_view::npos) return std::nullopt;
  u.text = from_hex(token);
  return u;
}

bool at_word_start(const std::string& q, std::size_t i) {
  return i == 0 || std::isspace(static_cast<unsigned char>(q[i - 1])) || q[i - 1] == '(' || q[i - 1] == '-' ||
         q[i - 1] == '+';
}

// The words of `text` as the indexer makes them (the same tokenizer, lower case), in order.
std::vector<std::string> words_of(const std::string& text) {
  Xapian::TermGenerator tg;
  Xapian::Document doc;
  tg.set_document(doc);
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
  tg.index_text(text);
  std::map<Xapian::termpos, std::string> by_position;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) by_position[*p] = *t;
  std::vector<std::string> out;
  for (auto& [pos, word] : by_position) out.push_back(std::move(word));
  return out;
}

class SaidProcessor : public Xapian::FieldProcessor {
 public:
  SaidProcessor(bool stem, const Xapian::Stem& stemmer) : stem_(stem), stemmer_(stemmer) {}

  Xapian::Query operator()(const std::string& value) override {
    Unpacked u = unpack(value).value_or(Unpacked{value, false});
    std::vector<std::string> words = words_of(u.text);
    Xapian::Query q;
    if (words.empty()) return Xapian::Query::MatchNothing;
    if (words.size() > 1) {
      q = Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), static_cast<Xapian::termcount>(words.size()));
    } else if (u.wildcard) {
      q = Xapian::Query(Xapian::Query::OP_WILDCARD, words[0], 200, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    } else {
      q = Xapian::Query(stem_ ? fmt::format("Z{}", stemmer_(words[0])) : words[0]);
    }
    return Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(std::string(fields::kDocKindPrefix) + "passage"));
  }

 private:
  bool stem_;
  Xapian::Stem stemmer_;
};

}  // namespace

std::string pack_said_values(const std::string& q) {
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < q.size();) {
    bool said = !quoted && at_word_start(q, i) && q.compare(i, 5, "said:") == 0 && i + 5 < q.size() &&
                q[i + 5] != '(' && !std::isspace(static_cast<unsigned char>(q[i + 5]));
    if (!said) {
      if (q[i] == '"') quoted = !quoted;
      out += q[i++];
      continue;
    }
    std::size_t start = i + 5, end;
    std::string text;
    bool wildcard = false;
    if (q[start] == '"') {
      end = q.find('"', start + 1);
      text = q.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
      end = end == std::string::npos ? q.size() : end + 1;
    } else {
      end = start;
      while (end < q.size() && !std::isspace(static_cast<unsigned char>(q[end])) && q[end] != ')') ++end;
      text = q.substr(start, end - start);
      if (!text.empty() && text.back() == '*') {
        wildcard = true;
        text.pop_back();
      }
    }
    out += "said:" + std::string(kPacked) + to_hex(text) + (wildcard ? std::string(kWildcard) : "");
    i = end;
  }
  return out;
}

std::string unpack_said_values(const std::string& q) {
  std::string out;
  for (std::size_t i = 0; i < q.size();) {
    std::size_t at = q.find("said:" + std::string(kPacked), i);
    if (at == std::string::npos) {
      out += q.substr(i);
      break;
    }
    out += q.substr(i, at - i + 5);
    std::size_t end = at + 5;
    while (end < q.size() && std::isalnum(static_cast<unsigned char>(q[end]))) ++end;
    auto u = unpack(std::string_view(q).substr(at + 5, end - at - 5));
    if (!u) {
      out += q.substr(at + 5, end - at - 5);
    } else if (u->text.find_first_of(" \t\"'-.,") != std::string::npos) {
      out += "\"" + u->text + "\"";
    } else {
      out += u->text + (u->wildcard ? "*" : "");
    }
    i = end;
  }
  return out;
}

Xapian::FieldProcessor* said_processor(bool stem, const Xapian::Stem& stemmer) {
  return (new SaidProcessor(stem, stemmer))->release();
}

}  // namespace talkdex::query
