#include "stub_stamp.h"

#include <sys/stat.h>

namespace talkdex {

std::optional<StubStamp> stub_stamp(const std::string& spec) {
  struct stat st {};
  if (spec.rfind("tcp://", 0) == 0 || ::stat(spec.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return StubStamp{st.st_dev, st.st_ino, static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1000000000 + st.st_ctim.tv_nsec};
}

}  // namespace talkdex
