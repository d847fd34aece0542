// The text form of a page (copied from a browser, stray HTML left in), and what both forms share:
// entities and links.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>

#include "schedule/page_lines.h"
#include "talkdex/text.h"

namespace talkdex::page {
namespace {


// The named entities pages like these use; the rest are rare enough to keep as written.
struct NamedEntity {
  std::string_view name;
  std::uint32_t cp;
};
constexpr NamedEntity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xA0},    {"raquo", 0xBB},   {"laquo", 0xAB},   {"middot", 0xB7},  {"ndash", 0x2013},
    {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"hellip", 0x2026}, {"bull", 0x2022}, {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122},
    {"eacute", 0xE9},  {"egrave", 0xE8},  {"aacute", 0xE1},  {"uuml", 0xFC},    {"ouml", 0xF6},
    {"auml", 0xE4},    {"szlig", 0xDF},   {"ccedil", 0xE7},  {"iacute", 0xED},  {"oacute", 0xF3},
    {"times", 0xD7},   {"rarr", 0x2192},  {"thinsp", 0x2009}, {"ensp", 0x2002}, {"emsp", 0x2003},
};

bool is_tag_start(std::string_view line, size_t i) {
  if (i + 1 >= line.size()) return false;
  unsigned char next = static_cast<unsigned char>(line[i + 1]);
  return std::isalpha(next) || next == '/' || next == '!';
}

// Tags after which the browser would have broken the line: their text must not run together.
bool is_breaking_tag(std::string_view name) {
  static constexpr std::string_view kBreaking[] = {"br", "p", "div", "li", "td", "th", "tr", "h1", "h2", "h3",
                                                   "h4", "h5", "h6", "ul", "ol", "table", "dd", "dt", "hr"};
  for (auto b : kBreaking)
    if (name == b) return true;
  return false;
}

// The value of attribute `wanted` in the inside of a tag ("a href=\"x\" title='y'"); empty when absent.
std::string attribute(std::string_view tag, std::string_view wanted) {
  size_t i = 0;
  while (i < tag.size() && !std::isspace(static_cast<unsigned char>(tag[i]))) ++i;  // the tag name
  while (i < tag.size()) {
    while (i < tag.size() && (std::isspace(static_cast<unsigned char>(tag[i])) || tag[i] == '/')) ++i;
    size_t name_start = i;
    while (i < tag.size() && !std::isspace(static_cast<unsigned char>(tag[i])) && tag[i] != '=' && tag[i] != '/')
      ++i;
    std::string name = to_lower_ascii(tag.substr(name_start, i - name_start));
    while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
    std::string value;
    if (i < tag.size() && tag[i] == '=') {
      ++i;
      while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
      if (i < tag.size() && (tag[i] == '"' || tag[i] == '\'')) {
        char quote = tag[i++];
        size_t end = tag.find(quote, i);
        if (end == std::string_view::npos) end = tag.size();
        value = std::string(tag.substr(i, end - i));
        i = end + 1;
      } else {
        size_t start = i;
        while (i < tag.size() && !std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
        value = std::string(tag.substr(start, i - start));
      }
    }
    if (name.empty() && i == name_start) ++i;  // a stray character: step over it
    if (name == wanted) return decode_entities(value);
  }
  return {};
}

// "https://host/a/b?c" -> "https://host"; empty when the URL has no scheme and host.
std::string origin_of(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  size_t path = url.find('/', scheme_end + 3);
  return std::string(url.substr(0, path));
}

// One line of text form: tags stripped (an <a href> kept as a link), entities decoded.
PageLine strip_line(std::string_view line, int line_no, const std::string& base_url) {
  PageLine out;
  out.source_line = line_no;
  std::string raw;  // the text with tags removed, entities still encoded
  struct OpenAnchor {
    std::string href, title;
    size_t text_start = 0;
  };
  std::optional<OpenAnchor> open;
  auto close_anchor = [&] {
    if (!open) return;
    std::string text = decode_entities(std::string_view(raw).substr(open->text_start));
    if (auto link = make_link(open->href, open->title.empty() ? text : open->title, base_url)) {
      if (std::find(out.links.begin(), out.links.end(), *link) == out.links.end()) out.links.push_back(*link);
    }
    open.reset();
  };
  size_t i = 0;
  while (i < line.size()) {
    if (line[i] == '<' && is_tag_start(line, i)) {
      size_t close = line.find('>', i);
      if (close != std::string_view::npos) {
        std::string_view tag = line.substr(i + 1, close - i - 1);
        bool closing = !tag.empty() && tag[0] == '/';
        std::string_view body = closing ? tag.substr(1) : tag;
        size_t name_end = 0;
        while (name_end < body.size() && std::isalnum(static_cast<unsigned char>(body[name_end]))) ++name_end;
        std::string name = to_lower_ascii(body.substr(0, name_end));
        if (name == "a") {
          // An anchor inside an anchor is not allowed in HTML: the browser ends the first one there.
          close_anchor();
          if (!closing) open = OpenAnchor{attribute(body, "href"), attribute(body, "title"), raw.size()};
        }
        if (is_breaking_tag(name)) raw += ' ';
        i = close + 1;
        continue;
      }
    }
    raw += line[i++];
  }
  close_anchor();
  out.text = collapse_space(decode_entities(raw));
  return out;
}

}  // namespace

