// bench_index: how `talkdex index` and `talkdex rebuild` scale, side by side with SQLite FTS5.
//
//   bench_index [--sizes 1000,10000,100000] [--items 10] [--dir DIR] [--threads N]
//
// For each size it generates an archive (N talks in events of 100, one recording per talk in a followed
// folder, --items chapters per recording; words drawn from a fixed vocabulary with a Zipf-like spread,
// so the figures are the same from run to run), then measures:
//  - index, nothing new: the whole `talkdex index` run (sources, a stat of every followed file, the
//    index check), median of five;
//  - index, one new recording: a real recording with chapters (made with the project's libav-based
//    generator) dropped into the followed folder, probed, stored and indexed;
//  - rebuild: the full index built from the store (shards on every core, merged by compaction), and a
//    one-thread build, in documents per second and peak memory (each in a child process, ru_maxrss);
//  - FTS5: an SQLite FTS5 table (porter stemming, like talkdex's English stemmer) built over the same
//    text from the same store in one transaction, the same way;
//  - Xapian floor: the least a Xapian index of that text costs, for scale: the same rows as the FTS5
//    table, one document each holding only its words (stemmed, with positions; no fields, values, data,
//    context or spelling), one thread, committed every 500 documents like the rebuild.
#include <xapian.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

extern "C" {
#include <libavutil/log.h>
}

#include "bench_common.h"
#include "sqlite.h"
#include "mediagen.h"
#include "talkdex/archive.h"
#include "talkdex/indexer/sources/folder_scan.h"
#include "talkdex/index.h"
#include "talkdex/scan_state.h"
#include "talkdex/indexer/sources/source_refresh.h"
#include "talkdex/store.h"

namespace fs = std::filesystem;
using namespace talkdex;
using talkdex::bench::Clock;
using talkdex::bench::seconds_since;
using talkdex::bench::median;

