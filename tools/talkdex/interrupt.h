// Ctrl-C during long commands (detect, align): while an InterruptWatch lives, SIGINT and SIGTERM only set
// a flag that the command polls between steps, so it can stop cleanly, with the store and index as they
// were; a second Ctrl-C ends the process at once. The previous handlers come back when it goes.
// The flag is the one piece of process-wide state the command keeps: a signal handler can reach no other.
#pragma once

#include <csignal>

namespace talkdex::cli {

class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  static bool requested();

 private:
  struct sigaction old_int_{}, old_term_{};
};

// A command stopped this way exits with kInterrupted (130, cli.h), as shells report SIGINT.

}  // namespace talkdex::cli
