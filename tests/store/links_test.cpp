#include <doctest/doctest.h>

#include "talkdex/links.h"

using talkdex::link_at;

TEST_CASE("links open recordings at an offset in the form their host understands") {
  CHECK(link_at("/media/day1.mp4", 3723.7) == "/media/day1.mp4#t=3723");
  CHECK(link_at("https://example.org/v.mp4#t=5", 60) == "https://example.org/v.mp4#t=60");
  CHECK(link_at("https://www.youtube.com/watch?v=abc", 90) == "https://www.youtube.com/watch?v=abc&t=90");
  CHECK(link_at("https://www.youtube.com/watch?v=abc&t=10", 90) == "https://www.youtube.com/watch?v=abc&t=90");
  CHECK(link_at("https://youtu.be/abc", 5) == "https://youtu.be/abc?t=5");
  CHECK(link_at("https://videoken.com/embed/NJjqOnuvpKc", 3600) == "https://videoken.com/embed/NJjqOnuvpKc#t=3600");
}
