// media.ccc.de (voctoweb) conferences: parsing the API's documents, importing a conference served by a
// real HTTP server on 127.0.0.1, joining the congress's schedule.xml by guid, conditional re-reads and
// the bad answers (HTML, cut-short JSON, no recordings, unknown types, a 404 among 100 events).
#include <doctest/doctest.h>

#include <algorithm>

#include "http_fixture.h"
#include "talkdex/indexer/import/importer.h"
#include "talkdex/indexer/sources/source_refresh.h"
#include "talkdex/store.h"
#include "talkdex/indexer/sources/voctoweb.h"
#include "test_support.h"
#include "voctoweb_fixture.h"

using namespace talkdex;
using talkdex::test::HttpFixture;
using talkdex::test::TempDir;
using talkdex::test::VoctowebFixture;

namespace {

std::filesystem::path fixture_script() { return test::source_dir() / "tests" / "support" / "http_fixture.py"; }

struct Served {
  TempDir dir;
  HttpFixture server{fixture_script()};
  VoctowebFixture api{dir / "api", server.url("/file" + (dir / "api").string())};
  Store store{dir / "talkdex.sqlite"};

  ImportOutcome import(const std::string& url) { return Importer(store, ImportOptions{}).import(url); }
};

bool has_link(const TalkInfo& t, const std::string& url) {
  return std::any_of(t.links.begin(), t.links.end(), [&](const Link& l) { return l.url == url; });
}

}  // namespace

TEST_CASE("voctoweb: an event document gives the talk, one video per language, audio and subtitles") {
  TempDir dir;
  VoctowebFixture api(dir.path(), "http://127.0.0.1:1/file" + dir.path().string());
  api.write_event(7);
  auto e = parse_voctoweb_event(test::read_file(api.event_path(7)), "event 7");
  REQUIRE(e.ok());
  CHECK(e->talk.key == VoctowebFixture::guid(7));
  CHECK(e->talk.title == VoctowebFixture::title(7));
  CHECK(e->talk.start == "2019-12-27T11:00:00+01:00");
  CHECK(e->talk.end == "2019-12-27T11:30:07+01:00");  // 1807 s
  CHECK(e->talk.language == "eng");
  REQUIRE(e->talk.people.size() == 2);
  CHECK(e->talk.people[1].name == "Speaker 7");
  CHECK(e->talk.track == "36c3, Security");
  CHECK(e->talk.links.front().url == "https://media.ccc.de/v/36c3-10007-talk");
  CHECK(e->recordings.size() == 8);

  VoctowebMedia m = choose_recordings(e->recordings);
  REQUIRE(m.videos.size() == 2);  // deu, eng
  CHECK(m.videos[0].url == VoctowebFixture::video_url(7, "h264-hd", "deu"));
  CHECK(m.videos[1].url == VoctowebFixture::video_url(7));  // h264 HD over webm HD and h264 SD
  CHECK(m.audio.size() == 2);
  CHECK(m.subtitles.size() == 2);
  CHECK(m.warnings.empty());
}

TEST_CASE("voctoweb: recordings of unknown types are named in a warning and skipped") {
  nlohmann::json recs = nlohmann::json::array(
      {{{"recording_url", "https://cdn.example/a.pdf"}, {"mime_type", "application/pdf"}, {"language", "eng"}},
       {{"recording_url", "https://cdn.example/v.mp4"}, {"mime_type", "video/mp4"}, {"language", "eng"}}});
  TempDir dir;
  VoctowebFixture api(dir.path(), "http://127.0.0.1:1/file");
  api.write_event(1, &recs);
  auto e = parse_voctoweb_event(test::read_file(api.event_path(1)), "event 1");
  REQUIRE(e.ok());
  VoctowebMedia m = choose_recordings(e->recordings);
  CHECK(m.videos.size() == 1);
  REQUIRE(m.warnings.size() == 1);
  CHECK(m.warnings[0] == "recording https://cdn.example/a.pdf: type application/pdf is not a video, audio or subtitle file; skipped");
}

