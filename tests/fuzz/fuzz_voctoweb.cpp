// media.ccc.de (voctoweb) API documents: a conference, or an event with its recordings. The same bytes
// go to both readers, as an event document with a conference's fields (or the reverse) is bad input too.
#include "fuzz_support.h"
#include "talkdex/indexer/sources/voctoweb.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string content(talkdex::fuzz::text_of(data, size));
  talkdex::fuzz::detect("conference.json", content);
  (void)talkdex::looks_like_voctoweb_conference(content);
  (void)talkdex::is_voctoweb_conference_url(content);
  (void)talkdex::parse_voctoweb_conference(content, "conference.json");
  auto event = talkdex::parse_voctoweb_event(content, "event.json");
  if (event) (void)talkdex::choose_recordings(event->recordings);
  return 0;
}
