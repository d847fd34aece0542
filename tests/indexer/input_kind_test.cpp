// Telling a WebVTT chapter list from a WebVTT transcript (issue 17, §6): what `chapters --format vtt`
// writes comes back as chapters; captions stay a transcript.
#include <doctest/doctest.h>

#include "talkdex/indexer/chapters/chapters.h"
#include "talkdex/indexer/import/input_kind.h"

using namespace talkdex;

TEST_CASE("a WebVTT file of one-line cues back to back is a chapter list; captions are a transcript") {
  std::vector<TocEntry> items(3);
  items[0].start = 0;
  items[0].title = "Introduction";
  items[1].start = 95;
  items[1].title = "Masks & supermasks";
  items[2].start = 400;
  items[2].title = "Questions";
  std::string written = write_chapters(items, ChapterFormat::Vtt, 600.0);
  CHECK(looks_like_chapter_vtt(written));
  CHECK(detect_kind("ch.vtt", written) == InputKind::ChaptersVtt);
  CHECK(detect_kind("ch.vtt", write_chapters(items, ChapterFormat::Vtt)) == InputKind::ChaptersVtt);  // last cue 0 s

  std::string captions =
      "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nGood morning everyone.\n\n"
      "00:00:04.000 --> 00:00:07.500\nToday we talk about masks.\n\n00:00:07.500 --> 00:00:10.000\nLet us begin.\n";
  CHECK_FALSE(looks_like_chapter_vtt(captions));  // a few seconds each
  CHECK(detect_kind("talk.vtt", captions) == InputKind::Subtitles);
  std::string two_lines = "WEBVTT\n\n00:00:00.000 --> 00:01:00.000\nfirst line\nsecond line\n\n"
                          "00:01:00.000 --> 00:02:00.000\nmore\n";
  CHECK_FALSE(looks_like_chapter_vtt(two_lines));
  std::string gaps = "WEBVTT\n\n00:00:00.000 --> 00:01:00.000\nA\n\n00:01:30.000 --> 00:02:00.000\nB\n";
  CHECK_FALSE(looks_like_chapter_vtt(gaps));
  std::string one = "WEBVTT\n\n00:00:00.000 --> 00:10:00.000\nOnly\n";
  CHECK_FALSE(looks_like_chapter_vtt(one));  // one cue says nothing either way
  CHECK(detect_kind("x.chapters.vtt", captions) == InputKind::ChaptersVtt);  // the sidecar name decides
}
