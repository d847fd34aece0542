#include "connection_workers.h"

#include <algorithm>

namespace talkdex::web {

ConnectionWorkers::ConnectionWorkers(size_t keep, size_t max) : max_(std::max<size_t>({max, keep, 1})) {
  std::lock_guard lock(mutex_);
  for (size_t i = 0; i < std::max<size_t>(keep, 1); ++i) threads_.emplace_back([this] { work(); });
}

ConnectionWorkers::~ConnectionWorkers() { shutdown(); }

void ConnectionWorkers::enqueue(std::function<void()> job) {
  std::lock_guard lock(mutex_);
  if (stopping_) return;
  jobs_.push_back(std::move(job));
  if (jobs_.size() > idle_ && threads_.size() < max_) threads_.emplace_back([this] { work(); });
  wake_.notify_one();
}

void ConnectionWorkers::shutdown() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    threads.swap(threads_);
  }
  wake_.notify_all();
  for (auto& t : threads)
    if (t.joinable()) t.join();
}

void ConnectionWorkers::work() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      ++idle_;
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      --idle_;
      if (jobs_.empty()) return;  // stopping, and nothing left to finish
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job();
  }
}

}  // namespace talkdex::web
