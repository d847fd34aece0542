// The server's routes, one file each, and what they share: errors with their status, the security
// headers, and the archive access.
#pragma once

#include <httplib.h>

#include <stdexcept>
#include <string>

#include "archive_access.h"

namespace talkdex::web {

// A request that cannot be answered as asked: its status and one line saying why.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// The Content-Security-Policy of every answer: the server's own files only, no inline script or style.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

// The handler run with errors turned into answers: HttpError and Unavailable (503) with their status,
// anything else 500; as JSON {"error": "..."} when `json`, else as an HTML page.
httplib::Server::Handler guarded(bool json, std::function<void(const httplib::Request&, httplib::Response&)> handler);
// An error answer, as guarded() writes it.
void write_error(httplib::Response& res, bool json, int status, const std::string& message);

void add_search_page(httplib::Server& server, ArchiveAccess& access);
void add_talk_page(httplib::Server& server, ArchiveAccess& access);
void add_api(httplib::Server& server, ArchiveAccess& access);
void add_media(httplib::Server& server, ArchiveAccess& access);
void add_static(httplib::Server& server);

// Answers for a talk "KEY@SHARD" of one of the archive's shards, from that shard's index: its page, or its
// JSON when `json`. False when `ref` names no shard (a talk of this archive). Throws HttpError 404 when
// the shard has no such talk, 502 when it does not answer.
bool answer_remote_talk(ArchiveAccess& access, const std::string& ref, bool json, httplib::Response& res);

// The talk named in a URL: its number, or its key. Throws HttpError 404 when there is none.
TalkRow talk_from_url(Store& store, const std::string& ref);

}  // namespace talkdex::web
