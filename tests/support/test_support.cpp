#include "test_support.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <random>
#include <sstream>

namespace talkdex::test {

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = std::filesystem::temp_directory_path() /
                     ("talkdex-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::filesystem::path& p, const std::string& content) {
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

std::filesystem::path source_dir() { return TALKDEX_SOURCE_DIR; }

std::filesystem::path sample_page() { return source_dir() / "data" / "icml2019-deep-phenomena.html"; }

namespace {

void check_named(const std::map<std::string, const std::string*>& fields, const ExpectedFields& want) {
  for (const auto& expected : want) {
    const std::string& field = expected.first;
    INFO("field " << field);
    auto it = fields.find(field);
    REQUIRE(it != fields.end());
    CHECK(*it->second == expected.second);
  }
}

}  // namespace

void check_fields(const TalkInfo& t, const ExpectedFields& want) {
  check_named({{"key", &t.key}, {"title", &t.title}, {"subtitle", &t.subtitle}, {"kind", &t.kind},
               {"start", &t.start}, {"end", &t.end}, {"abstract", &t.abstract}, {"url", &t.url}, {"room", &t.room},
               {"track", &t.track}, {"language", &t.language}, {"schedule_id", &t.schedule_id}, {"slug", &t.slug}},
              want);
}

void check_fields(const EventInfo& e, const ExpectedFields& want) {
  check_named({{"key", &e.key}, {"title", &e.title}, {"kind", &e.kind}, {"venue", &e.venue}, {"room", &e.room},
               {"date", &e.date}, {"start", &e.start}, {"end", &e.end}, {"abstract", &e.abstract}, {"url", &e.url}},
              want);
}

}  // namespace talkdex::test
