#!/usr/bin/env python3
"""A local HTTP server for the fetching tests and benchmark (tests/support/http_fixture.h starts it).

Listens on 127.0.0.1, port given as argv[1] (0 = any free port), prints the port on stdout, then
serves until killed or until its stdin reaches end of file (so that it never outlives the test
process that started it, even when that one crashes). Every request is counted by its path
(without the query string); the first path segment picks the behaviour, the rest only names the
resource so that each test can use paths of its own:

  /ok/NAME                  200 text/plain "body of /ok/NAME"
  /cached/NAME              200 with an ETag and a Last-Modified; 304 when If-None-Match matches
                            the ETag or If-Modified-Since is not older than Last-Modified
  /throttle/CODE/WAIT/NAME  CODE (429 or 503) with "Retry-After: WAIT" on the first request, then 200;
                            WAIT "date" sends an HTTP date one second ahead instead of seconds
  /always-500/NAME          500 every time
  /flaky/N/NAME             500 for the first N requests, then 200
  /slow/NAME                200 whose body trickles at ~50 bytes/s
  /reset/NAME               reads the request, then resets the connection (TCP RST)
  /loop/NAME                302 to itself, forever
  /to-file/NAME             302 to file:///etc/passwd
  /hop/NAME                 301 to /ok/NAME
  /big/BYTES/NAME           200 with a body of BYTES bytes and a Content-Length
  /big-chunked/BYTES/NAME   the same body chunked, so no length is announced
  /html/NAME, /json/NAME, /xml/NAME   200 with that content type
  /status/CODE/NAME         CODE with a short text body
  /file/ABSOLUTE/PATH       that file of this machine (for tests that serve what they wrote), with an ETag
                            of its content and 304 on a matching If-None-Match; the type by extension
  ...?delay_ms=D            any route, answered after D milliseconds
  /_count?path=PATH         how many requests PATH has had (text/plain number; not counted itself)
  /_total                   how many requests there were in all (the routes above)
  /_conditional             how many requests, of every path, carried If-None-Match or If-Modified-Since
  /_reset                   forgets every count
"""

import collections
import email.utils
import http.server
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse
import zlib

LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT"
LAST_MODIFIED_EPOCH = email.utils.parsedate_to_datetime(LAST_MODIFIED).timestamp()

counts = collections.Counter()
conditional = [0]
total = [0]
counts_lock = threading.Lock()


