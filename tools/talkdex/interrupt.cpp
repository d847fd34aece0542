#include "interrupt.h"

#include <atomic>

namespace talkdex::cli {
namespace {

std::atomic<int> g_interrupts{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void on_interrupt(int signal) {
  if (g_interrupts.fetch_add(1) >= 1) {
    // The second Ctrl-C: the user wants out now.
    std::signal(signal, SIG_DFL);
    std::raise(signal);
  }
}

}  // namespace

InterruptWatch::InterruptWatch() {
  g_interrupts = 0;
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  // Restarted, not failed with EINTR: a write to a full pipe (`talkdex index | less`) or a read in a
  // library must not lose data because Ctrl-C came; the flag is polled between steps anyway.
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
}

InterruptWatch::~InterruptWatch() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

bool InterruptWatch::requested() { return g_interrupts.load() > 0; }

}  // namespace talkdex::cli
