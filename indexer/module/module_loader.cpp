#include "module_loader.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

namespace talkdex::modules {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> folders() {
  if (const char* dir = std::getenv("TALKDEX_MODULE_DIR"); dir && *dir) return {dir};
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {fs::path(".")};
  return {exe.parent_path(), exe.parent_path().parent_path() / "lib" / "talkdex"};
}

}  // namespace

LoadedTable load_module(const char* file_name, const char* entry_point) {
  LoadedTable out;
  auto dirs = folders();
  out.path = (dirs.front() / file_name).string();
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (fs::exists(dir / file_name, ec)) {
      out.path = (dir / file_name).string();
      break;
    }
  }
  void* handle = dlopen(out.path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    out.error = why ? why : out.path + ": cannot be loaded";
    return out;
  }
  using Entry = const void* (*)();
  auto entry = reinterpret_cast<Entry>(dlsym(handle, entry_point));
  if (!entry) {
    out.error = out.path + ": not a talkdex module (no " + entry_point + ")";
    return out;
  }
  out.table = entry();
  if (!out.table) out.error = out.path + ": the module gave no table";
  return out;
}

}  // namespace talkdex::modules