std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out += s[i++];
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    bool decoded = false;
    if (name.size() >= 2 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string digits(name.substr(hex ? 2 : 1));
      bool valid = !digits.empty();
      for (char c : digits)
        valid = valid && (hex ? std::isxdigit(static_cast<unsigned char>(c)) : std::isdigit(static_cast<unsigned char>(c)));
      if (valid) {
        append_utf8(out, static_cast<char32_t>(std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10)));
        decoded = true;
      }
    } else {
      for (const auto& e : kEntities) {
        if (e.name == name) {
          append_utf8(out, e.cp);
          decoded = true;
          break;
        }
      }
    }
    if (decoded) {
      i = semi + 1;
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::optional<Link> make_link(std::string_view href_in, std::string_view title, const std::string& base_url) {
  std::string href = trim(href_in);
  std::string url;
  if (starts_with_icase(href, "http://") || starts_with_icase(href, "https://")) {
    url = href;
  } else if (href.substr(0, 2) == "//") {
    size_t colon = base_url.find("://");
    url = (colon == std::string::npos ? std::string("https") : base_url.substr(0, colon)) + ":" + href;
  } else if (href.substr(0, 1) == "/") {
    std::string origin = origin_of(base_url);
    if (origin.empty()) return std::nullopt;
    url = origin + href;
  } else {
    // "#", "", javascript:, mailto: and page-relative paths (rare on these pages) are not recordings.
    return std::nullopt;
  }
  if (url.find_first_of(" \t\"<>") != std::string::npos) return std::nullopt;
  Link link;
  link.url = url;
  std::string t = collapse_space(title);
  // "Video »": the arrow is decoration.
  if (t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xBB") t = trim(t.substr(0, t.size() - 2));
  link.title = t;
  size_t query = url.find('?');
  if (query != std::string::npos) {
    std::string_view params = std::string_view(url).substr(query + 1);
    params = params.substr(0, params.find('#'));
    for (const auto& param : split(params, '&')) {
      if (param.rfind("tocitem=", 0) != 0) continue;
      std::string digits = param.substr(8);
      if (digits.empty() || digits.size() > 6 ||
          digits.find_first_not_of("0123456789") != std::string::npos)
        continue;
      link.tocitem = std::atoi(digits.c_str());
    }
  }
  return link;
}

bool looks_like_html(std::string_view content) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  while (!content.empty() && std::isspace(static_cast<unsigned char>(content.front()))) content.remove_prefix(1);
  if (content.empty() || content.front() != '<') return false;
  std::string head = to_lower_ascii(content.substr(0, 4096));
  for (std::string_view marker : {"<!doctype html", "<html", "<body", "<div", "<head"})
    if (head.find(marker) != std::string::npos) return true;
  return false;
}

PageText text_page_lines(std::string_view text, const std::string& base_url) {
  PageText page;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  int line_no = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    page.lines.push_back(strip_line(line, ++line_no, base_url));
    if (end == text.size()) break;
    start = end + 1;
  }
  return page;
}

PageText read_page_lines(std::string_view content, const std::string& base_url) {
  return looks_like_html(content) ? html_page_lines(content, base_url) : text_page_lines(content, base_url);
}

}  // namespace talkdex::page
