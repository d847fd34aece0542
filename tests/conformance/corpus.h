// The conformance suite's access to third-party files: the corpus (../shared/corpus, or TALKDEX_CORPUS)
// and the seed page (../shared/seeds, or TALKDEX_SEEDS).
//
// These files are not part of the project, so a clone may not have them. When one is missing, the test
// case that asked for it prints one line naming the file and how to provide it, and the process exits
// with kSkipExitCode, which CTest reports as skipped (SKIP_RETURN_CODE). With TALKDEX_REQUIRE_CORPUS set
// (as .ci/run sets it), a missing file fails the test instead, so CI cannot pass without running them.
#pragma once

#include <filesystem>
#include <string>

namespace talkdex::test {

inline constexpr int kSkipExitCode = 77;

// A file of the corpus, e.g. "schedules/frab/froscon2013-schedule.xml".
std::filesystem::path corpus_file(const std::string& relative);
// The seed workshop page, 000_c1033acf4e001c6f.txt.
std::filesystem::path seed_page();

}  // namespace talkdex::test
