#include "web_server.h"

#include <fmt/format.h>
#include <sys/socket.h>

#include <thread>

#include <nlohmann/json.hpp>

#include "connection_workers.h"
#include "html.h"
#include "routes.h"
#include "talkdex/error.h"

namespace talkdex::web {

namespace {

constexpr std::size_t kMaxHeaderLines = 100;
constexpr std::size_t kMaxHeaderBytes = 32 * 1024;

const char* reason(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 416: return "Range Not Satisfiable";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Server Error" : "Error";
  }
}

}  // namespace

struct WebServer::Impl {
  ServeOptions options;
  ArchiveAccess access;
  httplib::Server server;

  explicit Impl(ServeOptions o)
      : options(std::move(o)), access(options.archive, access_options(options)) {}

  static AccessOptions access_options(const ServeOptions& o) {
    AccessOptions a;
    a.searcher.remote_timeout = o.shard_timeout;
    a.searcher.group_in_memory = true;  // a server's Searchers are kept: the talks are read once a revision
    a.cache_bytes = o.cache_bytes;
    // Searches are work for the cores: more at once than there are would only share them, each with
    // its own Searcher and Xapian's blocks in memory. Two per core keep one ready while another waits on
    // the disk or a shard.
    a.search_slots = std::max(2u, 2 * std::thread::hardware_concurrency());
    return a;
  }
};

void write_error(httplib::Response& res, bool json, int status, const std::string& message) {
  res.status = status;
  if (json) {
    res.set_content(nlohmann::json{{"error", message}, {"status", status}}.dump(-1, ' ', false,
                                                                                 nlohmann::json::error_handler_t::replace),
                    "application/json");
  } else {
    std::string body = "<section class=\"error\"><h1>" + std::to_string(status) + " " +
                       html_escape(reason(status)) + "</h1><p>" + html_escape(message) +
                       "</p><p><a href=\"/\">Search the archive</a></p></section>";
    res.set_content(render_page({"talkdex: " + std::to_string(status), "", body, false}), "text/html; charset=utf-8");
  }
}

httplib::Server::Handler guarded(bool json, std::function<void(const httplib::Request&, httplib::Response&)> handler) {
  return [json, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    try {
      handler(req, res);
    } catch (const HttpError& e) {
      write_error(res, json, e.status(), e.what());
    } catch (const Unavailable& e) {
      res.set_header("Retry-After", "5");
      write_error(res, json, 503, e.what());
    } catch (const std::exception& e) {
      write_error(res, json, 500, e.what());
    }
  };
}

TalkRow talk_from_url(Store& store, const std::string& ref) {
  std::optional<TalkRow> talk;
  if (!ref.empty() && ref.size() < 19 && ref.find_first_not_of("0123456789") == std::string::npos)
    talk = store.talk(std::stoll(ref));
  if (!talk) talk = store.talk_by_key(ref);
  if (!talk) throw HttpError(404, "talk " + ref + ": no such talk");
  return *talk;
}

WebServer::WebServer(ServeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  auto& s = impl_->server;
  size_t keep = static_cast<size_t>(std::max(1, impl_->options.threads));
  size_t max = static_cast<size_t>(std::max(impl_->options.max_connections, impl_->options.threads));
  s.new_task_queue = [keep, max] { return new ConnectionWorkers(keep, max); };
  // A request must arrive within a few seconds of silence; bodies are refused (the server is read-only).
  s.set_read_timeout(5, 0);
  s.set_write_timeout(30, 0);
  s.set_keep_alive_timeout(5);
  s.set_keep_alive_max_count(1000);
  s.set_payload_max_length(64 * 1024);
  s.set_tcp_nodelay(true);
  // SO_REUSEADDR only: cpp-httplib's default adds SO_REUSEPORT, with which a second server would bind
  // the same port and share its connections instead of failing.
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  s.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                         {"X-Content-Type-Options", "nosniff"},
                         {"Referrer-Policy", "no-referrer"},
                         {"X-Frame-Options", "DENY"}});
  // Limits past cpp-httplib's own (8 KiB a line): how many header lines and bytes, and read-only methods.
  s.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    bool json = req.path.rfind("/api/", 0) == 0;
    std::size_t bytes = 0;
    for (const auto& [name, value] : req.headers) bytes += name.size() + value.size() + 4;
    if (req.headers.size() > kMaxHeaderLines || bytes > kMaxHeaderBytes) {
      write_error(res, json, 431, fmt::format("{} header lines of {} bytes: at most {} lines of {} bytes in all",
                                              req.headers.size(), bytes, kMaxHeaderLines, kMaxHeaderBytes));
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      write_error(res, json, 405, req.method + ": this server is read-only (GET and HEAD)");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  add_search_page(s, impl_->access);
  add_talk_page(s, impl_->access);
  add_api(s, impl_->access);
  add_media(s, impl_->access);
  add_static(s);
  // Whatever no route answered (or answered with an empty error): one error in the route's language.
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    bool json = req.path.rfind("/api/", 0) == 0;
    std::string why = res.status == 404 ? "nothing here" : reason(res.status);
    write_error(res, json, res.status, why);
  });
}

WebServer::~WebServer() { stop(); }

int WebServer::bind() {
  const auto& o = impl_->options;
  std::string where = o.host + ":" + std::to_string(o.port);
  if (o.port == 0) {
    int port = impl_->server.bind_to_any_port(o.host);
    if (port < 0) throw Error("listen " + where, "cannot bind this address");
    return port;
  }
  if (!impl_->server.bind_to_port(o.host, o.port))
    throw Error("listen " + where, "cannot bind this address (in use, or not an address of this machine)");
  return o.port;
}

void WebServer::run() { impl_->server.listen_after_bind(); }

void WebServer::stop() { impl_->server.stop(); }

}  // namespace talkdex::web