TEST_CASE("voctoweb: HTML, cut-short JSON and missing fields are failures naming the item") {
  auto fail = [](const std::string& text) {
    auto r = parse_voctoweb_conference(text, "conf");
    REQUIRE_FALSE(r.ok());
    return r.failure().message();
  };
  CHECK(fail("<!doctype html><html><body>Please log in</body></html>") ==
        "conf: an HTML page, not the conference JSON (a login or captcha page?)");
  CHECK(fail(R"({"acronym": "36c3", "events": [{"url": "http://x/1"}, {"ur)") ==
        "conf: the conference JSON is cut short after 58 bytes");
  CHECK(fail(R"({"acronym": "36c3"})") == "conf: conference: events is missing or not a list");
  CHECK(fail(R"({"acronym": "36c3", "events": [{"guid": "x"}]})") == "conf: conference: events[0]: url is missing");
  auto ev = parse_voctoweb_event(R"({"guid": "g", "title": "T", "recordings": [{"mime_type": "video/mp4"}]})", "ev");
  REQUIRE_FALSE(ev.ok());
  CHECK(ev.failure().message() == "ev: event: recordings[0]: recording_url is missing");
}

TEST_CASE("voctoweb: a conference URL imports every event with its recordings, links and transcripts") {
  Served s;
  s.api.write_all(3);
  ImportOutcome o = s.import(s.api.conference_url());
  REQUIRE(o.ok());
  CHECK(o.kind == InputKind::Voctoweb);
  CHECK(o.part_failures.empty());
  CHECK(o.warnings.empty());
  CHECK(o.summary == "3 events (3 changed, 0 unchanged, 0 failed): 3 talks added, 0 updated, 0 joined a schedule's "
                     "talk; 6 recordings, 6 transcripts");
  auto talk = s.store.talk_by_key(VoctowebFixture::guid(2));
  REQUIRE(talk);
  CHECK(talk->event_title == "36C3: Resource Exhaustion");
  CHECK(talk->info.subtitle == "A subtitle");
  CHECK(has_link(talk->info, "https://media.ccc.de/v/36c3-10002-talk"));
  CHECK(has_link(talk->info, "https://cdn.media.ccc.de/congress/2019/mp3/36c3-2-eng.mp3"));
  auto rec = s.store.recording_by_uri(VoctowebFixture::video_url(2));
  REQUIRE(rec);
  CHECK(rec->talk_id == talk->id);
  CHECK(rec->duration == doctest::Approx(1802));
  CHECK_FALSE(s.store.recording_by_uri(VoctowebFixture::video_url(2, "webm-hd")));  // not the best video
  // frontend_link is a link, never a recording.
  CHECK_FALSE(s.store.recording_by_uri("https://media.ccc.de/v/36c3-10002-talk"));
  auto passages = s.store.passages_for_recording(rec->id);
  REQUIRE(passages.size() == 1);  // two cues, one passage
  CHECK(passages[0].language == "en");
  CHECK(passages[0].passage.text == "Welcome to talk 2, about entropy pools. The kernel runs out of randomness.");
  auto deu = s.store.recording_by_uri(VoctowebFixture::video_url(2, "h264-hd", "deu"));
  REQUIRE(deu);
  REQUIRE(s.store.passages_for_recording(deu->id).size() == 1);
  CHECK(s.store.passages_for_recording(deu->id)[0].language == "de");
}

TEST_CASE("voctoweb: re-reading an unchanged conference sends only conditional requests and writes nothing") {
  Served s;
  s.api.write_all(5);
  REQUIRE(s.import(s.api.conference_url()).ok());
  std::int64_t rev = s.store.revision();
  auto sources = s.store.sources();
  s.server.reset_counts();

  RefreshReport r = refresh_sources(s.store);  // what `talkdex index` does
  CHECK(r.failures.empty());
  CHECK(r.checked == 1);  // the conference; its events are read with it, not on their own
  CHECK(r.unchanged == 1);
  CHECK(s.server.total_count() == 6);
  CHECK(s.server.conditional_count() == 6);
  CHECK(s.store.revision() == rev);
  auto after = s.store.sources();
  REQUIRE(after.size() == sources.size());
  for (std::size_t i = 0; i < after.size(); ++i) CHECK(after[i].fetched_at == sources[i].fetched_at);

  // One event changes under an unchanged conference: that event is read and written, the others are not.
  s.api.write_event(4, nullptr, "A corrected title");
  s.server.reset_counts();
  ImportOutcome o = s.import(s.api.conference_url());
  REQUIRE(o.ok());
  CHECK(o.changed);
  CHECK(o.summary.find("1 changed, 4 unchanged") != std::string::npos);
  CHECK(s.store.talk_by_key(VoctowebFixture::guid(4))->info.title == "A corrected title");
  CHECK(s.store.revision() > rev);
}

TEST_CASE("voctoweb: events join the talks of the congress's schedule.xml by guid") {
  Served s;
  s.api.write_all(2);
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<schedule><conference><acronym>36c3</acronym><title>36th Chaos Communication Congress</title>
<start>2019-12-27T10:00:00+01:00</start></conference>
<day index="1" date="2019-12-27"><room name="Ada">
<event guid=")" + VoctowebFixture::guid(1) + R"(" id="10001"><date>2019-12-27T11:00:00+01:00</date>
<start>11:00</start><duration>00:40</duration><room>Ada</room><title>The schedule's own title</title>
<type>lecture</type><persons><person id="1">Ada Lovelace</person></persons></event>
</room></day></schedule>)";
  test::write_file(s.dir / "schedule.xml", xml);
  REQUIRE(s.import((s.dir / "schedule.xml").string()).ok());
  auto scheduled = s.store.talk_by_key(VoctowebFixture::guid(1));
  REQUIRE(scheduled);

  ImportOutcome o = s.import(s.api.conference_url());
  REQUIRE(o.ok());
  CHECK(o.summary.find("1 talk added, 0 updated, 1 joined") != std::string::npos);
  CHECK(s.store.counts().talks == 2);  // not 3: the scheduled talk and the second event
  auto joined = s.store.talk_by_key(VoctowebFixture::guid(1));
  CHECK(joined->id == scheduled->id);
  CHECK(joined->info.title == "The schedule's own title");
  CHECK(joined->event_title == "36th Chaos Communication Congress");
  auto rec = s.store.recording_by_uri(VoctowebFixture::video_url(1));
  REQUIRE(rec);
  CHECK(rec->talk_id == scheduled->id);
  CHECK(s.store.passages_for_talk(scheduled->id).size() == 2);  // English and German transcripts

  // The schedule read again leaves the joined recordings where they are.
  test::write_file(s.dir / "schedule.xml", xml + "\n");
  REQUIRE(s.import((s.dir / "schedule.xml").string()).ok());
  CHECK(s.store.recording_by_uri(VoctowebFixture::video_url(1))->talk_id == scheduled->id);
}

