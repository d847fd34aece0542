// Slide text (from slide detection's OCR) is searchable under slide:, and a hit jumps to the slide.
#include <doctest/doctest.h>

#include "talkdex/archive.h"
#include "talkdex/search.h"
#include "talkdex/store.h"
#include "temp_archive.h"
#include "test_support.h"

using namespace talkdex;

TEST_CASE("slide text is indexed under slide: and leads to the item's moment") {
  test::TempArchive fixture;
  Archive& archive = fixture.archive;
  Store& store = fixture.store;
  RecordingInfo r;
  r.uri = "/media/talk.mp4";
  TocEntry slide = test::toc_entry("detected:95000", 95, "Supermasks", kTocDetected);
  slide.confidence = 0.8;
  slide.slide_text = "Supermasks\n- pruning at initialization\n- zeros and signs";
  TocEntry chapter = test::toc_entry("chapter-1", 200, "Results", kTocEmbedded);
  chapter.slide_text = "Ablation table";  // a chapter that took a detected slide's text
  r.items = {slide, chapter};
  store.put_recording(r, {.container = "mov", .probe_json = "{}"});
  archive.update(store);

  auto search = [&](const std::string& q) {
    Searcher s(archive.search_databases());
    SearchOptions o;
    o.query = q;
    auto res = s.search(o);
    REQUIRE(res.ok());
    return res.value();
  };
  auto hits = search("slide:initialization").hits;
  REQUIRE(hits.size() == 1);
  REQUIRE(hits[0].moment);
  CHECK(hits[0].moment->offset == 95);
  CHECK(hits[0].moment->source == "detected");
  hits = search("slide:ablation").hits;
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].moment->offset == 200);
  CHECK(search("slide:results").hits.empty());  // a chapter's own title is not slide text
  CHECK(search("pruning").hits.size() == 1);    // and slide text matches plain queries too
}
