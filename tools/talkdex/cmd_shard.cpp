// talkdex shard serve | replica: this machine's part in a sharded archive, with Xapian's own servers.
//
//   shard serve   serves the archive's current index with xapian-tcpsrv (fronts search it as a shard),
//                 following each `rebuild`'s switch; with --replication-port also xapian-replicate-server,
//                 from which replicas copy the index.
//   shard replica keeps a read replica of a shard's index in a folder with xapian-replicate (changesets
//                 after an `index`, a full copy after a `rebuild`) and serves it with xapian-tcpsrv.
// Both run until Ctrl-C or SIGTERM and stop every program they started.
#include <fmt/format.h>

#include <charconv>

#include "cli.h"
#include "shard_supervisor.h"
#include "talkdex/shards.h"

namespace talkdex::cli {
namespace {

// "HOST:PORT" (or "tcp://HOST:PORT").
Result<ShardAddress> parse_listen(const std::string& text, const char* option) {
  std::string address = text.rfind("tcp://", 0) == 0 ? text : "tcp://" + text;
  auto parsed = parse_shard_address(address);
  if (!parsed) return Failure{std::string(option) + " " + text, "give HOST:PORT, as 127.0.0.1:7001",
      ErrorCode::invalid_input};
  return *parsed;
}

std::string tcp(const ShardAddress& a) { return fmt::format("tcp://{}:{}", a.host, a.port); }

ServedProgram tcpsrv(const ShardAddress& at, const std::filesystem::path& database, const std::filesystem::path& follows,
                     const std::string& what) {
  ServedProgram p;
  p.what = fmt::format("xapian-tcpsrv serving {} on {}", what, tcp(at));
  // The stub, not the folder it names: each connection opens the index current when it comes.
  p.argv = {"xapian-tcpsrv", "--port", std::to_string(at.port), "--interface", at.host, "--quiet", database.string()};
  p.host = at.host;
  p.port = at.port;
  p.follows = follows;
  return p;
}

}  // namespace

Handler setup_shard(CLI::App& cmd, Context& ctx) {
  struct Args {
    std::string listen = "127.0.0.1:7001";
    unsigned replication_port = 0;
    std::string primary, folder;
    unsigned interval = 10;
  };
  auto args = std::make_shared<Args>();
  cmd.require_subcommand(1);
  auto* serve = cmd.add_subcommand("serve", "serve this archive's index to fronts with xapian-tcpsrv");
  serve->add_option("--listen", args->listen, "HOST:PORT to serve on")->capture_default_str();
  serve->add_option("--replication-port", args->replication_port,
                    "also run xapian-replicate-server on this port (same host), for replicas")
      ->check(CLI::Range(1, 65535));
  auto* replica = cmd.add_subcommand("replica", "keep a replica of a shard's index and serve it");
  replica->add_option("primary", args->primary, "HOST:PORT of the shard's --replication-port")->required();
  replica->add_option("folder", args->folder, "where the replica is kept (created)")->required();
  replica->add_option("--listen", args->listen, "HOST:PORT to serve the replica on")->capture_default_str();
  replica->add_option("--interval", args->interval, "seconds between asks for changes")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();

  return [&ctx, args, serve]() -> int {
    auto listen_at = parse_listen(args->listen, "--listen");
    if (!listen_at) {
      error(ctx, listen_at.failure().message());
      return kUsage;
    }
    ShardAddress listen = *listen_at;
    std::vector<ServedProgram> programs;
    if (serve->parsed()) {
      Archive archive = ctx.archive();
      if (!archive.has_index())
        throw Error(archive.folder().string(), "no index to serve (talkdex import or rebuild first)");
      programs.push_back(tcpsrv(listen, archive.index_stub(), archive.index_stub(), archive.folder().string()));
      if (args->replication_port) {
        ServedProgram r;
        ShardAddress at{listen.host, args->replication_port};
        // It serves the databases under the archive folder; a replica asks for "index.stub" (Xapian reads
        // the stub, and sends a whole copy when the index behind it is another one).
        r.what = fmt::format("xapian-replicate-server offering {} on {}", archive.index_stub().string(), tcp(at));
        r.argv = {"xapian-replicate-server", "--interface=" + at.host, "--port=" + std::to_string(at.port),
                  archive.folder().string()};
        // Not probed for readiness (port 0 below): it takes a probe's connection for a replica that
        // went away and says so; its failure to start shows as its ending at once.
        programs.push_back(std::move(r));
      }
    } else {
      auto primary_at = parse_listen(args->primary, "primary");
      if (!primary_at) {
        error(ctx, primary_at.failure().message());
        return kUsage;
      }
      ShardAddress primary = *primary_at;
      std::filesystem::path folder = std::filesystem::absolute(args->folder);
      ServedProgram copy;
      copy.what = fmt::format("xapian-replicate copying {} into {}", tcp(primary), folder.string());
      // -r 0: changesets are applied as they come; the served replica is switched by the stub
      // xapian-replicate keeps (folder/XAPIANDB), which the server below follows.
      copy.argv = {"xapian-replicate", "--host=" + primary.host, "--port=" + std::to_string(primary.port),
                   "--master=index.stub", "--interval=" + std::to_string(args->interval), "--reader-time=0",
                   "--quiet", folder.string()};
      programs.push_back(std::move(copy));
      ServedProgram served = tcpsrv(listen, folder, folder / "XAPIANDB", "the replica in " + folder.string());
      served.needs = folder / "XAPIANDB";
      programs.push_back(std::move(served));
    }
    return Supervisor(std::move(programs)).run();
  };
}

}  // namespace talkdex::cli
