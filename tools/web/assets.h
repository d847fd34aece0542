// The web pages' static files (tools/web/assets/), compiled into the binary by embed_assets.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace talkdex::web {

struct Asset {
  std::string_view name;          // "app.css"
  std::string_view content_type;
  std::string_view body;
};

const std::vector<Asset>& assets();

}  // namespace talkdex::web
