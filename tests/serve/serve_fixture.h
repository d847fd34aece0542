// The serve tests' fixture: an archive made by the real `talkdex` binary from a schedule.json written here
// and a recording made by the project's media generator, and `talkdex serve` started on it as a child
// process on a free 127.0.0.1 port (it prints its URL), spoken to with libcurl and with raw sockets.
#pragma once

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <doctest/doctest.h>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "mediagen.h"
#include "process.h"
#include "test_support.h"

namespace talkdex::test {

inline constexpr const char* kXssTitle = "<script>alert(1)</script>";
inline constexpr const char* kXssChapter = "\"><img src=x onerror=alert(1)>";

// One talk with a recording, its chapters (one of them hostile) and a transcript; one talk whose title is
// hostile; one more talk for the facets.
inline std::string serve_schedule_json() {
  nlohmann::json talk = {{"guid", "0b0c2d3e-4f50-4a61-8b72-93a4b5c6d7e8"}, {"id", 7}, {"code", "LOT"},
                         {"date", "2024-06-01T09:00:00-04:00"}, {"start", "09:00"}, {"duration", "00:40"},
                         {"room", "Hall A"}, {"slug", "tiny-7"}, {"url", "https://tiny.example/7"},
                         {"title", "Lottery tickets in deep networks"}, {"subtitle", nullptr}, {"track", nullptr},
                         {"type", "Talk"}, {"language", "en"}, {"abstract", "Sparse subnetworks that train well."},
                         {"description", nullptr}, {"persons", {{{"id", 1}, {"public_name", "Grace Hopper"}}}},
                         {"links", nlohmann::json::array()}, {"attachments", nlohmann::json::array()}};
  // The other two: the first with these fields changed (RFC 7386 merge patches).
  nlohmann::json evil = talk;
  evil.merge_patch({{"guid", "1b0c2d3e-4f50-4a61-8b72-93a4b5c6d7e9"}, {"id", 8}, {"code", "XSS"}, {"start", "10:00"},
                    {"date", "2024-06-01T10:00:00-04:00"}, {"title", kXssTitle},
                    {"abstract", "A title that tries to run a script."},
                    {"persons", {{{"id", 2}, {"public_name", "Mallory <b>Bold</b>"}}}},
                    {"links", {{{"url", "javascript:alert(1)"}, {"title", "Slides"}, {"type", "slides"}}}}});
  nlohmann::json third = talk;
  third.merge_patch({{"guid", "2b0c2d3e-4f50-4a61-8b72-93a4b5c6d7ea"}, {"id", 9}, {"code", "GRO"}, {"start", "11:00"},
                     {"date", "2024-06-01T11:00:00-04:00"}, {"title", "Grokking and the tickets of generalisation"},
                     {"type", "Keynote"}, {"persons", {{{"id", 3}, {"public_name", "Edsger Dijkstra"}}}}});
  nlohmann::json doc = {{"schedule",
                         {{"version", "1.0"},
                          {"conference",
                           {{"acronym", "tiny2024"}, {"title", "Tiny Conf"}, {"start", "2024-06-01"}, {"end", "2024-06-01"},
                            {"daysCount", 1}, {"timeslot_duration", "00:05"},
                            {"days", {{{"index", 1}, {"date", "2024-06-01"},
                                       {"day_start", "2024-06-01T08:00:00-04:00"},
                                       {"day_end", "2024-06-02T03:00:00-04:00"},
                                       {"rooms", {{"Hall A", {talk, evil, third}}}}}}}}}}}};
  return doc.dump(2);
}

// The answer to one HTTP request.
struct HttpAnswer {
  long status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

inline HttpAnswer http_get(const std::string& url, const std::vector<std::string>& request_headers = {}) {
  HttpAnswer a;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  REQUIRE(curl);
  curl_slist* list = nullptr;
  for (const auto& h : request_headers) list = curl_slist_append(list, h.c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(list, curl_slist_free_all);
  auto on_body = +[](char* p, size_t size, size_t n, void* out) {
    static_cast<std::string*>(out)->append(p, size * n);
    return size * n;
  };
  auto on_header = +[](char* p, size_t size, size_t n, void* out) {
    std::string line(p, size * n);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
      (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
    }
    return size * n;
  };
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &a.body);
  curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &a.headers);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 60L);
  CURLcode rc = curl_easy_perform(curl.get());
  INFO(url);
  REQUIRE(rc == CURLE_OK);
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &a.status);
  return a;
}

