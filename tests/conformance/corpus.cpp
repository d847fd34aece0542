#include "corpus.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "test_support.h"

namespace talkdex::test {
namespace {

std::filesystem::path folder(const char* variable, const char* beside_project) {
  if (const char* env = std::getenv(variable); env && *env) return env;
  return source_dir().parent_path() / "shared" / beside_project;
}

// The file, or (when it is absent) a skip of the whole test case, or a failure where the corpus is required.
std::filesystem::path third_party_file(const char* variable, const char* beside_project, const std::string& relative) {
  auto base = folder(variable, beside_project);
  auto path = base / relative;
  if (std::filesystem::is_regular_file(path)) return path;
  std::string why = path.string() + " is missing (" + variable + " names the folder to read it from)";
  if (const char* required = std::getenv("TALKDEX_REQUIRE_CORPUS"); required && *required) {
    FAIL("TALKDEX_REQUIRE_CORPUS is set and " << why);
  }
  std::cout << "skipped: " << why << std::endl;
  std::fflush(nullptr);
  std::_Exit(kSkipExitCode);
}

}  // namespace

std::filesystem::path corpus_file(const std::string& relative) {
  return third_party_file("TALKDEX_CORPUS", "corpus", relative);
}

std::filesystem::path seed_page() { return third_party_file("TALKDEX_SEEDS", "seeds", "000_c1033acf4e001c6f.txt"); }

}  // namespace talkdex::test
