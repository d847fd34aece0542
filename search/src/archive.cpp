#include "talkdex/archive.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "talkdex/error.h"
#include "talkdex/store.h"
#include "talkdex/text.h"
#include "talkdex/unique_fd.h"

namespace talkdex {
namespace fs = std::filesystem;
namespace {

void write_file_durably(const fs::path& path, const std::string& content) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd ||
      ::write(fd.get(), content.data(), content.size()) != static_cast<ssize_t>(content.size()) || ::fsync(fd.get()) != 0)
    throw Error(path.string(), "cannot write", ErrorCode::io);
}

constexpr const char* kRetiredMarker = "talkdex-retired";

long long seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void sync_folder(const fs::path& dir) {
  if (UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)); fd) ::fsync(fd.get());
}

}  // namespace

fs::path Archive::default_folder() {
  if (const char* a = std::getenv("TALKDEX_ARCHIVE"); a && *a) return a;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return fs::path(x) / "talkdex";
  if (const char* h = std::getenv("HOME"); h && *h) return fs::path(h) / ".local" / "share" / "talkdex";
  return fs::current_path() / "talkdex-archive";
}

Archive::Archive(fs::path folder) : folder_(std::move(folder)) {}

bool Archive::exists() const { return fs::exists(store_file()); }
bool Archive::has_index() const { return !current_index().empty(); }

void Archive::create() const {
  std::error_code ec;
  fs::create_directories(folder_, ec);
  if (ec || !fs::is_directory(folder_)) {
    throw Error(folder_.string(), "cannot create the archive folder: " + (ec ? ec.message() : "not a folder"));
  }
}

fs::path Archive::current_index() const {
  std::ifstream in(index_stub());
  std::string word, name;
  if (!(in >> word >> name) || word != "auto") return {};
  fs::path p = folder_ / name;
  return fs::exists(p) ? p : fs::path();
}

std::vector<std::string> Archive::search_databases() const {
  if (!has_index()) throw Error(folder_.string(), "no index yet: import something first (talkdex import)");
  return {index_stub().string()};
}

IndexStats Archive::rebuild(Store& store, const BuildOptions& options) const {
  create();
  remove_old_indexes();
  fs::path previous = current_index();
  auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  std::string name = "index-" + std::to_string(store.revision()) + "-" + std::to_string(::getpid()) + "-" +
                     std::to_string(stamp % 1000000007);
  fs::path fresh = folder_ / name;
  IndexStats stats;
  try {
    stats = build_index(store, fresh, options);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(fresh, ec);
    fs::remove_all(fs::path(fresh) += ".shards", ec);
    throw;
  }
  sync_folder(fresh);
  // The switch: a new stub written aside, then renamed over the old one (atomic on POSIX).
  fs::path tmp = folder_ / "index.stub.tmp";
  write_file_durably(tmp, "auto " + name + "\n");
  fs::rename(tmp, index_stub());
  sync_folder(folder_);
  if (!previous.empty()) {
    // Retired, not removed: a search that read the old stub a moment ago may still be opening it.
    write_file_durably(previous / kRetiredMarker, std::to_string(seconds_now()) + "\n");
  }
  remove_old_indexes();
  return stats;
}

void Archive::remove_old_indexes(std::chrono::seconds grace) const {
  fs::path current = current_index();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder_, ec)) {
    std::string n = entry.path().filename().string();
    if (n.rfind("index-", 0) != 0 || !entry.is_directory() || entry.path() == current) continue;
    std::ifstream marker(entry.path() / kRetiredMarker);
    long long retired_at = 0;
    // No marker: left by an interrupted rebuild (or one that crashed between the switch and the mark).
    if (marker >> retired_at && seconds_now() - retired_at < grace.count()) continue;
    fs::remove_all(entry.path(), ec);
  }
}

std::uintmax_t Archive::index_size() const {
  fs::path current = current_index();
  std::uintmax_t total = 0;
  std::error_code ec;
  if (current.empty()) return 0;
  for (const auto& entry : fs::recursive_directory_iterator(current, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

void Archive::write_last_run(const std::string& json) const {
  fs::path tmp = last_run_file();
  tmp += ".tmp";
  write_file_durably(tmp, json + "\n");
  fs::rename(tmp, last_run_file());
}

std::string Archive::last_run() const {
  std::ifstream in(last_run_file());
  std::stringstream ss;
  ss << in.rdbuf();
  return trim(ss.str());
}

IndexStats Archive::update(Store& store) const {
  fs::path current = current_index();
  if (current.empty()) return rebuild(store);
  // An index of another format (from another talkdex version) or of another store (one restored from a
  // backup, older than the index) cannot be updated in place; a fresh one is built and switched in.
  if (!index_is_updatable(index_info(current), store.revision())) {
    IndexStats stats = rebuild(store);
    stats.rebuilt = true;
    return stats;
  }
  return update_index(store, current);
}

}  // namespace talkdex
