// The query language, through the Searcher that `talkdex search` and `talkdex serve` use: Xapian's
// QueryParser with talkdex's fields and filter processors (kind:, year:, date:, lang:, in:, eventid:,
// said:), wildcards, the spelling suggestion, snippets and facets, over a real index of the sample page
// of data/ and a short transcript, built once in a temporary folder when the fuzzer starts.
// The first byte picks options (any-word matching, facets, a second page); the rest is the query.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include "fuzz_support.h"
#include "talkdex/archive.h"
#include "talkdex/search.h"
#include "talkdex/store.h"
#include "talkdex/indexer/schedule/workshop_page.h"

namespace {

namespace fs = std::filesystem;

struct SampleIndex {
  fs::path dir;
  std::unique_ptr<talkdex::Searcher> searcher;

  SampleIndex() {
    std::string pattern = (fs::temp_directory_path() / "talkdex-fuzz-query-XXXXXX").string();
    if (!mkdtemp(pattern.data())) std::abort();
    dir = pattern;
    talkdex::Archive archive(dir / "archive");
    archive.create();
    talkdex::Store store(archive.store_file());
    const fs::path page = fs::path(TALKDEX_SOURCE_DIR) / "data" / "icml2019-deep-phenomena.html";
    std::ifstream in(page, std::ios::binary);
    std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto schedule = talkdex::parse_workshop_page(html, page.string(), talkdex::WorkshopPageOptions{2019, ""});
    if (!schedule) std::abort();
    talkdex::SourceRecord source;
    source.uri = page.string();
    source.kind = "workshop-page";
    source.status = "ok";
    store.import_schedule(source, *schedule);
    if (auto recording = store.recording_by_uri("https://videoken.com/embed/NJjqOnuvpKc")) {
      std::vector<talkdex::TranscriptPassage> said = {
          {0, 30, "the implicit bias of gradient descent picks the minimum norm solution", {}},
          {30, 60, "we call the winning ticket a subnetwork that trains well from its initialisation", {}},
          {60, 90, "learning dynamics of deep linear networks pass through saddle points", {}}};
      store.replace_passages(recording->id, "en", said);
    }
    archive.rebuild(store);
    searcher = std::make_unique<talkdex::Searcher>(archive.search_databases());
  }
  ~SampleIndex() {
    searcher.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

SampleIndex* sample = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  sample = new SampleIndex();
  std::atexit([] { delete sample; });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  talkdex::SearchOptions options;
  options.match_any = data[0] & 1;
  options.facets = data[0] & 2;
  options.offset = (data[0] & 4) ? 10 : 0;
  options.query = std::string(talkdex::fuzz::text_of(data + 1, size - 1));
  (void)sample->searcher->search(options);
  return 0;
}