namespace {

// A real recording with `chapters` chapters, made with the project's libav-based generator.
void make_bench_recording(const std::string& path, int chapters) {
  mediagen::MediaSpec spec;
  spec.path = path + ".part.mkv";  // written aside and renamed in, as a copy into a watched folder would be
  spec.duration = chapters;
  spec.width = 160;
  spec.height = 120;
  spec.fps = 5;
  spec.audio = false;
  for (int i = 0; i < chapters; ++i) spec.chapters.push_back({1.0 * i, 1.0 * (i + 1), "Fresh chapter " + std::to_string(i + 1)});
  auto st = mediagen::generate_media(spec);
  if (!st.ok()) throw std::runtime_error(st.failure().message());
  fs::rename(spec.path, path);
}

// A fixed vocabulary of pronounceable words; word k is drawn with probability ~ 1/(k+10).
class Words {
 public:
  explicit Words(std::uint64_t seed) : rng_(seed) {
    const char* onsets[] = {"b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "tr", "st", "pl", "gr", "ch"};
    const char* vowels[] = {"a", "e", "i", "o", "u", "ai", "ea", "io"};
    const char* codas[] = {"", "n", "r", "s", "t", "l", "m", "x", "nd", "rt"};
    std::mt19937_64 g(42);
    while (vocab_.size() < 5000) {
      std::string w;
      int syllables = 1 + static_cast<int>(g() % 3);
      for (int s = 0; s < syllables; ++s) w += std::string(onsets[g() % 18]) + vowels[g() % 8] + codas[g() % 10];
      vocab_.push_back(w);
    }
    double total = 0;
    for (size_t k = 0; k < vocab_.size(); ++k) cumulative_.push_back(total += 1.0 / (static_cast<double>(k) + 10));
  }
  std::string word() {
    double x = std::uniform_real_distribution<double>(0, cumulative_.back())(rng_);
    return vocab_[static_cast<size_t>(std::lower_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin())];
  }
  std::string words(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
      if (i) s += ' ';
      s += word();
    }
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
  }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  std::mt19937_64 rng_;
  std::vector<std::string> vocab_;
  std::vector<double> cumulative_;
};

struct Layout {
  fs::path root, archive, media;
  explicit Layout(const fs::path& r) : root(r), archive(r / "archive"), media(r / "media") {}
};

// N talks in events of 100, each with a recording in the followed folder holding `items` chapters.
void generate(const Layout& at, int talks, int items) {
  fs::remove_all(at.root);
  fs::create_directories(at.media);
  Archive archive(at.archive);
  archive.create();
  Store store(archive.store_file());
  ScanState state(store);
  state.follow(at.media.string());
  Words w(talks);
  // A few KB that read as Matroska: scans look at size and mtime only, unless they change.
  std::string stand_in("\x1A\x45\xDF\xA3", 4);
  stand_in.resize(2048, '\0');
  for (int e = 0; e * 100 < talks; ++e) {
    Schedule s;
    s.event.key = "bench/" + std::to_string(e);
    s.event.title = w.words(4) + " Workshop";
    s.event.kind = "workshop";
    s.event.date = "2024-06-" + std::to_string(10 + e % 20);
    for (int t = e * 100; t < std::min(talks, (e + 1) * 100); ++t) {
      TalkInfo ti;
      ti.key = "talk-" + std::to_string(t);
      ti.title = w.words(w.between(4, 9));
      ti.kind = t % 7 == 0 ? "invited talk" : "talk";
      ti.start = s.event.date + "T" + std::to_string(10 + t % 8) + ":00:00";
      ti.abstract = w.words(w.between(30, 80));
      for (int p = 0, n = w.between(1, 3); p < n; ++p) ti.people.push_back({w.words(1) + " " + w.words(1), "", kRoleSpeaker});
      RecordingInfo r;
      r.uri = (at.media / (ti.key + ".mkv")).string();
      r.talk_key = ti.key;
      r.duration = 60.0 * items;
      for (int i = 0; i < items; ++i) {
        r.items.push_back({"chapter-" + std::to_string(i + 1), 60.0 * i, 60.0 * (i + 1), w.words(w.between(2, 6)),
                           kTocEmbedded, 1.0, std::nullopt, ti.key, "", ""});
      }
      s.talks.push_back(std::move(ti));
      s.recordings.push_back(std::move(r));
    }
    SourceRecord src;
    src.uri = "generated:" + s.event.key;  // not re-readable: `index` skips it, as it would a pasted page
    src.kind = "schedule-json";
    src.status = "ok";
    store.import_schedule(src, s);
  }
  // The followed files, and what a scan would have recorded of them.
  WriteBatch batch(store);
  for (const auto& rec : store.recordings()) {
    std::ofstream(rec.uri, std::ios::binary) << stand_in;
    struct stat st {};
    ::stat(rec.uri.c_str(), &st);
    ScannedFile f;
    f.path = rec.uri;
    f.size = st.st_size;
    f.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    f.fingerprint = *file_fingerprint(rec.uri);
    f.media = true;
    f.recording_id = rec.id;
    state.put_file(f);
  }
  batch.commit();
}

struct ChildFigures {
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // user + system, all threads: with `seconds`, how much of the cores it got
  long max_rss_kib = 0;
  bool ok = false;
};

// Runs `work` in a child process (so that its peak memory is its own) and times it from the parent.
ChildFigures in_child(const std::function<void()>& work) {
  std::fflush(nullptr);
  auto t0 = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    try {
      work();
      ::_exit(0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench_index: %s\n", e.what());
      ::_exit(1);
    }
  }
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  ChildFigures f;
  f.seconds = seconds_since(t0);
  f.max_rss_kib = usage.ru_maxrss;
  f.cpu_seconds = talkdex::bench::cpu_seconds(usage);
  f.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return f;
}

// The same text as the talkdex documents: per talk its title, subtitle, speakers, event, kind and
// abstract; per item its chapter title.
void build_fts5(const fs::path& store_file, const fs::path& out) {
  fs::remove(out);
  sql::Database db(out.string());  // WAL, synchronous=NORMAL
  db.exec(("ATTACH DATABASE '" + store_file.string() + "' AS store").c_str());
  db.exec("CREATE VIRTUAL TABLE docs USING fts5(title, subtitle, speakers, event, kind, abstract, chapter, "
          "tokenize = 'porter unicode61 remove_diacritics 2')");
  db.exec("BEGIN");
  db.exec("INSERT INTO docs(title, subtitle, speakers, event, kind, abstract, chapter) "
          "SELECT t.title, t.subtitle, (SELECT group_concat(p.name, ', ') FROM store.talk_people tp JOIN "
          "store.people p ON p.id = tp.person_id WHERE tp.talk_id = t.id), e.title, t.kind, t.abstract, NULL "
          "FROM store.talks t JOIN store.events e ON e.id = t.event_id ORDER BY t.id");
  db.exec("INSERT INTO docs(title, subtitle, speakers, event, kind, abstract, chapter) "
          "SELECT NULL, NULL, NULL, NULL, NULL, NULL, i.title FROM store.toc_items i ORDER BY i.id");
  db.exec("COMMIT");
}

// The Xapian floor (see the top): the FTS5 table's rows as bare Xapian documents.
void build_xapian_floor(const fs::path& store_file, const fs::path& out) {
  sql::Database db(store_file.string(), /*read_only=*/true);
  Xapian::WritableDatabase x(out.string(), Xapian::DB_CREATE | Xapian::DB_DANGEROUS | Xapian::DB_NO_SYNC);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("english"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  int added = 0;
  for (const char* query :
       {"SELECT t.title, t.subtitle, (SELECT group_concat(p.name, ', ') FROM talk_people tp JOIN people p "
        "ON p.id = tp.person_id WHERE tp.talk_id = t.id), e.title, t.kind, t.abstract FROM talks t JOIN events e "
        "ON e.id = t.event_id ORDER BY t.id",
        "SELECT title FROM toc_items ORDER BY id"}) {
    sql::Statement& st = db.cached(query);
    while (st.step()) {
      Xapian::Document doc;
      tg.set_document(doc);
      for (int c = 0; c < st.column_count(); ++c) {
        if (!st.is_null(c)) tg.index_text(st.text(c));
      }
      x.add_document(doc);
      if (++added % 500 == 0) x.commit();
    }
  }
  x.commit();
}

struct IndexFigures {
  double seconds = 0;
  std::int64_t documents_written = 0;
  std::int64_t probed = 0;
  std::int64_t files = 0;
};

// What `talkdex index` does, without the process start: sources, a scan of the followed folders, the
// index update.
IndexFigures index_once(const Layout& at) {
  auto t0 = Clock::now();
  Archive archive(at.archive);
  Store store(archive.store_file());
  refresh_sources(store);
  ScanReport scan = scan_followed_folders(store);
  IndexStats stats = archive.update(store);
  return {seconds_since(t0), stats.documents_written, scan.probed, scan.files_seen};
}

std::vector<int> parse_sizes(const std::string& s) {
  std::vector<int> out;
  size_t at = 0;
  while (at < s.size()) {
    size_t comma = s.find(',', at);
    out.push_back(std::stoi(s.substr(at, comma - at)));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  av_log_set_level(AV_LOG_FATAL);  // the encoder's banner is not a figure
  std::vector<int> sizes = {1000, 10000, 100000};
  int items = 10;
  int threads = 0;
  fs::path dir = fs::temp_directory_path() / ("talkdex-bench-" + std::to_string(::getpid()));
  bool keep = false;
  bool compare = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--sizes") sizes = parse_sizes(next());
    else if (a == "--items") items = std::stoi(next());
    else if (a == "--threads") threads = std::stoi(next());
    else if (a == "--dir") dir = next();
    else if (a == "--keep") keep = true;
    else if (a == "--no-compare") compare = false;
    else {
      std::fprintf(stderr,
                   "usage: bench_index [--sizes 1000,10000,100000] [--items 10] [--threads N] [--dir DIR] [--keep] "
                   "[--no-compare]\n");
      return 2;
    }
  }
  unsigned cores = std::thread::hardware_concurrency();
  std::printf("bench_index: %u cores, %d items per talk, folder %s\n\n", cores, items, dir.c_str());
  std::printf("%8s %9s | %10s %10s %6s | %12s %8s | %12s %8s | %12s %8s | %12s\n", "talks", "documents",
              "index: none", "one new", "probed", "rebuild d/s", "peak MiB", "1-thread d/s", "peak MiB", "FTS5 rows/s",
              "peak MiB", "floor rows/s");
  std::fflush(stdout);
  for (int n : sizes) {
    Layout at(dir / std::to_string(n));
    auto tg = Clock::now();
    generate(at, n, items);
    double gen_s = seconds_since(tg);
    std::int64_t documents = static_cast<std::int64_t>(n) * (1 + items);

    // The first rebuild makes the index the incremental runs then work on.
    Archive archive(at.archive);
    BuildOptions parallel;
    parallel.threads = threads;
    ChildFigures rebuild = in_child([&] {
      Store store(archive.store_file());
      archive.rebuild(store, parallel);
    });
    BuildOptions one;
    one.threads = 1;
    ChildFigures single, fts, floor;
    if (compare) {
      single = in_child([&] {
        Store store(archive.store_file());
        build_index(store, at.root / "single-thread-index", one);
      });
      fs::remove_all(at.root / "single-thread-index");
      fts = in_child([&] { build_fts5(archive.store_file(), at.root / "fts5.sqlite"); });
      fs::remove(at.root / "fts5.sqlite");
      floor = in_child([&] { build_xapian_floor(archive.store_file(), at.root / "xapian-floor"); });
      fs::remove_all(at.root / "xapian-floor");
    }

    std::vector<double> none;
    for (int r = 0; r < 5; ++r) none.push_back(index_once(at).seconds);
    std::string fresh = (at.media / ("talk-" + std::to_string(n / 2) + "-new.mkv")).string();
    make_bench_recording(fresh, items);
    IndexFigures one_new = index_once(at);

    auto rate = [&](const ChildFigures& f) { return f.ok ? static_cast<double>(documents) / f.seconds : 0.0; };
    std::printf("%8d %9lld | %9.3fs %9.3fs %6lld | %12.0f %8ld | %12.0f %8ld | %12.0f %8ld | %12.0f\n", n,
                static_cast<long long>(documents), median(none), one_new.seconds,
                static_cast<long long>(one_new.probed), rate(rebuild), rebuild.max_rss_kib / 1024, rate(single),
                single.max_rss_kib / 1024, rate(fts), fts.max_rss_kib / 1024, rate(floor));
    std::printf("         (archive generated in %.1f s; rebuild %.1f s wall / %.1f s CPU, one thread %.1f / %.1f s, "
                "FTS5 %.1f / %.1f s, Xapian floor %.1f / %.1f s; %lld files stat'ed)\n",
                gen_s, rebuild.seconds, rebuild.cpu_seconds, single.seconds, single.cpu_seconds, fts.seconds,
                fts.cpu_seconds, floor.seconds, floor.cpu_seconds, static_cast<long long>(one_new.files));
    std::fflush(stdout);
    if (!rebuild.ok || (compare && (!single.ok || !fts.ok || !floor.ok))) {
      std::fprintf(stderr, "bench_index: a build failed\n");
      return talkdex::bench::kFailed;
    }
    if (!keep) fs::remove_all(at.root);
  }
  if (!keep) fs::remove_all(dir);
  return 0;
}
