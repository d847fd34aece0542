// The table the fetch module (talkdex-fetch.so: libcurl and the thirty-odd libraries it brings) hands to
// the talkdex command, which loads it the first time a command fetches a URL (see module_loader.h).
// Tests and developer tools link the fetch code itself (talkdex_indexer) and never load the module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "talkdex/indexer/fetch/fetch.h"

namespace talkdex::fetch_module {

inline constexpr std::uint32_t kFetchModuleAbi = 1;  // raise when the table changes
inline constexpr const char* kModuleFileName = "talkdex-fetch.so";
inline constexpr const char* kEntryPoint = "talkdex_fetch_module_v1";

struct FetchApi {
  std::uint32_t abi = kFetchModuleAbi;
  std::size_t layout = 0;  // layout_fingerprint() of the module's build
  std::vector<FetchResult> (*fetch_all)(const std::vector<FetchRequest>&, const FetchOptions&);
};

inline constexpr std::size_t layout_fingerprint() {
  return sizeof(FetchApi) ^ (sizeof(FetchRequest) << 16) ^ (sizeof(FetchResult) << 32) ^ (sizeof(FetchOptions) << 48);
}

}  // namespace talkdex::fetch_module

extern "C" const talkdex::fetch_module::FetchApi* talkdex_fetch_module_v1();
