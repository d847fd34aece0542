// IndexRevisions: the state of local indexes changes with each commit and each switch of a stub, even to
// an index at the same revision; remote shards are said to be outside it; an index that cannot be read
// has no state. Real Xapian databases in a temporary folder.
#include <doctest/doctest.h>
#include <xapian.h>

#include "talkdex/index_revision.h"
#include "test_support.h"

using namespace talkdex;

namespace {

void add_document(const std::filesystem::path& folder, const std::string& term) {
  Xapian::WritableDatabase db(folder.string(), Xapian::DB_CREATE_OR_OPEN);
  Xapian::Document doc;
  doc.add_term(term);
  db.add_document(doc);
  db.commit();
}

}  // namespace

TEST_CASE("IndexRevisions: a commit and a stub's switch each change the state") {
  test::TempDir dir;
  add_document(dir / "index-a", "alpha");
  add_document(dir / "index-b", "beta");  // another index at the same revision as index-a
  auto stub = dir / "index.stub";
  test::write_file(stub, "auto index-a\n");
  std::vector<SearchSource> sources = {{"", {stub.string()}}};

  IndexRevisions revisions;
  auto first = revisions.state(sources);
  REQUIRE(first);
  CHECK_FALSE(first->remote);
  CHECK(revisions.state(sources)->stamp == first->stamp);  // nothing changed

  add_document(dir / "index-a", "gamma");
  auto committed = revisions.state(sources);
  REQUIRE(committed);
  CHECK(committed->stamp != first->stamp);

  // As rebuild switches: a new stub renamed over the old one, naming an index of the same revision.
  add_document(dir / "index-b", "delta");
  REQUIRE(Xapian::Database((dir / "index-b").string()).get_revision() ==
          Xapian::Database((dir / "index-a").string()).get_revision());
  test::write_file(dir / "index.stub.tmp", "auto index-b\n");
  std::filesystem::rename(dir / "index.stub.tmp", stub);
  auto switched = revisions.state(sources);
  REQUIRE(switched);
  CHECK(switched->stamp != committed->stamp);
  CHECK(revisions.state(sources)->stamp == switched->stamp);

  // A folder is watched as well as a stub.
  std::vector<SearchSource> folder = {{"", {(dir / "index-a").string()}}};
  auto before = revisions.state(folder);
  REQUIRE(before);
  add_document(dir / "index-a", "epsilon");
  CHECK(revisions.state(folder)->stamp != before->stamp);
}

TEST_CASE("IndexRevisions: remote shards are outside the state; an index that cannot be read has none") {
  test::TempDir dir;
  add_document(dir / "index-a", "alpha");
  IndexRevisions revisions;
  auto with_shard = revisions.state({{"", {(dir / "index-a").string()}}, {"icml", {"tcp://127.0.0.1:1"}}});
  REQUIRE(with_shard);
  CHECK(with_shard->remote);
  CHECK(with_shard->stamp == revisions.state({{"", {(dir / "index-a").string()}}})->stamp);
  CHECK_FALSE(revisions.state({{"", {(dir / "no-such-index").string()}}}));
  test::write_file(dir / "broken.stub", "auto no-such-index\n");
  CHECK_FALSE(revisions.state({{"", {(dir / "broken.stub").string()}}}));
}
