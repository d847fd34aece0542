// The full build: shards over slices of the talks built at once, merged by Xapian's compaction.
//
// Why shards: a Xapian WritableDatabase is written by one thread, and turning rows into documents
// (term generation, stemming, spelling data) is most of the work. Each thread gets its own store
// connection and its own database over a contiguous range of talk ids; compaction then concatenates
// them in talk order, renumbering document ids the way a one-thread build would have assigned them
// (talk by talk, then the items without a talk, which the last shard writes).
#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <thread>

#include "documents.h"
#include "index_passages.h"
#include "index_write.h"
#include "talkdex/error.h"
#include "talkdex/index.h"
#include "talkdex/store.h"
#include "talkdex/unique_fd.h"

namespace talkdex {
namespace fs = std::filesystem;
using namespace index_write;

namespace {

struct ShardJob {
  fs::path dir;
  std::int64_t first_id = 0, last_id = 0;
  bool loose_items = false;  // the last shard also writes the items that belong to no talk
};

// A build goes into a new folder that nobody reads until it is complete, so it may update blocks in place
// (DB_DANGEROUS: no copy-on-write) and skip fsync on each commit (the finished files are synced once).
constexpr int kBuildFlags = Xapian::DB_CREATE | Xapian::DB_DANGEROUS | Xapian::DB_NO_SYNC;

// Documents between two commits. Xapian keeps the postings of uncommitted documents in in-memory maps
// whose cost per document grows with their size; measured with bench_index, committing every few hundred
// documents builds about a quarter faster than Xapian's default of 10,000, in a quarter of the memory.
constexpr std::int64_t kCommitEvery = 500;

// fsync of every file in a finished build: the durability each commit skipped (Archive::rebuild then
// syncs the folder and the switch).
void sync_files(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    UniqueFd fd(::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) throw Error(entry.path().string(), std::string("cannot open to sync: ") + std::strerror(errno));
    if (::fsync(fd.get()) != 0) throw Error(entry.path().string(), std::string("cannot sync: ") + std::strerror(errno));
  }
}

struct Progress {
  const BuildOptions& options;
  std::atomic<std::int64_t> written{0};
  void add(std::int64_t n) {
    std::int64_t before = written.fetch_add(n);
    if (options.progress && (before + n) / 5000 != before / 5000) options.progress(before + n);
  }
};

std::int64_t build_shard(Store& store, const ShardJob& job, std::int64_t revision, Progress& progress) {
  Xapian::WritableDatabase db(job.dir.string(), kBuildFlags);
  docs::DocumentMaker maker(db);
  std::int64_t written = 0, since_commit = 0;
  auto wrote = [&](std::int64_t n) {
    written += n;
    progress.add(n);
    if ((since_commit += n) >= kCommitEvery) {
      db.commit();
      since_commit = 0;
    }
  };
  store.for_each_talk(job.first_id, job.last_id, [&](const TalkRow& talk, const std::vector<TocRow>& items) {
    wrote(write_talk_group(db, maker, talk, items, Write::kAdd));
  });
  if (job.loose_items) {
    store.for_each_loose_item([&](const TocRow& it) {
      db.add_document(maker.item(it, nullptr));
      wrote(1);
    });
    // Transcript passages go last, in the last shard: after every talk and item, as in a one-thread build.
    index_passages::add_all(db, maker, store, [&] { wrote(1); });
  }
  write_meta(db, revision);
  db.commit();
  return written;
}

int thread_count(const BuildOptions& options) {
  if (options.threads > 0) return options.threads;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

}  // namespace

IndexStats build_index(Store& store, const fs::path& dir, const BuildOptions& options) {
  return with_xapian_errors(dir, [&] {
    if (fs::exists(dir)) throw Error(dir.string(), "index folder exists already");
    IndexStats stats;
    stats.store_revision = store.revision();
    Progress progress{options};
    auto ranges = store.talk_id_ranges(thread_count(options));
    if (ranges.size() <= 1) {
      ShardJob job{dir, ranges.empty() ? 1 : ranges[0].first, ranges.empty() ? 0 : ranges[0].second, true};
      stats.documents_written = build_shard(store, job, stats.store_revision, progress);
      sync_files(dir);
      return stats;
    }

    fs::path shards_dir = dir;
    shards_dir += ".shards";
    fs::remove_all(shards_dir);
    fs::create_directories(shards_dir);
    std::vector<ShardJob> jobs;
    for (size_t i = 0; i < ranges.size(); ++i) {
      jobs.push_back({shards_dir / ("shard-" + std::to_string(i)), ranges[i].first, ranges[i].second,
                      i + 1 == ranges.size()});
    }
    std::vector<std::exception_ptr> errors(jobs.size());
    std::vector<std::int64_t> written(jobs.size(), 0);
    fs::path store_file = store.file();
    auto run = [&](size_t i, Store& s) {
      try {
        written[i] = build_shard(s, jobs[i], stats.store_revision, progress);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    };
    std::vector<std::thread> threads;
    for (size_t i = 1; i < jobs.size(); ++i) {
      threads.emplace_back([&, i] {
        try {
          Store own(store_file);  // a Store is one connection: one per thread
          run(i, own);
        } catch (...) {
          errors[i] = std::current_exception();
        }
      });
    }
    run(0, store);  // the calling thread builds the first shard with the caller's connection
    for (auto& t : threads) t.join();
    for (auto& e : errors) {
      if (e) {
        std::error_code ec;
        fs::remove_all(shards_dir, ec);
        std::rethrow_exception(e);
      }
    }
    Xapian::Database all;
    for (const auto& job : jobs) all.add_database(Xapian::Database(job.dir.string()));
    all.compact(dir.string());  // renumbers in shard order: shard 0's documents first
    for (auto n : written) stats.documents_written += n;
    std::error_code ec;
    fs::remove_all(shards_dir, ec);
    return stats;
  });
}

}  // namespace talkdex
