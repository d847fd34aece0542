// frab/pretalx schedule.json, both the first format (days[].rooms) and the hub's schema2.
#include "fuzz_support.h"
#include "talkdex/indexer/schedule/schedule_formats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view content = talkdex::fuzz::text_of(data, size);
  talkdex::fuzz::detect("schedule.json", content);
  (void)talkdex::parse_schedule_json(content, "schedule.json");
  return 0;
}
