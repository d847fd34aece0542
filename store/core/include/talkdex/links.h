// Links that open a recording at an offset: the form depends on where the recording lives.
#pragma once

#include <string>
#include <string_view>

namespace talkdex {

// YouTube watch/short links get "t=SECONDS" (as "?t=" or "&t="); every other URL or file gets the
// media fragment "#t=SECONDS" (W3C Media Fragments), which browsers and mpv understand.
// An existing fragment or t= parameter is replaced. Seconds are rounded down to whole seconds.
std::string link_at(const std::string& uri, double seconds);

// True for youtube.com / youtu.be URLs.
bool is_youtube_url(const std::string& uri);

// `s` with every byte but letters, digits and those in `keep` percent-encoded (%2F, upper-case hex). The
// default keeps RFC 3986's unreserved characters: a query-string component; add '/' for a path.
std::string percent_encode(std::string_view s, std::string_view keep = "-._~");

}  // namespace talkdex
