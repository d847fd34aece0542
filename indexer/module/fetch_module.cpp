// The entry point of talkdex-fetch.so (see fetch_module_api.h); the one symbol the module exports.
#include "fetch_module_api.h"

extern "C" __attribute__((visibility("default"))) const talkdex::fetch_module::FetchApi* talkdex_fetch_module_v1() {
  using namespace talkdex;
  static const fetch_module::FetchApi api{fetch_module::kFetchModuleAbi, fetch_module::layout_fingerprint(),
                                          &fetch_all};
  return &api;
}
