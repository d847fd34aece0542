// Helpers shared by the test suites: temporary folders, file I/O, the shared corpus and the seed.
#pragma once

#include <filesystem>
#include <string>

namespace talkdex::test {

// A fresh folder under the system temp dir, removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& content);

// The project's source folder, and ../shared beside it (seeds and the third-party corpus).
std::filesystem::path source_dir();
std::filesystem::path shared_dir();
// A file of ../shared/corpus; the test fails with a clear message when the corpus is absent.
std::filesystem::path corpus_file(const std::string& relative);
// ../shared/seeds/000_c1033acf4e001c6f.txt
std::filesystem::path seed_page();

}  // namespace talkdex::test
