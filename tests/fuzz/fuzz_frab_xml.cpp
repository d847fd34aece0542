// frab/pentabarf schedule.xml (pugixml).
#include "fuzz_support.h"
#include "talkdex/indexer/schedule/schedule_formats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view content = talkdex::fuzz::text_of(data, size);
  talkdex::fuzz::detect("schedule.xml", content);
  (void)talkdex::parse_frab_xml(content, "schedule.xml");
  return 0;
}
