#include "talkdex/error.h"

namespace talkdex {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::not_found: return "not found";
    case ErrorCode::busy: return "busy";
    case ErrorCode::invalid_input: return "invalid input";
    case ErrorCode::io: return "I/O";
    case ErrorCode::other: break;
  }
  return "other";
}

}  // namespace talkdex
