// The ICML-style workshop page, as text with stray HTML or as an HTML document parsed by gumbo (the
// reader tells them apart by the content, so the fuzzer reaches both).
#include "fuzz_support.h"
#include "talkdex/indexer/schedule/workshop_page.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view content = talkdex::fuzz::text_of(data, size);
  talkdex::fuzz::detect("page.html", content);
  talkdex::WorkshopPageOptions options;
  options.url = "https://icml.cc/Conferences/2019/ScheduleMultitrack?event=3526";
  (void)talkdex::parse_workshop_page(content, "page.html", options);
  return 0;
}
