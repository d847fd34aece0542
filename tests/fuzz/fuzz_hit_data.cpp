// A hit's document data (search/src/hit_data.h): what a search reads from every hit of its page, from
// the archive's own index or a remote shard's (another program's output). Read by the one-pass JSON
// reader (json_events.h), which must accept what nlohmann accepts with the same events: the target
// aborts where they differ, so a difference is a finding like a crash.
#include <cstdlib>
#include <string_view>

#include "hit_data.h"
#include "json_event_trace.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)talkdex::search_detail::read_hit_data(text);
  if (!talkdex::test::same_events(text)) std::abort();
  return 0;
}