TEST_CASE("voctoweb: one bad answer among 100 events is one line; everything else is imported") {
  Served s;
  s.api.write_all(100);
  // Event 13 answers 404, event 27 an HTML login page, event 41 cut-short JSON; event 55 has no
  // recordings and event 70 only a recording of an unknown type.
  std::string truncated = test::read_file(s.api.event_path(41));
  test::write_file(s.api.event_path(41), truncated.substr(0, truncated.size() / 2));
  nlohmann::json none = nlohmann::json::array();
  s.api.write_event(55, &none);
  nlohmann::json odd = nlohmann::json::array({{{"recording_url", "https://cdn.example/70.pdf"}, {"mime_type", "application/pdf"}}});
  s.api.write_event(70, &odd);
  s.api.write_conference(100, {{13, s.server.url("/status/404/public/events/13.json")},
                               {27, s.server.url("/html/public/events/27.json")}});

  ImportOutcome o = s.import(s.api.conference_url());
  REQUIRE(o.ok());
  REQUIRE(o.part_failures.size() == 3);
  CHECK(o.part_failures[0].message() == s.server.url("/status/404/public/events/13.json") + ": HTTP 404");
  CHECK(o.part_failures[1].message().find("text/html") != std::string::npos);
  CHECK(o.part_failures[2].message() == s.api.event_url(41) + ": the event JSON is cut short after " +
                                            std::to_string(truncated.size() / 2) + " bytes");
  REQUIRE(o.warnings.size() == 2);
  CHECK(o.warnings[0] == "event " + VoctowebFixture::guid(55) + " (" + s.api.event_url(55) + "): no recordings");
  CHECK(o.warnings[1].find("type application/pdf is not a video, audio or subtitle file") != std::string::npos);
  CHECK(s.store.counts().talks == 97);
  CHECK(s.store.counts().recordings == 2 * 95);
  CHECK_FALSE(s.store.talk_by_key(VoctowebFixture::guid(13)));
  CHECK(s.store.talk_by_key(VoctowebFixture::guid(55)));
  // The failed event is remembered, as a part of the conference, for `status` and the next run.
  auto failed = s.store.source(s.server.url("/status/404/public/events/13.json"));
  REQUIRE(failed);
  CHECK(failed->status == "failed");
  CHECK(failed->parent_id == s.store.source(s.api.conference_url())->id);
}

TEST_CASE("voctoweb: a conference URL answering HTML or cut-short JSON fails whole and writes nothing") {
  Served s;
  ImportOutcome html = s.import(s.server.url("/html/public/conferences/36c3"));
  REQUIRE_FALSE(html.ok());
  CHECK(html.failure().message().find("where the voctoweb conference JSON was expected") != std::string::npos);
  s.api.write_all(2);
  std::string c = test::read_file(s.api.conference_path());
  test::write_file(s.api.conference_path(), c.substr(0, 200));
  ImportOutcome cut = s.import(s.api.conference_url());
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.failure().message() == s.api.conference_url() + ": the conference JSON is cut short after 200 bytes");
  CHECK(s.store.counts().talks == 0);
  CHECK(s.store.revision() == 0);
}
