#include "talkdex/indexer/slides/detected_toc.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "talkdex/sha256.h"
#include "talkdex/indexer/import/importer.h"
#include "talkdex/indexer/media/media.h"
#include "talkdex/store.h"
#include "talkdex/text.h"

namespace talkdex {
namespace fs = std::filesystem;
namespace {

// A staging folder removed on every way out unless released.
class StagingFolder {
 public:
  explicit StagingFolder(fs::path p) : path_(std::move(p)) {}
  ~StagingFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The talk a slide at `start` belongs to in a session recording: the latest item of another source with a
// talk that starts at or before it.
std::string talk_at(const std::vector<TocEntry>& existing, double start) {
  const TocEntry* best = nullptr;
  for (const auto& e : existing)
    if (e.source != kTocDetected && !e.talk_key.empty() && e.start <= start + 1e-6 && (!best || e.start >= best->start))
      best = &e;
  return best ? best->talk_key : "";
}

// Moves the new thumbnails in, then removes files of this recording that no item refers to.
void install_thumbnails(const fs::path& staging, const fs::path& folder, const std::set<std::string>& referenced) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  for (const auto& f : fs::directory_iterator(staging, ec)) fs::rename(f.path(), folder / f.path().filename(), ec);
  for (const auto& f : fs::directory_iterator(folder, ec))
    if (!referenced.count(f.path().filename().string())) fs::remove(f.path(), ec);
  if (fs::is_empty(folder, ec)) fs::remove(folder, ec);
}

}  // namespace

std::string thumbnail_folder(const std::string& uri) { return "thumbs/" + sha256_hex(uri).substr(0, 16); }

std::string title_from_slide_text(const std::string& text) {
  std::string first = collapse_space(text.substr(0, text.find('\n')));
  if (first.size() <= 80) return first;
  std::size_t cut = first.rfind(' ', 77);
  return first.substr(0, cut == std::string::npos || cut < 40 ? 77 : cut) + "...";
}

std::vector<TocEntry> detected_entries(const Detection& detection, const std::vector<TocEntry>& existing,
                                       const std::string& thumbs, const std::string& talk_key, int* yielded) {
  std::vector<TocEntry> out;
  std::vector<TocEntry> others;
  std::map<std::string, const TocEntry*> earlier;  // detected items of an earlier run, by key
  for (const auto& e : existing) {
    if (e.source != kTocDetected) others.push_back(e);
    else earlier[e.key] = &e;
  }
  std::vector<bool> touched(others.size(), false);
  int n = 0;
  *yielded = 0;
  for (const DetectedSlide& s : detection.slides) {
    ++n;
    const std::string thumbnail = thumbs.empty() || s.thumbnail.empty() ? "" : thumbs + "/" + s.thumbnail;
    int winner = -1;
    for (std::size_t i = 0; i < others.size(); ++i)
      if (std::abs(others[i].start - s.start) <= kDetectedYieldSeconds &&
          (winner < 0 || std::abs(others[i].start - s.start) < std::abs(others[static_cast<std::size_t>(winner)].start - s.start)))
        winner = static_cast<int>(i);
    if (winner >= 0) {
      ++*yielded;
      TocEntry& w = others[static_cast<std::size_t>(winner)];
      if (w.slide_text.empty() && !s.text.empty()) w.slide_text = s.text, touched[static_cast<std::size_t>(winner)] = true;
      if (w.thumbnail.empty() && !thumbnail.empty()) w.thumbnail = thumbnail, touched[static_cast<std::size_t>(winner)] = true;
      continue;
    }
    TocEntry e;
    e.key = fmt::format("detected:{}", std::llround(s.start * 1000));
    e.start = s.start;
    e.end = s.end;
    // A run without text (--no-ocr, or no Tesseract) keeps what an earlier run read on the same slide:
    // the store keeps its slide text, so its title stays the one made from that text.
    std::string text = s.text;
    if (auto it = earlier.find(e.key); text.empty() && it != earlier.end()) text = it->second->slide_text;
    e.title = title_from_slide_text(text);
    if (e.title.empty()) e.title = fmt::format("Slide {}", n);
    e.source = kTocDetected;
    e.confidence = s.confidence;
    e.talk_key = talk_key.empty() ? talk_at(existing, s.start) : talk_key;
    e.slide_text = s.text;
    e.thumbnail = thumbnail;
    out.push_back(std::move(e));
  }
  for (std::size_t i = 0; i < others.size(); ++i)
    if (touched[i]) out.push_back(others[i]);
  return out;
}

Result<TocDetectOutcome> detect_recording_toc(Store& store, const std::string& path_or_url,
                                              const TocDetectOptions& options) {
  const std::string uri = is_url(path_or_url) ? path_or_url : fs::absolute(path_or_url).lexically_normal().string();
  std::optional<RecordingRow> row;
  for (auto& r : store.recordings())
    if (r.uri == uri) row = std::move(r);
  RecordingInfo info;
  info.uri = uri;
  std::string container, probe_json;
  if (row) {
    info.wallclock_start = row->wallclock_start;
    info.duration = row->duration;
  } else {
    // Not imported yet: probed now, added with its detected items in the same write.
    auto probe = probe_recording(uri);
    if (!probe) return Failure{path_or_url, probe.failure().reason, probe.failure().code};
    if (probe->duration > 0) info.duration = probe->duration;
    container = probe->container;
    probe_json = probe->to_json();
  }

  const std::string thumbs = options.archive_folder.empty() ? "" : thumbnail_folder(uri);
  StagingFolder staging(thumbs.empty() ? fs::path()
                                       : options.archive_folder / "thumbs" /
                                             fmt::format(".staging-{}-{}", thumbs.substr(7), ::getpid()));
  DetectOptions detect = options.detect;
  detect.thumbnail_dir = staging.path();
  auto detection = detect_slides(uri, detect);
  if (!detection) return Failure{path_or_url, detection.failure().reason, detection.failure().code};

  std::vector<TocEntry> existing;
  std::string talk_key;
  if (row) {
    for (auto& item : store.toc_items_for_recording(row->id)) existing.push_back(std::move(item.entry));
    if (row->talk_id)
      if (auto talk = store.talk(*row->talk_id)) talk_key = talk->info.key;
  }
  TocDetectOutcome out;
  out.uri = uri;
  info.talk_key = talk_key;
  info.items = detected_entries(*detection, existing, thumbs, talk_key, &out.yielded);
  for (const auto& e : info.items) out.detected += e.source == kTocDetected;

  const auto before = store.revision();
  out.recording_id = store.put_recording(info,
      {.event_id = row ? row->event_id : std::nullopt, .talk_id = row ? row->talk_id : std::nullopt,
       .container = container, .probe_json = probe_json, .replace_sources = {kTocDetected}});
  out.changed = store.revision() != before;
  if (!thumbs.empty()) {
    std::set<std::string> referenced;
    for (const auto& item : store.toc_items_for_recording(out.recording_id))
      if (item.entry.thumbnail.rfind(thumbs + "/", 0) == 0) referenced.insert(item.entry.thumbnail.substr(thumbs.size() + 1));
    install_thumbnails(staging.path(), options.archive_folder / thumbs, referenced);
  }
  out.detection = std::move(*detection);
  return out;
}

}  // namespace talkdex
