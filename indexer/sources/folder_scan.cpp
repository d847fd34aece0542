#include "talkdex/indexer/sources/folder_scan.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <unordered_set>
#include <unordered_map>

#include "import/import_transcript.h"
#include "sources/import_ytdlp.h"
#include "import/recording_probe.h"
#include "import/recording_talk.h"
#include "import/recording_transcripts.h"
#include "talkdex/indexer/import/input_kind.h"
#include "talkdex/scan_state.h"
#include "talkdex/store.h"
#include "talkdex/text.h"
#include "talkdex/unique_fd.h"
#include "talkdex/indexer/sources/ytdlp.h"

namespace talkdex {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;
constexpr std::size_t kHeadBytes = 4096;  // enough for every magic number detect_kind looks for

struct FileStat {
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
};

std::optional<FileStat> stat_regular(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileStat{static_cast<std::int64_t>(st.st_size),
                  static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

struct DirClose {
  void operator()(DIR* d) const noexcept { ::closedir(d); }
};
using DirPtr = std::unique_ptr<DIR, DirClose>;

// Reads up to `n` bytes at `offset`; fewer only at the end of the file.
bool read_at(int fd, std::int64_t offset, std::size_t n, std::string& out) {
  out.resize(n);
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::pread(fd, out.data() + got, n - got, static_cast<off_t>(offset + static_cast<std::int64_t>(got)));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return false;
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  out.resize(got);
  return true;
}

// xxHash64's round and avalanche over 8-byte words: fast, and plenty to tell two versions of a file apart.
std::uint64_t hash64(std::string_view data, std::uint64_t seed) {
  constexpr std::uint64_t p1 = 11400714785074694791ULL, p2 = 14029467366897019727ULL,
                          p3 = 1609587929392839161ULL, p4 = 9650029242287828579ULL, p5 = 2870177450012600261ULL;
  auto rotl = [](std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); };
  std::uint64_t h = seed + p5 + data.size();
  std::size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    std::uint64_t k;
    std::memcpy(&k, data.data() + i, 8);
    k = rotl(k * p2, 31) * p1;
    h = rotl(h ^ k, 27) * p1 + p4;
  }
  for (; i < data.size(); ++i) h = rotl(h ^ (static_cast<unsigned char>(data[i]) * p5), 11) * p1;
  h ^= h >> 33;
  h *= p2;
  h ^= h >> 29;
  h *= p3;
  h ^= h >> 32;
  return h;
}

std::string hex64(std::uint64_t v) {
  static const char* digits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = digits[v & 15];
  return s;
}

bool under(const std::string& path, const std::string& folder) {
  return path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 && path[folder.size()] == '/';
}

// What probing found for one file, written to the store with the rest of its batch.
struct Outcome {
  ScannedFile file;
  enum class Action { kRecordFile, kWriteRecording, kDropRecording, kReadTranscript } action = Action::kRecordFile;
  std::optional<ProbedRecording> probed;
  RecordingTranscripts transcripts;            // for kWriteRecording: its subtitle streams and files beside it
  std::optional<std::int64_t> drop_recording;  // for kDropRecording: the old recording
  std::optional<YtdlpInfoFile> ytdlp;          // for kWriteRecording: NAME.info.json beside it (yt-dlp)
};

class Scanner {
 public:
  Scanner(Store& store, const ScanOptions& options) : store_(store), state_(store), options_(options) {}

  void full() {
    auto folders = state_.folders();
    for (auto& [path, file] : state_.files()) known_.emplace(path, Known{std::move(file), false});
    std::vector<std::string> available;
    for (const auto& folder : folders) {
      std::error_code ec;
      if (!fs::is_directory(folder, ec)) {
        report_.failures.push_back({folder, "the followed folder is missing or not a folder; its recordings are kept"});
        continue;
      }
      if (!walk(folder)) continue;
      available.push_back(folder);
    }
    // Files that went away: under a folder that was read, or under no followed folder any more.
    for (const auto& [path, k] : known_) {
      if (k.seen) continue;
      bool in_available = false, in_followed = false;
      for (const auto& f : available) in_available = in_available || under(path, f);
      for (const auto& f : folders) in_followed = in_followed || under(path, f);
      if (in_available || !in_followed) vanished_.push_back(k.file);
    }
    finish();
  }

  void paths(const std::vector<std::string>& paths) {
    auto folders = state_.folders();
    for (const auto& raw : paths) {
      std::string path = fs::path(raw).lexically_normal().string();
      while (path.size() > 1 && path.back() == '/') path.pop_back();
      bool followed = false;
      for (const auto& f : folders) followed = followed || under(path, f) || path == f;
      if (!followed) continue;
      std::error_code ec;
      // What the store knows here, so that the walk can tell new, changed and vanished files apart.
      std::vector<ScannedFile> before = state_.files_under(path);
      if (auto f = state_.file(path)) before.push_back(*f);
      for (auto& f : before) known_.emplace(f.path, Known{f, false});
      if (fs::is_directory(fs::symlink_status(path, ec))) {
        if (!walk(path)) continue;
      } else if (auto st = stat_regular(path)) {
        visit(path, *st);
      }
      for (const auto& f : before)
        if (!known_.at(f.path).seen) vanished_.push_back(f);
    }
    finish();
  }

