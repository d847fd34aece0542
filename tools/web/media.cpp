// Recordings and slide thumbnails, served only when the store lists them and chosen by number, never by a
// path from the URL:
//   /media/recordings/ID              a local recording, with HTTP Range (206, 416) so that players seek
//   /media/thumbnails/TALK/ITEM       the thumbnail of one of the talk's items (a file under the archive)
// A thumbnail whose path (symbolic links followed) leaves the archive folder is refused.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <vector>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <cctype>

#include "routes.h"
#include "talk_media.h"

namespace talkdex::web {
namespace {

// An open file descriptor, closed when the last response using it is done.
class OpenFile {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  ~OpenFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

std::string media_type(const std::filesystem::path& file) {
  std::string ext = file.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".mp4" || ext == ".m4v") return "video/mp4";
  if (ext == ".webm") return "video/webm";
  if (ext == ".mkv") return "video/x-matroska";
  if (ext == ".mov") return "video/quicktime";
  if (ext == ".ogg" || ext == ".oga" || ext == ".opus") return "audio/ogg";
  if (ext == ".ogv") return "video/ogg";
  if (ext == ".mp3") return "audio/mpeg";
  if (ext == ".m4a") return "audio/mp4";
  if (ext == ".wav") return "audio/wav";
  if (ext == ".flac") return "audio/flac";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".png") return "image/png";
  if (ext == ".webp") return "image/webp";
  return "application/octet-stream";
}

// A range the file cannot give: 416 with the file's size, as RFC 9110 asks.
bool satisfiable(const httplib::Ranges& ranges, size_t size) {
  for (const auto& [first, last] : ranges) {
    if (first == -1 && last == -1) continue;
    if (first == -1) {  // suffix: the last N bytes
      if (last <= 0 || size == 0) return false;
      continue;
    }
    if (static_cast<size_t>(first) >= size) return false;
    if (last != -1 && last < first) return false;
  }
  return true;
}

// Sends the file, whole or the ranges asked for (cpp-httplib cuts the ranges and writes 206).
void send_file(const httplib::Request& req, httplib::Response& res, const std::filesystem::path& path,
               const std::string& what) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw HttpError(404, what + ": cannot be read");
  auto file = std::make_shared<OpenFile>(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) throw HttpError(404, what + ": not a file");
  size_t size = static_cast<size_t>(st.st_size);
  res.set_header("Accept-Ranges", "bytes");
  if (!req.ranges.empty() && !satisfiable(req.ranges, size)) {
    res.status = 416;
    // cpp-httplib would cut the ranges out of this answer too: they were refused, so they are dropped.
    // (The request is the server's own object, passed const to handlers.)
    const_cast<httplib::Request&>(req).ranges.clear();
    res.set_header("Content-Range", fmt::format("bytes */{}", size));
    res.set_content(nlohmann::json{{"error", what + ": the range asked for is outside the file"}, {"status", 416}}.dump(),
                    "application/json");
    return;
  }
  if (size == 0) {
    res.set_content("", media_type(path));
    return;
  }
  // One buffer per answer, reused by every call of the provider (it is called until the range is sent).
  auto buffer = std::make_shared<std::vector<char>>(std::min<size_t>(size, 1 << 20));
  res.set_content_provider(size, media_type(path), [file, buffer](size_t offset, size_t length, httplib::DataSink& sink) {
    ssize_t n = ::pread(file->fd(), buffer->data(), std::min(length, buffer->size()), static_cast<off_t>(offset));
    if (n <= 0) return false;  // the file shrank or failed: end the answer
    return sink.write(buffer->data(), static_cast<size_t>(n));
  });
}

std::int64_t id_of(const std::string& digits, const char* what) {
  if (digits.empty() || digits.size() > 18) throw HttpError(404, std::string(what) + " " + digits + ": no such number");
  return std::stoll(digits);
}

}  // namespace

void add_media(httplib::Server& server, ArchiveAccess& access) {
  server.Get(R"(/media/recordings/(\d+))", guarded(false, [&access](const httplib::Request& req, httplib::Response& res) {
    std::int64_t id = id_of(req.matches[1], "recording");
    std::optional<RecordingRow> r;
    {
      auto store = access.store();
      r = store->recording(id);
    }
    std::string what = fmt::format("recording {}", id);
    if (!r) throw HttpError(404, what + ": no such recording");
    if (!is_local_file(*r)) throw HttpError(404, what + ": not a file on this machine");
    send_file(req, res, r->uri, what);
  }));

  server.Get(R"(/media/thumbnails/(\d+)/(\d+))", guarded(false, [&access](const httplib::Request& req, httplib::Response& res) {
    std::int64_t talk = id_of(req.matches[1], "talk"), item = id_of(req.matches[2], "item");
    std::string what = fmt::format("thumbnail of item {} of talk {}", item, talk);
    std::string relative;
    {
      auto store = access.store();
      for (const auto& i : store->toc_items_for_talk(talk))
        if (i.id == item) relative = i.entry.thumbnail;
    }
    if (relative.empty()) throw HttpError(404, what + ": none");
    std::error_code ec;
    auto root = std::filesystem::canonical(access.archive().folder(), ec);
    auto file = std::filesystem::canonical(access.archive().folder() / relative, ec);
    if (ec) throw HttpError(404, what + ": missing");
    auto [end, ignored] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    if (end != root.end()) throw HttpError(404, what + ": outside the archive folder");
    send_file(req, res, file, what);
  }));
}

}  // namespace talkdex::web
