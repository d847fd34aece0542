// A media.ccc.de (voctoweb) conference written to a folder in the shapes of its public API, for the
// voctoweb tests and tools/bench_voctoweb.cpp, served by tests/support/http_fixture.py's /file/ route:
//   DIR/public/conferences/ACRONYM.json   the conference: acronym, title, ..., events[] with each `url`
//   DIR/public/events/GUID.json           an event: guid, title, persons, ..., recordings[]
//   DIR/subtitles/GUID.LANG.vtt|srt       its subtitle files
// Field names and values follow api.media.ccc.de's answers (a 36C3 talk as the model). Each event has
// h264 and webm videos in HD and SD in English, an h264 HD video dubbed into German, mp3 and opus audio,
// English WebVTT and German SubRip subtitles. Header-only; throws std::runtime_error on I/O errors.
#pragma once

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace talkdex::test {

class VoctowebFixture {
 public:
  // `base` is the server's URL of the folder, "http://127.0.0.1:PORT/file" + dir.
  VoctowebFixture(std::filesystem::path dir, std::string base, std::string acronym = "36c3")
      : dir_(std::move(dir)), base_(std::move(base)), acronym_(std::move(acronym)) {}

  static std::string guid(int i) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "5c1a%04x-7b1a-4a55-9e1d-%012d", i, i);
    return buf;
  }
  static std::string title(int i) { return "Talk number " + std::to_string(i) + " about resource exhaustion"; }

  std::string conference_path() const { return (dir_ / "public" / "conferences" / (acronym_ + ".json")).string(); }
  std::string conference_url() const { return base_ + "/public/conferences/" + acronym_ + ".json"; }
  std::string event_path(int i) const { return (dir_ / "public" / "events" / (guid(i) + ".json")).string(); }
  std::string event_url(int i) const { return base_ + "/public/events/" + guid(i) + ".json"; }
  std::string subtitle_url(int i, const std::string& ext) const {
    return base_ + "/subtitles/" + guid(i) + (ext == "vtt" ? ".eng.vtt" : ".deu.srt");
  }
  // The English HD h264 video: the one recording an event's English talk should get.
  static std::string video_url(int i, const std::string& folder = "h264-hd", const std::string& lang = "eng") {
    return "https://cdn.media.ccc.de/congress/2019/" + folder + "/36c3-" + std::to_string(10000 + i) + "-" + lang +
           "-Talk_" + std::to_string(i) + (folder.find("webm") == 0 ? ".webm" : ".mp4");
  }

  // Writes the conference with events 1..n; `event_urls` replaces the URL of some events (a 404 route).
  void write_conference(int n, const std::vector<std::pair<int, std::string>>& event_urls = {}) const {
    nlohmann::json events = nlohmann::json::array();
    for (int i = 1; i <= n; ++i) {
      nlohmann::json e = event_summary(i);
      for (const auto& [k, url] : event_urls)
        if (k == i) e["url"] = url;
      events.push_back(e);
    }
    nlohmann::json c = {{"acronym", acronym_}, {"aspect_ratio", "16:9"}, {"updated_at", "2020-01-10T12:00:00.000+01:00"},
                        {"title", "36C3: Resource Exhaustion"},
                        {"schedule_url", "https://fahrplan.events.ccc.de/congress/2019/Fahrplan/schedule.xml"},
                        {"slug", "congress/2019"}, {"event_last_released_at", "2020-01-10"},
                        {"link", "https://events.ccc.de/congress/2019/"}, {"description", nullptr},
                        {"webgen_location", "congress/2019"}, {"logo_url", "https://static.media.ccc.de/36c3.png"},
                        {"images_url", "https://static.media.ccc.de/congress/2019"},
                        {"recordings_url", "https://cdn.media.ccc.de/congress/2019"},
                        {"url", conference_url()}, {"events", events}};
    write(conference_path(), c.dump(1));
  }

  // Writes event i with its recordings and subtitle files; `recordings` replaces the recordings list.
  void write_event(int i, const nlohmann::json* recordings = nullptr, const std::string& title_override = "") const {
    nlohmann::json e = event_summary(i);
    if (!title_override.empty()) e["title"] = title_override;
    e["recordings"] = recordings ? *recordings : default_recordings(i);
    write(event_path(i), e.dump(1));
    write((dir_ / "subtitles" / (guid(i) + ".eng.vtt")).string(),
          "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome to talk " + std::to_string(i) +
              ", about entropy pools.\n\n00:00:20.000 --> 00:00:24.000\nThe kernel runs out of randomness.\n");
    write((dir_ / "subtitles" / (guid(i) + ".deu.srt")).string(),
          "1\n00:00:01,000 --> 00:00:04,000\nWillkommen zu Vortrag " + std::to_string(i) + ".\n");
  }

  void write_all(int n) const {
    write_conference(n);
    for (int i = 1; i <= n; ++i) write_event(i);
  }

  nlohmann::json default_recordings(int i) const {
    auto rec = [&](const std::string& mime, const std::string& lang, const std::string& folder, bool hq, int w, int h,
                   const std::string& url) {
      return nlohmann::json{{"size", 100 + i}, {"length", 1800 + i}, {"mime_type", mime}, {"language", lang},
                            {"filename", url.substr(url.rfind('/') + 1)}, {"state", "new"}, {"folder", folder},
                            {"high_quality", hq}, {"width", w}, {"height", h},
                            {"updated_at", "2019-12-28T01:00:00.000+01:00"}, {"recording_url", url},
                            {"url", "https://api.media.ccc.de/public/recordings/" + std::to_string(30000 + i)},
                            {"event_url", event_url(i)}, {"conference_url", conference_url()}};
    };
    return nlohmann::json::array({
        rec("video/webm", "eng", "webm-hd", true, 1920, 1080, video_url(i, "webm-hd")),
        rec("video/mp4", "eng", "h264-sd", false, 720, 576, video_url(i, "h264-sd")),
        rec("video/mp4", "eng", "h264-hd", true, 1920, 1080, video_url(i)),
        rec("video/mp4", "deu", "h264-hd", true, 1920, 1080, video_url(i, "h264-hd", "deu")),
        rec("audio/mpeg", "eng", "mp3", false, 0, 0, "https://cdn.media.ccc.de/congress/2019/mp3/36c3-" + std::to_string(i) + "-eng.mp3"),
        rec("audio/opus", "eng", "opus", false, 0, 0, "https://cdn.media.ccc.de/congress/2019/opus/36c3-" + std::to_string(i) + "-eng.opus"),
        rec("text/vtt", "eng", "vtt", false, 0, 0, subtitle_url(i, "vtt")),
        rec("application/x-subrip", "deu", "srt", false, 0, 0, subtitle_url(i, "srt")),
    });
  }

  static void write(const std::string& path, const std::string& content) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path);
  }

 private:
  nlohmann::json event_summary(int i) const {
    std::string g = guid(i);
    return {{"guid", g}, {"title", title(i)}, {"subtitle", i % 2 ? nullptr : nlohmann::json("A subtitle")},
            {"slug", "36c3-" + std::to_string(10000 + i) + "-talk"},
            {"link", "https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/" + std::to_string(10000 + i) + ".html"},
            {"description", "How systems run out of entropy, number " + std::to_string(i) + "."},
            {"original_language", "eng"}, {"persons", {"Ada Lovelace", "Speaker " + std::to_string(i)}},
            {"tags", {"36c3", "Security"}}, {"view_count", 1234}, {"promoted", false},
            {"date", "2019-12-27T11:00:00.000+01:00"}, {"release_date", "2019-12-27"},
            {"updated_at", "2020-01-10T12:00:00.000+01:00"}, {"length", 1800 + i}, {"duration", 1800 + i},
            {"thumb_url", "https://static.media.ccc.de/media/congress/2019/" + std::to_string(10000 + i) + "-hd.jpg"},
            {"poster_url", "https://static.media.ccc.de/media/congress/2019/" + std::to_string(10000 + i) + "-hd_preview.jpg"},
            {"timeline_url", "https://static.media.ccc.de/media/congress/2019/" + std::to_string(10000 + i) + ".timeline.jpg"},
            {"thumbnails_url", "https://static.media.ccc.de/media/congress/2019/" + std::to_string(10000 + i) + ".thumbnails.vtt"},
            {"frontend_link", "https://media.ccc.de/v/36c3-" + std::to_string(10000 + i) + "-talk"},
            {"url", event_url(i)}, {"conference_title", "36C3: Resource Exhaustion"},
            {"conference_url", conference_url()}, {"related", nlohmann::json::array()}};
  }

  std::filesystem::path dir_;
  std::string base_;
  std::string acronym_;
};

}  // namespace talkdex::test
