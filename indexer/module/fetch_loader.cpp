// fetch_all() of the talkdex command: loads talkdex-fetch.so on first use and forwards to it (see
// fetch_module_api.h). When the module cannot be loaded, every request fails with that reason, named by
// its URL, as an unreachable server would: the command reports each one and keeps what it had.
#include "fetch_module_api.h"
#include "module_loader.h"

namespace talkdex {
namespace {

struct LoadedModule {
  const fetch_module::FetchApi* api = nullptr;
  std::string error;
};

LoadedModule load() {
  auto loaded = modules::load_module(fetch_module::kModuleFileName, fetch_module::kEntryPoint);
  if (!loaded.table) return {nullptr, "fetching could not be loaded (" + loaded.error + ")"};
  auto api = static_cast<const fetch_module::FetchApi*>(loaded.table);
  if (api->abi != fetch_module::kFetchModuleAbi || api->layout != fetch_module::layout_fingerprint())
    return {nullptr, "fetching could not be loaded (" + loaded.path +
                         " belongs to another build of talkdex: reinstall it with this talkdex)"};
  return {api, {}};
}

}  // namespace

std::vector<FetchResult> fetch_all(const std::vector<FetchRequest>& requests, const FetchOptions& options) {
  static const LoadedModule module = load();  // thread-safe initialisation, once per process
  if (module.api) return module.api->fetch_all(requests, options);
  std::vector<FetchResult> results;
  for (const auto& r : requests) {
    FetchResult& f = results.emplace_back();
    f.url = r.url;
    f.fetch_status = Failure{r.url, module.error};
  }
  return results;
}

}  // namespace talkdex