  ScanReport report() { return std::move(report_); }

 private:
  struct Known {
    ScannedFile file;  // as the last scan recorded it
    bool seen = false;  // found by this scan
  };

  // One regular file found by this scan.
  void visit(const std::string& path, const FileStat& st) {
    auto it = known_.find(path);
    if (it != known_.end()) {
      if (it->second.seen) return;  // a followed folder inside another one
      it->second.seen = true;
      ++report_.files_seen;
      consider(path, st, &it->second.file);
    } else {
      if (!fresh_.insert(path).second) return;
      ++report_.files_seen;
      consider(path, st, nullptr);
    }
  }

  // Walks a folder; false when it cannot be read at all (its files are then kept). readdir and
  // fstatat on the folder's descriptor: a stat per file without resolving its whole path again, which
  // is most of the cost of a run that finds nothing new in a large folder.
  bool walk(const std::string& folder) {
    DirPtr dir(::opendir(folder.c_str()));
    if (!dir) {
      report_.failures.push_back({folder, std::string("cannot read the folder: ") + std::strerror(errno)});
      return false;
    }
    walk_open(folder, dir.get());
    return true;
  }

  void walk_open(const std::string& folder, DIR* dir) {
    int dfd = ::dirfd(dir);
    std::string path = folder + "/";
    const std::size_t base = path.size();
    while (const dirent* e = ::readdir(dir)) {
      if (e->d_name[0] == '.') continue;  // ".", "..", hidden files and folders
      path.resize(base);
      path += e->d_name;
      if (e->d_type == DT_DIR) {
        walk_subfolder(path, dfd, e->d_name);
        continue;
      }
      if (e->d_type != DT_REG && e->d_type != DT_UNKNOWN) continue;  // links, devices, sockets
      struct stat st {};
      if (::fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone since readdir
      if (S_ISDIR(st.st_mode)) {
        walk_subfolder(path, dfd, e->d_name);
      } else if (S_ISREG(st.st_mode)) {
        visit(path, FileStat{static_cast<std::int64_t>(st.st_size),
                             static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec});
      }
    }
  }

  void walk_subfolder(const std::string& path, int parent_fd, const char* name) {
    UniqueFd fd(::openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd) return;  // unreadable or gone: skipped, as a folder we may not enter
    DirPtr sub(::fdopendir(fd.get()));
    if (!sub) return;
    (void)fd.release();  // the DIR owns it now: closedir closes it
    walk_open(path, sub.get());
  }

  void consider(const std::string& path, const FileStat& st, const ScannedFile* old) {
    if (old && old->size == st.size && old->mtime_ns == st.mtime_ns && old->error.empty()) {
      ++report_.unchanged;
      return;
    }
    work_.push_back({path, st, old ? std::optional<ScannedFile>(*old) : std::nullopt});
    if (work_.size() >= options_.batch_size) flush_work();
  }

  bool stop_requested() {
    if (!report_.stopped && options_.should_stop && options_.should_stop()) report_.stopped = true;
    return report_.stopped;
  }

  struct Work {
    std::string path;
    FileStat stat;
    std::optional<ScannedFile> old;
  };

  Outcome examine(const Work& w) {
    Outcome o;
    ScannedFile& f = o.file;
    f.path = w.path;
    f.size = w.stat.size;
    f.mtime_ns = w.stat.mtime_ns;
    auto fail = [&](const std::string& reason) {
      f.error = reason;
      bool same_error = w.old && w.old->error == reason;
      f.failed_at = same_error ? w.old->failed_at : now_utc_iso();  // a repeated failure writes nothing new
      if (w.old) {
        f.media = w.old->media;
        f.recording_id = w.old->recording_id;  // what was known of it stays until a probe succeeds
        f.fingerprint = same_error ? w.old->fingerprint : "";
      }
      report_.failures.push_back({w.path, reason});
      return o;
    };
    UniqueFd fd{::open(w.path.c_str(), O_RDONLY | O_CLOEXEC)};
    std::string head;
    if (!fd || !read_at(fd.get(), 0, kHeadBytes, head)) return fail(std::string("cannot read: ") + std::strerror(errno));
    f.media = detect_kind(w.path, head) == InputKind::Media;
    if (!f.media) {
      ++report_.not_media;
      // A new or changed transcript file: read for its recording once every batch is written (the
      // recording may come later in this scan, or have come in an earlier one).
      if (is_transcript_name(w.path)) o.action = Outcome::Action::kReadTranscript;
      if (w.old && w.old->recording_id) {
        o.action = Outcome::Action::kDropRecording;
        o.drop_recording = w.old->recording_id;
      }
      return o;
    }
    auto fp = file_fingerprint(w.path);
    if (!fp) return fail(fp.failure().reason);
    f.fingerprint = *fp;
    if (w.old && w.old->media && w.old->error.empty() && w.old->fingerprint == f.fingerprint && w.old->recording_id) {
      ++report_.touched;  // touched, or copied over with the same bytes: nothing to probe
      f.recording_id = w.old->recording_id;
      return o;
    }
    ++report_.probed;
    auto probed = probe_local_recording(w.path);
    if (!probed) return fail(probed.failure().reason);
    o.action = Outcome::Action::kWriteRecording;
    o.transcripts = read_recording_transcripts(w.path, probed->has_subtitle_streams, &transcript_listing_, probed->duration);
    o.probed = std::move(*probed);
    if (auto info = ytdlp_info_beside(w.path)) {
      auto content = read_input_file(info->string());
      auto parsed = content ? read_ytdlp_info(info->string(), *content) : Result<YtdlpInfoFile>(content.failure());
      if (parsed) o.ytdlp = std::move(*parsed);
      else report_.warnings.push_back(parsed.failure().message());
    }
    return o;
  }

  // Writes a recording found in a followed folder; returns its id.
  std::int64_t write_recording(const std::string& path, const ProbedRecording& p,
                               const std::optional<YtdlpInfoFile>& ytdlp) {
    RecordingInfo info;
    info.uri = path;
    info.duration = p.duration;
    std::optional<std::int64_t> event_id, talk_id;
    std::vector<std::string> replaced = {kTocEmbedded};
    std::optional<std::int64_t> ytdlp_talk = ytdlp ? write_ytdlp_info(store_, *ytdlp) : std::nullopt;
    if (auto t = ytdlp_talk ? store_.talk(*ytdlp_talk) : std::nullopt) {
      // yt-dlp's info.json names the talk and gives its chapters.
      event_id = t->event_id;
      talk_id = t->id;
      info.talk_key = t->info.key;
      info.items = ytdlp->chapters;
      replaced.push_back(kTocFile);
    } else if (auto existing = store_.recording_by_uri(path); existing && (existing->talk_id || existing->event_id)) {
      // Where it was attached (a schedule linked it, the user imported it, an earlier scan placed it).
      event_id = existing->event_id;
      talk_id = existing->talk_id;
      if (talk_id) {
        if (auto t = store_.talk(*talk_id)) info.talk_key = t->info.key;
      }
    } else {
      // Every recording belongs to a talk: the scheduled one it names, else one of its own.
      auto t = scheduled_talk_for(store_, path, p.tags);
      if (!t) t = write_own_talk(store_, path, folder_of(path), p.tags);
      event_id = t->event_id;
      talk_id = t->id;
      info.talk_key = t->info.key;
    }
    // Chapters yt-dlp embedded are the info.json's again: taken once, from the info.json.
    bool have_chapters = !info.items.empty();
    for (TocEntry e : p.chapters) {
      if (have_chapters) break;
      e.talk_key = info.talk_key;
      info.items.push_back(std::move(e));
    }
    std::int64_t before = store_.revision();
    std::int64_t id = store_.put_recording(info,
        {.event_id = event_id, .talk_id = talk_id, .container = p.container, .probe_json = p.json,
         .replace_sources = replaced});
    if (store_.revision() != before) {
      ++report_.recordings_written;
      report_.written.push_back(path);
    }
    return id;
  }

  // The followed folder that holds `path` (the innermost one).
  std::string folder_of(const std::string& path) {
    std::string best;
    for (const auto& f : state_.folders())
      if (under(path, f) && f.size() > best.size()) best = f;
    return best.empty() ? fs::path(path).parent_path().string() : best;
  }

  // A recording whose file went away or stopped being media. A recording that a schedule also knows
  // (it has items of other sources) keeps its row and loses only what probing put there; one the user
  // attached (import) stays whole. Returns whether the recording was removed.
  bool drop_recording(std::int64_t id) {
    auto rec = store_.recording(id);
    if (!rec || rec->attached) return false;
    bool others = false;
    for (const auto& it : store_.toc_items_for_recording(id)) others = others || it.entry.source != kTocEmbedded;
    std::int64_t before = store_.revision();
    if (others) {
      RecordingInfo info;
      info.uri = rec->uri;
      store_.put_recording(info,
          {.event_id = rec->event_id, .talk_id = rec->talk_id, .replace_sources = {kTocEmbedded}});
    } else {
      store_.remove_recording(rec->uri);
    }
    if (store_.revision() == before) return false;
    ++report_.recordings_removed;
    return true;
  }

  void flush_work() {
    if (work_.empty()) return;
    std::vector<Outcome> outcomes;
    for (const auto& w : work_) {
      if (stop_requested()) break;
      outcomes.push_back(examine(w));
    }
    work_.clear();
    WriteBatch batch(store_);
    for (auto& o : outcomes) {
      std::string what;
      if (o.action == Outcome::Action::kWriteRecording) {
        o.file.recording_id = write_recording(o.file.path, *o.probed, o.ytdlp);
        write_recording_transcripts(store_, *o.file.recording_id, o.transcripts);
        for (const auto& w : o.transcripts.warnings) report_.warnings.push_back(o.file.path + ": " + w);
        what = "probed";
      } else if (o.action == Outcome::Action::kDropRecording) {
        if (drop_recording(*o.drop_recording)) what = "removed";
        o.file.recording_id.reset();
      } else if (!o.file.error.empty()) {
        what = "failed";
      }
      if (o.action == Outcome::Action::kReadTranscript) {
        // Recorded with its passages, so that a scan stopped before then reads it again next time.
        transcript_files_.push_back(o.file);
        continue;
      }
      state_.put_file(o.file);
      if (!what.empty() && options_.on_file) options_.on_file(o.file.path, what);
    }
    batch.commit();
  }

  void finish() {
    flush_work();
    if (report_.stopped) return;
    if (!vanished_.empty()) {
      WriteBatch batch(store_);
      for (const auto& old : vanished_) {
        bool removed = old.recording_id && drop_recording(*old.recording_id);
        state_.forget_file(old.path);
        if (options_.on_file && removed) options_.on_file(old.path, "removed");
      }
      batch.commit();
    }
    read_transcript_files();
  }

  // New or changed NAME.vtt / NAME.srt files, for the recording NAME.* beside them; one without a
  // recording is not ours. One that cannot be read fails alone, naming the file.
  void read_transcript_files() {
    if (transcript_files_.empty()) return;
    std::unordered_set<std::string> probed(report_.written.begin(), report_.written.end());
    WriteBatch batch(store_);
    for (auto& f : transcript_files_) {
      const std::string& path = f.path;
      auto recording = recording_beside(store_, path);
      // One beside a recording written in this scan was read with it.
      if (recording && !probed.count(recording->uri)) {
        auto content = read_input_file(path);
        auto file = content ? read_transcript_file(path, *content, recording->duration) : Result<TranscriptFile>(content.failure());
        if (!file) {
          f.error = file.failure().reason;  // kept, so the next run tries again
          f.failed_at = now_utc_iso();
          report_.failures.push_back(file.failure());
        } else {
          store_.replace_passages(recording->id, file->language, file->passages);
          ++report_.transcripts_read;
          if (options_.on_file) options_.on_file(path, "transcript");
        }
      }
      state_.put_file(f);
    }
    batch.commit();
  }

  Store& store_;
  ScanState state_;
  const ScanOptions& options_;
  ScanReport report_;
  std::unordered_map<std::string, Known> known_;
  std::unordered_set<std::string> fresh_;  // found by this scan, unknown before
  std::vector<Work> work_;
  std::vector<ScannedFile> vanished_;
  std::vector<ScannedFile> transcript_files_;  // new or changed transcript files, read at the end
  TranscriptFiles transcript_listing_;         // folders listed for recordings' transcripts
};

}  // namespace

Result<std::string> file_fingerprint(const std::string& path) {
  UniqueFd fd{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  struct stat st {};
  if (!fd || ::fstat(fd.get(), &st) != 0) return Failure{path, std::string("cannot read: ") + std::strerror(errno),
      ErrorCode::io};
  auto size = static_cast<std::int64_t>(st.st_size);
  std::string first, last;
  if (!read_at(fd.get(), 0, kMiB, first)) return Failure{path, std::string("cannot read: ") + std::strerror(errno),
      ErrorCode::io};
  std::int64_t tail = std::max<std::int64_t>(static_cast<std::int64_t>(kMiB), size - static_cast<std::int64_t>(kMiB));
  if (tail < size && !read_at(fd.get(), tail, kMiB, last))
    return Failure{path, std::string("cannot read: ") + std::strerror(errno), ErrorCode::io};
  return hex64(hash64(first, 1)) + hex64(hash64(last, 2)) + "-" + std::to_string(size);
}

ScanReport scan_followed_folders(Store& store, const ScanOptions& options) {
  Scanner s(store, options);
  s.full();
  return s.report();
}

ScanReport scan_paths(Store& store, const std::vector<std::string>& paths, const ScanOptions& options) {
  Scanner s(store, options);
  s.paths(paths);
  return s.report();
}

}  // namespace talkdex
