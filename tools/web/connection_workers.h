// The threads that serve connections: `keep` of them from the start, more as connections arrive while
// all are busy, up to `max`. A connection holds its thread while it sends its request and while it is
// kept alive, so a slow client (slowloris) holds one thread, not the server: the others get their own.
// Past `max` connections wait in a queue. shutdown() lets every queued and running connection finish
// (the server stops accepting first), then joins the threads.
#pragma once

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace talkdex::web {

class ConnectionWorkers : public httplib::TaskQueue {
 public:
  ConnectionWorkers(size_t keep, size_t max);
  ~ConnectionWorkers() override;

  void enqueue(std::function<void()> job) override;
  void shutdown() override;

 private:
  void work();

  size_t max_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t idle_ = 0;
  bool stopping_ = false;
};

}  // namespace talkdex::web
