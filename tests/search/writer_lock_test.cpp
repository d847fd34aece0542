// The archive's writer lock in one process: a second writer is refused with ErrorCode::busy, naming the
// holder; the lock is free again once the holder goes.
#include <doctest/doctest.h>
#include <unistd.h>

#include "talkdex/writer_lock.h"
#include "test_support.h"

using namespace talkdex;

TEST_CASE("writer lock: a second writer gets ArchiveBusy with ErrorCode::busy and the holder's name") {
  test::TempDir dir;
  const auto file = dir / "lock";
  {
    WriterLock held(file, "index", WriterLock::Mode::kFailIfBusy);
    CHECK(WriterLock::held(file));
    try {
      WriterLock second(file, "rebuild", WriterLock::Mode::kFailIfBusy);
      FAIL("a second writer took a held lock");
    } catch (const ArchiveBusy& e) {
      CHECK(e.code() == ErrorCode::busy);
      CHECK(e.holder().pid == ::getpid());
      CHECK(e.holder().command == "index");
    }
  }
  CHECK_FALSE(WriterLock::held(file));
  WriterLock again(file, "rebuild", WriterLock::Mode::kFailIfBusy);
  CHECK(WriterLock::held(file));
}
