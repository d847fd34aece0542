#include "html.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "talkdex/links.h"
#include "talkdex/text.h"

namespace talkdex::web {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string safe_href(std::string_view url) {
  auto starts = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != p[i]) return false;
    return true;
  };
  bool local = url.size() >= 1 && url[0] == '/' && !(url.size() >= 2 && (url[1] == '/' || url[1] == '\\'));
  if (starts("http://") || starts("https://") || local) return std::string(url);
  return "#";
}

std::string url_encode(std::string_view s) { return percent_encode(s); }

std::string snippet_html(std::string_view html) {
  std::string text, out;
  auto flush = [&] {
    out += html_escape(text);
    text.clear();
  };
  for (size_t i = 0; i < html.size();) {
    auto at = [&](std::string_view s) { return html.substr(i, s.size()) == s; };
    if (at("<mark>")) { flush(); out += "<mark>"; i += 6; }
    else if (at("</mark>")) { flush(); out += "</mark>"; i += 7; }
    else if (at("&amp;")) { text += '&'; i += 5; }
    else if (at("&lt;")) { text += '<'; i += 4; }
    else if (at("&gt;")) { text += '>'; i += 4; }
    else if (at("&quot;")) { text += '"'; i += 6; }
    else if (at("&#39;")) { text += '\''; i += 5; }
    else text += html[i++];
  }
  flush();
  // Unbalanced marks (a snippet cut inside one) are closed so that they cannot run over the page.
  size_t open = 0, close = 0;
  for (size_t p = 0; (p = out.find("<mark>", p)) != std::string::npos; p += 6) ++open;
  for (size_t p = 0; (p = out.find("</mark>", p)) != std::string::npos; p += 7) ++close;
  for (; close < open; ++close) out += "</mark>";
  return out;
}

std::optional<double> parse_deep_link_time(std::string_view s) {
  if (s.empty() || s.size() > 32) return std::nullopt;
  if (s.find(':') != std::string_view::npos) {
    auto v = parse_hms(s);
    if (!v || *v < 0) return std::nullopt;
    return v;
  }
  // "75", "75.5", or units: "1h2m3s", "2m", "90s".
  double total = 0;
  bool any_unit = false;
  size_t i = 0;
  while (i < s.size()) {
    double v = 0;
    auto [end, ec] = std::from_chars(s.data() + i, s.data() + s.size(), v);
    if (ec != std::errc() || end == s.data() + i || v < 0 || !std::isfinite(v)) return std::nullopt;
    i = static_cast<size_t>(end - s.data());
    if (i == s.size()) {
      if (any_unit) return std::nullopt;  // "1h30" is ambiguous
      return total + v;
    }
    char unit = s[i++];
    any_unit = true;
    if (unit == 'h') total += v * 3600;
    else if (unit == 'm') total += v * 60;
    else if (unit == 's') total += v;
    else return std::nullopt;
  }
  return total;
}

std::string deep_link_time(double seconds) {
  long long t = seconds < 0 ? 0 : static_cast<long long>(seconds);
  std::string out;
  if (t >= 3600) out += std::to_string(t / 3600) + "h";
  if (t >= 60) out += std::to_string(t / 60 % 60) + "m";
  out += std::to_string(t % 60) + "s";
  return out;
}

std::string render_page(const PageFrame& f) {
  std::string out =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>" + html_escape(f.title) + "</title>\n"
      "<link rel=\"stylesheet\" href=\"/static/app.css\">\n";
  if (f.with_script) out += "<script src=\"/static/app.js\" defer></script>\n";
  out += "</head>\n<body>\n<header class=\"top\">\n<a class=\"brand\" href=\"/\">talkdex</a>\n"
         "<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">\n"
         "<input type=\"search\" name=\"q\" id=\"q\" value=\"" + html_escape(f.query) +
         "\" placeholder=\"Search talks, chapters, what was said…\" aria-label=\"Search\">\n"
         "<button type=\"submit\">Search</button>\n</form>\n</header>\n<main>\n" + f.body + "\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace talkdex::web
