#include "talkdex/workshop_page.h"

namespace talkdex {

Result<Schedule> parse_workshop_page(std::string_view, const std::string& source_name, const WorkshopPageOptions&) {
  return Failure{source_name, "the workshop page reader is not written yet"};
}

}  // namespace talkdex
