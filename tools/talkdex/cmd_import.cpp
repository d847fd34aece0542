// talkdex import PATH...: each input is read, parsed and written on its own; one failing input does not
// stop the others, and the exit code says whether any failed.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli.h"
#include "talkdex/importer.h"
#include "talkdex/input_kind.h"

namespace talkdex::cli {
namespace {

struct ImportArgs {
  std::vector<std::string> paths;
  std::string kind;
  std::optional<int> year;
  bool json = false;
  bool wait = false;
};

int run_import(Context& ctx, const ImportArgs& args) {
  ImportOptions options;
  if (!args.kind.empty()) options.kind = kind_from_name(args.kind);
  options.year = args.year;

  WriterLock lock = lock_archive(ctx, "import", args.wait);
  Store store = ctx.open_store(true);
  Importer importer(store, options);
  int failed = 0;
  bool changed = false;
  nlohmann::json report = nlohmann::json::array();
  for (const auto& path : args.paths) {
    ImportOutcome o = importer.import(path);
    for (const auto& w : o.warnings) warn(ctx, path + ": " + w);
    std::string kind = o.kind ? std::string(kind_name(*o.kind)) : "";
    if (!o.ok()) {
      ++failed;
      error(ctx, o.failure->message());
    } else if (!args.json) {
      std::printf("%s %s (%s): %s\n", ctx.out.green("imported").c_str(), path.c_str(), kind.c_str(), o.summary.c_str());
    }
    changed = changed || o.changed;
    report.push_back({{"item", path},
                      {"kind", kind.empty() ? nlohmann::json() : nlohmann::json(kind)},
                      {"ok", o.ok()},
                      {"error", o.ok() ? nlohmann::json() : nlohmann::json(o.failure->message())},
                      {"warnings", o.warnings},
                      {"summary", o.summary}});
  }
  Archive archive = ctx.archive();
  if (changed || !archive.has_index()) {
    IndexStats s = archive.update(store);
    if (!args.json && s.changed())
      std::printf("index: %lld documents written, %lld deleted\n", static_cast<long long>(s.documents_written),
                  static_cast<long long>(s.documents_deleted));
  }
  if (args.json) std::printf("%s\n", report.dump(2).c_str());
  return failed ? kFailed : kOk;
}

}  // namespace

Handler setup_import(CLI::App& cmd, Context& ctx) {
  auto args = std::make_shared<ImportArgs>();
  cmd.add_option("paths", args->paths, "files to import (the kind is told from the content)")->required();
  cmd.add_option("--kind", args->kind, "read the inputs as this kind")
      ->check(CLI::IsMember(kind_names()));
  cmd.add_option("--year", args->year, "the year of pages that give dates without one")->check(CLI::Range(1900, 2200));
  cmd.add_flag("--json", args->json, "print a JSON report on stdout");
  cmd.add_flag("--wait", args->wait, "wait for another writer to finish instead of exiting with code 4");
  return [&ctx, args] { return run_import(ctx, *args); };
}

}  // namespace talkdex::cli
