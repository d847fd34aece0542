// The server's pool of Searchers (tools/web/archive_access.h, Pool): at most so many lent at once, and
// those who wait are served in the order they came.
#include <doctest/doctest.h>

#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "archive_access.h"

using talkdex::web::Pool;

namespace {

void wait_until(const std::function<bool()>& done) {
  for (int i = 0; i < 5000 && !done(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  REQUIRE(done());
}

}  // namespace

TEST_CASE("a pool lends at most its bound and serves the waiters first come, first served") {
  Pool<int> pool(1);
  int made = 0;
  auto make = [&made] { return std::make_unique<int>(++made); };
  auto held = pool.take(make);
  CHECK(*held == 1);

  std::mutex order_mutex;
  std::vector<int> order;
  std::vector<std::thread> waiters;
  for (int who = 1; who <= 4; ++who) {
    waiters.emplace_back([&, who] {
      auto lease = pool.take(make);
      std::lock_guard lock(order_mutex);
      order.push_back(who);
    });
    // The next comes only once this one waits: the order they came in is known.
    wait_until([&] { return pool.waiting() == static_cast<std::size_t>(who); });
  }
  CHECK(order.empty());  // none got past the bound while one was lent
  held.reset();
  for (auto& t : waiters) t.join();
  CHECK(order == std::vector<int>{1, 2, 3, 4});
  CHECK(made == 1);  // the one object went from each to the next
  CHECK(pool.waiting() == 0);
  auto again = pool.take(make);  // nothing left counted out
  CHECK(*again == 1);
}

TEST_CASE("a pool whose make fails gives the place back") {
  Pool<int> pool(1);
  CHECK_THROWS(pool.take([]() -> std::unique_ptr<int> { throw std::runtime_error("cannot open"); }));
  auto lease = pool.take([] { return std::make_unique<int>(7); });
  CHECK(*lease == 7);
}
