// talkdex serve: the archive in a browser (tools/web). Binds loopback unless told otherwise, prints the
// URL to open on stdout, and serves until Ctrl-C or SIGTERM, answering the requests in flight first.
// Signals are taken by one thread with sigwait (blocked in every other thread, the server's included), so
// stopping is an ordinary call, not work inside a signal handler.
#include <malloc.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <charconv>
#include <thread>

#include "cli.h"
#include "web_server.h"

namespace talkdex::cli {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  int threads = 8;
  int max_connections = 256;
  unsigned shard_timeout_ms = 5000;
  unsigned cache_mb = 16;
};

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:0" (any free port).
void parse_listen(const std::string& listen, web::ServeOptions& o) {
  size_t colon = listen.rfind(':');
  auto bad = [&] { return Error("--listen " + listen, "not HOST:PORT (127.0.0.1:8080, [::1]:8080; port 0 picks a free one)"); };
  if (colon == std::string::npos || colon == 0) throw bad();
  std::string host = listen.substr(0, colon), port = listen.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int p = -1;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
  if (ec != std::errc() || end != port.data() + port.size() || p < 0 || p > 65535) throw bad();
  o.host = host;
  o.port = p;
}

int run_serve(Context& ctx, const ServeArgs& args) {
  web::ServeOptions o;
  parse_listen(args.listen, o);
  o.archive = ctx.archive().folder();
  o.threads = args.threads;
  o.max_connections = args.max_connections;
  o.shard_timeout = std::chrono::milliseconds(args.shard_timeout_ms);
  o.cache_bytes = std::size_t{args.cache_mb} << 20;
  if (!ctx.archive().exists())
    throw Error(o.archive.string(), "no talkdex archive here (import something first, or pass --archive)");

  // A thread per connection: glibc would give up to 8 malloc arenas a core, each keeping its own freed
  // blocks, so that the same bytes are held many times over. Searches run two a core at once
  // (archive_access.h): as many arenas serve them without waiting on each other's locks.
  mallopt(M_ARENA_MAX, static_cast<int>(std::max(2u, 2 * std::thread::hardware_concurrency())));

  sigset_t stop_signals, previous;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
  struct RestoreMask {
    sigset_t mask;
    ~RestoreMask() { pthread_sigmask(SIG_SETMASK, &mask, nullptr); }
  } restore{previous};

  web::WebServer server(o);
  int port = server.bind();
  std::string host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  std::printf("http://%s:%d/\n", host.c_str(), port);
  std::fflush(stdout);
  std::fprintf(stderr, "talkdex: serving %s (Ctrl-C stops)\n", o.archive.string().c_str());
  if (o.host != "127.0.0.1" && o.host != "::1" && o.host != "localhost")
    warn(ctx, "listening on " + o.host + ": other machines can reach this server");

  std::atomic<bool> finished{false};
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    if (!finished) std::fprintf(stderr, "talkdex: stopping after the requests in flight\n");
    server.stop();
  });
  server.run();
  finished = true;
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter when the server ended on its own
  waiter.join();
  // A signal sent while the waiter was already gone stays pending: take it, so that restoring the mask
  // does not deliver it.
  timespec none{0, 0};
  while (sigtimedwait(&stop_signals, nullptr, &none) > 0) {
  }
  return kOk;
}

}  // namespace

Handler setup_serve(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<ServeArgs>();
  cmd.add_option("--listen", args->listen, "HOST:PORT to listen on (port 0: any free one)")->capture_default_str();
  add_bounded_option(cmd, "--threads", args->threads, "threads kept for connections", 1, 256);
  add_bounded_option(cmd, "--max-connections", args->max_connections,
                     "connections served at once (more wait)", 1, 4096);
  add_bounded_option(cmd, "--shard-timeout", args->shard_timeout_ms,
                     "milliseconds a remote shard may take to answer before a search leaves it out", 1u, 600000u);
  add_bounded_option(cmd, "--cache-mb", args->cache_mb,
                     "MiB of search answers kept for repeated queries (0: none)", 0u, 65536u);
  return [&ctx, args] { return run_serve(ctx, *args); };
}

}  // namespace talkdex::cli