def etag_of(path):
    return '"v1-%08x"' % zlib.crc32(path.encode())


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
    # Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm holds the body
    # back until the client's delayed ACK, some 40 ms per response.
    disable_nagle_algorithm = True

    def log_message(self, format, *args):
        pass

    def send(self, code, body=b"", content_type="text/plain", headers=()):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        if code != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if code != 304:
            self.wfile.write(body)

    def count(self, path):
        with counts_lock:
            counts[path] += 1
            return counts[path]

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        if path == "/_count":
            wanted = urllib.parse.parse_qs(url.query).get("path", [""])[0]
            with counts_lock:
                n = counts[wanted]
            return self.send(200, str(n))
        if path == "/_total":
            with counts_lock:
                return self.send(200, str(total[0]))
        if path == "/_conditional":
            with counts_lock:
                return self.send(200, str(conditional[0]))
        if path == "/_reset":
            with counts_lock:
                counts.clear()
                conditional[0] = 0
                total[0] = 0
            return self.send(200, "reset")
        n = self.count(path)
        with counts_lock:
            total[0] += 1
        if self.headers.get("If-None-Match") is not None or self.headers.get("If-Modified-Since") is not None:
            with counts_lock:
                conditional[0] += 1
        delay_ms = urllib.parse.parse_qs(url.query).get("delay_ms", ["0"])[0]
        if int(delay_ms) > 0:
            time.sleep(int(delay_ms) / 1000)  # a distant server's round trip
        parts = path.split("/")[1:]
        route = parts[0] if parts else ""
        handler = getattr(self, "route_" + route.replace("-", "_"), None)
        if handler is None:
            return self.send(404, "no route " + path)
        return handler(path, parts, n)

    def route_ok(self, path, parts, n):
        self.send(200, "body of " + path)

    def route_cached(self, path, parts, n):
        validators = [("ETag", etag_of(path)), ("Last-Modified", LAST_MODIFIED)]
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None:
            if etag_of(path) in [tag.strip() for tag in inm.split(",")]:
                return self.send(304, headers=validators)
        elif ims is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                since = None
            if since is not None and since >= LAST_MODIFIED_EPOCH:
                return self.send(304, headers=validators)
        self.send(200, "cached body of " + path, headers=validators)

    def route_throttle(self, path, parts, n):
        code, wait = int(parts[1]), parts[2]
        if n == 1:
            if wait == "date":
                wait = email.utils.formatdate(time.time() + 1, usegmt=True)
            return self.send(code, "slow down", headers=[("Retry-After", wait)])
        self.send(200, "body of " + path)

    def route_always_500(self, path, parts, n):
        self.send(500, "broken")

    def route_flaky(self, path, parts, n):
        if n <= int(parts[1]):
            return self.send(500, "broken for now")
        self.send(200, "body of " + path)

    def route_slow(self, path, parts, n):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2000")  # under the tests' body limit
        self.end_headers()
        try:
            for _ in range(400):  # 40 s for the 2000 bytes, long after any client gave up
                self.wfile.write(b"x" * 5)
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass
        self.close_connection = True

    def route_reset(self, path, parts, n):
        # SO_LINGER with a zero timeout makes close() send an RST instead of a FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def route_loop(self, path, parts, n):
        self.send(302, headers=[("Location", path)])

    def route_to_file(self, path, parts, n):
        self.send(302, headers=[("Location", "file:///etc/passwd")])

    def route_hop(self, path, parts, n):
        self.send(301, headers=[("Location", "/ok/" + "/".join(parts[1:]))])

    def route_big(self, path, parts, n):
        self.send(200, b"b" * int(parts[1]))

    def route_big_chunked(self, path, parts, n):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        left = int(parts[1])
        try:
            while left > 0:
                size = min(left, 16384)
                self.wfile.write(b"%x\r\n" % size + b"c" * size + b"\r\n")
                left -= size
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True

    def route_html(self, path, parts, n):
        self.send(200, "<!doctype html><html><body>Please log in</body></html>", "text/html; charset=utf-8")

    def route_json(self, path, parts, n):
        self.send(200, '{"schedule": {}}', "application/json")

    def route_xml(self, path, parts, n):
        self.send(200, "<schedule/>", "application/xml")

    def route_file(self, path, parts, n):
        name = "/" + "/".join(parts[1:])
        try:
            with open(name, "rb") as f:
                body = f.read()
        except OSError:
            return self.send(404, "no file " + name)
        types = {".xml": "application/xml", ".json": "application/json", ".html": "text/html; charset=utf-8",
                 ".vtt": "text/vtt", ".srt": "application/x-subrip"}
        content_type = types.get(os.path.splitext(name)[1], "text/plain; charset=utf-8")
        etag = '"f-%08x"' % zlib.crc32(body)
        if self.headers.get("If-None-Match") == etag:
            return self.send(304, headers=[("ETag", etag)])
        self.send(200, body, content_type, headers=[("ETag", etag)])

    def route_status(self, path, parts, n):
        self.send(int(parts[1]), "status " + parts[1])

    def finish(self):
        try:
            super().finish()
        except OSError:
            pass  # the reset route closed the socket under us


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        pass  # clients that give up (timeouts, size limits) are part of the tests


def exit_at_end_of_stdin():
    sys.stdin.read()
    os._exit(0)


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = Server(("127.0.0.1", port), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=exit_at_end_of_stdin, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