// A connected TCP socket to 127.0.0.1:port, closed when it goes.
class RawSocket {
 public:
  explicit RawSocket(int port) : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    REQUIRE(fd_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~RawSocket() { ::close(fd_); }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;
  bool send(const std::string& s) { return ::send(fd_, s.data(), s.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(s.size()); }
  // Everything until the server closes (or 30 s pass).
  std::string read_all() {
    std::string out;
    char buf[65536];
    for (;;) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 30000) <= 0) break;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  // True while the server has neither answered nor closed the connection.
  bool still_waiting() {
    char c;
    ssize_t n = ::recv(fd_, &c, 1, MSG_DONTWAIT | MSG_PEEK);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }

 private:
  int fd_;
};

// One raw request (request line as given, no normalisation by a client library); the status code, or 0
// when the server closed without answering.
inline int raw_status(int port, const std::string& request, std::string* answer = nullptr) {
  RawSocket s(port);
  s.send(request);
  std::string got = s.read_all();
  if (answer) *answer = got;
  if (got.rfind("HTTP/1.", 0) != 0 || got.size() < 12) return 0;
  return std::stoi(got.substr(9, 3));
}

// `talkdex serve` on an archive, as a child process; SIGTERM when it goes, and its exit code checked.
class ServerProcess {
 public:
  ServerProcess(const std::string& archive, std::vector<std::string> extra = {}) {
    int out[2];
    REQUIRE(::pipe(out) == 0);
    std::vector<std::string> args = {TALKDEX_EXE, "--archive", archive, "serve", "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      ::close(out[0]);
      ::close(out[1]);
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    INFO("talkdex serve printed: " << line);
    REQUIRE(line.rfind("http://127.0.0.1:", 0) == 0);
    url_ = line.substr(0, line.size() - 1);  // without the closing slash
    port_ = std::stoi(line.substr(17));
  }
  ~ServerProcess() {
    if (pid_ > 0) stop();
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  const std::string& url() const { return url_; }
  int port() const { return port_; }
  HttpAnswer get(const std::string& path, const std::vector<std::string>& headers = {}) const {
    return http_get(url_ + path, headers);
  }
  // SIGTERM; the exit code (-1 when it had to be killed after 30 s).
  int stop() {
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 300; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return -1;
  }

 private:
  pid_t pid_ = -1;
  std::string url_;
  int port_ = 0;
};

// The archive of the serve tests, made with the real binary.
struct ServeArchive {
  TempDir dir;
  std::string archive = (dir.path() / "archive").string();
  std::string recording = (dir.path() / "lottery.mp4").string();
  std::string lottery_id, xss_id;

  explicit ServeArchive(bool with_recording = true) {
    write_file(dir / "schedule.json", serve_schedule_json());
    auto imp = run({"import", (dir / "schedule.json").string()});
    INFO(imp.err);
    REQUIRE(imp.exit_code == 0);
    lottery_id = talk_id("title:lottery");
    xss_id = talk_id("title:alert");
    if (!with_recording) return;
    mediagen::MediaSpec spec;
    spec.path = recording;
    spec.duration = 30;
    spec.width = 160;
    spec.height = 120;
    spec.fps = 5;
    spec.gop = 5;
    spec.chapters = {{0, 10, "Welcome"}, {10, 20, kXssChapter}, {20, 30, "Supermask results"}};
    spec.cues = {{2, 6, "good morning and welcome"}, {21, 25, "the supermask reaches forty percent accuracy"}};
    REQUIRE(mediagen::generate_media(spec).ok());
    auto rec = run({"import", "--talk", lottery_id, recording});
    INFO(rec.err);
    REQUIRE(rec.exit_code == 0);
  }
  ProcessResult run(std::vector<std::string> args) const {
    args.insert(args.begin(), {TALKDEX_EXE, "--archive", archive});
    return run_process(args);
  }
  nlohmann::json json(std::vector<std::string> args) const {
    auto r = run(std::move(args));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(r.out);
  }
  std::string talk_id(const std::string& query) const {
    auto hits = json({"search", "--json", query})["hits"];
    REQUIRE(hits.size() >= 1);
    return std::to_string(hits[0]["talk_id"].get<long long>());
  }
};

}  // namespace talkdex::test
