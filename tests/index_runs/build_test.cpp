// The full build in shards merged by compaction gives the index a one-thread build gives; the
// incremental update keeps an index equal to a fresh build through every kind of change.
#include "indexing_support.h"
#include "talkdex/search.h"

using namespace talkdex;
using namespace talkdex::test;

namespace {

struct Built {
  std::map<std::string, std::string> documents;
  std::map<std::string, Xapian::docid> docids;
  std::map<std::string, Xapian::doccount> spellings;
  Xapian::totallength total_length = 0;
  std::string revision;
};

Built inspect(const fs::path& dir) {
  Built b;
  b.documents = dump_index(dir);
  Xapian::Database db(dir.string());
  for (const auto& [id, text] : b.documents) b.docids[id] = *db.postlist_begin(id);
  for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) b.spellings[*s] = s.get_termfreq();
  b.total_length = db.get_total_length();
  b.revision = db.get_metadata("talkdex:store-revision");
  return b;
}

std::vector<std::string> ranked(const fs::path& dir, const std::string& query) {
  Searcher s({dir.string()});
  SearchOptions o;
  o.query = query;
  o.limit = 50;
  auto r = s.search(o);
  REQUIRE(r.ok());
  std::vector<std::string> out;
  for (const auto& h : r->hits) out.push_back(h.title + " @" + std::to_string(h.offset.value_or(-1)) + " " + std::to_string(h.score));
  if (!r->suggestion.empty()) out.push_back("suggestion: " + r->suggestion);
  return out;
}

// A store with everything a build meets: several events, people, links, items of talks, and items
// of no talk.
void fill(Store& store) {
  generate_talks(store, "b", 230, 3, 40);
  Schedule s = test::schedule_of("loose-event", "Unsorted recordings");
  RecordingInfo r;
  r.uri = "/media/unsorted.mkv";
  for (int i = 0; i < 7; ++i) r.items.push_back({"c" + std::to_string(i), 30.0 * i, std::nullopt, "Orphan chapter " + std::to_string(i), kTocEmbedded, 1.0, std::nullopt, ""});
  s.recordings.push_back(r);
  TalkInfo t = test::talk_info("linked", "A talk with many people and links", "");
  t.people = {{"Ada Lovelace", "", kRoleSpeaker}, {"Alan Turing", "", kRolePanelist}, {"Grace Hopper", "", kRoleModerator}};
  t.links = {{"https://example.org/v?tocitem=3", "Video", 3}, {"https://example.org/slides.pdf", "Slides", std::nullopt}};
  s.talks.push_back(t);
  SourceRecord src;
  src.uri = "generated:loose";
  src.kind = "test";
  store.import_schedule(src, s);
}

}  // namespace

TEST_CASE("a build in shards merged by compaction equals a one-thread build") {
  TempDir dir;
  Store store(dir / "store.sqlite");
  fill(store);
  BuildOptions one, two, five;
  one.threads = 1;
  two.threads = 2;
  five.threads = 5;
  IndexStats s1 = build_index(store, dir / "one", one);
  IndexStats s2 = build_index(store, dir / "two", two);
  IndexStats s5 = build_index(store, dir / "five", five);
  CHECK(s1.documents_written == 231 + 230 * 3 + 7);
  CHECK(s2.documents_written == s1.documents_written);
  CHECK(s5.documents_written == s1.documents_written);
  CHECK_FALSE(fs::exists(dir / "two.shards"));  // the shards are gone after the merge

  Built a = inspect(dir / "one"), b = inspect(dir / "two"), c = inspect(dir / "five");
  CHECK(a.documents.size() == static_cast<size_t>(s1.documents_written));
  CHECK(a.documents == b.documents);
  CHECK(a.documents == c.documents);
  CHECK(a.docids == b.docids);  // the same numbering: talk by talk, then the items of no talk
  CHECK(a.docids == c.docids);
  CHECK(!a.spellings.empty());
  CHECK(a.spellings == b.spellings);
  CHECK(a.spellings == c.spellings);
  CHECK(a.total_length == b.total_length);
  CHECK(a.revision == b.revision);
  for (const char* q : {"lottery tickets", "speaker:lovelace", "chapter:orphan", "gradiant descnt", "kind:invited-talk",
                        "\"implicit regularization\"", "memory OR noise"}) {
    INFO(q);
    CHECK(ranked(dir / "one", q) == ranked(dir / "two", q));
    CHECK(ranked(dir / "one", q) == ranked(dir / "five", q));
  }
}

TEST_CASE("an empty store builds an empty index, whatever the threads") {
  TempDir dir;
  Store store(dir / "store.sqlite");
  BuildOptions two;
  two.threads = 2;
  CHECK(build_index(store, dir / "index", two).documents_written == 0);
  CHECK(index_info(dir / "index").documents == 0);
  CHECK(index_info(dir / "index").store_revision == 0);
}

TEST_CASE("the incremental update keeps the index equal to a fresh build through every kind of change") {
  TempDir dir;
  Archive archive(dir / "archive");
  archive.create();
  Store store(archive.store_file());
  fill(store);
  archive.rebuild(store);
  auto check = [&](const char* what) {
    INFO(what);
    archive.update(store);
    CHECK(dump_index(archive.current_index()) == expected_documents(archive.store_file()));
    CHECK(indexed_revision(archive.current_index()) == store.revision());
  };
  // A new recording with chapters for a talk.
  RecordingInfo r;
  r.uri = "/media/b-17.mkv";
  r.talk_key = "b-17";
  r.items = {{"chapter-1", 0, 10.0, "Fresh chapter", kTocEmbedded, 1.0, std::nullopt, "b-17"}};
  auto talk17 = store.talk_by_key("b-17");
  store.put_recording(r,
      {.event_id = talk17->event_id, .talk_id = talk17->id, .container = "matroska", .probe_json = "{}"});
  check("a new recording");
  // An event's new title: its talks' documents carry it.
  Schedule s = test::schedule_of("loose-event", "Renamed unsorted recordings");
  TalkInfo t = test::talk_info("linked", "A talk with many people and links", "");
  t.people = {{"Ada Lovelace", "", kRoleSpeaker}};
  s.talks.push_back(t);
  SourceRecord src;
  src.uri = "generated:loose";
  src.kind = "test";
  store.import_schedule(src, s);
  check("an event renamed and a talk's people changed");
  // A talk removed: its items live on without it.
  s.talks.clear();
  store.import_schedule(src, s);
  check("a talk removed");
  // A recording removed with its items.
  CHECK(store.remove_recording("/media/b-17.mkv"));
  check("a recording removed");
  // Nothing: no write at all.
  auto before = index_info(archive.current_index());
  archive.update(store);
  CHECK(index_info(archive.current_index()).xapian_revision == before.xapian_revision);
}
