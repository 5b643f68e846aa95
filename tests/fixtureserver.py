"""A local web server (127.0.0.1 only) that plays the news sites in tests.

Static files come from ``tests/fixtures/site/`` (``/yonhap/feed.xml`` serves
``site/yonhap/feed.xml``). Tests add programmable routes for the awkward
cases (status codes, headers, delays, resets, redirects) with :meth:`route`.
Every request is recorded in :attr:`requests` so tests can assert what was
asked (conditional headers, robots.txt, retries).
"""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

SITE_DIR = Path(__file__).parent / "fixtures" / "site"

TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass
class Response:
    status: int = 200
    body: bytes | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow or hanging host)
    reset: bool = False  # close the connection without an answer
    truncate: bool = False  # announce a longer body than is sent


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    time: float


# A route is a fixed Response, a list of Responses served in turn (the last
# one repeats), or a callable taking the request headers.
Route = Response | list[Response] | Callable[[dict[str, str]], Response]


class FixtureServer:
    def __init__(self, site_dir: Path = SITE_DIR) -> None:
        self.site_dir = site_dir
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        handler = _make_handler(self)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> "FixtureServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def route(self, path: str, response: Route) -> None:
        with self._lock:
            self.routes[path] = response

    def reset(self) -> None:
        with self._lock:
            self.routes.clear()
            self.requests.clear()

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    # -- internals ---------------------------------------------------------
    def _answer(self, path: str, headers: dict[str, str]) -> Response:
        with self._lock:
            route = self.routes.get(path)
            if route is None:  # a route for a path answers whatever its query string
                route = self.routes.get(path.split("?", 1)[0])
            if isinstance(route, list):
                response = route.pop(0) if len(route) > 1 else route[0]
            else:
                response = route  # type: ignore[assignment]
        if callable(response):
            return response(headers)
        if response is not None:
            return response
        return self._static(path.split("?", 1)[0], headers)

    def _static(self, path: str, headers: dict[str, str]) -> Response:
        target = (self.site_dir / path.lstrip("/")).resolve()
        if self.site_dir.resolve() not in target.parents or not target.is_file():
            return Response(404, b"not found", {"Content-Type": "text/plain"})
        body = target.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        mtime = email.utils.formatdate(target.stat().st_mtime, usegmt=True)
        ctype = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        common = {"ETag": etag, "Last-Modified": mtime}
        if headers.get("if-none-match") == etag:
            return Response(304, b"", common)
        return Response(200, body, {"Content-Type": ctype, **common})


def _make_handler(server: FixtureServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once (no 40 ms stalls)

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def _serve(self, with_body: bool) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            with server._lock:
                server.requests.append(Seen(self.command, self.path, headers, time.monotonic()))
            response = server._answer(self.path, headers)
            if response.delay:
                time.sleep(response.delay)
            if response.reset:
                self.close_connection = True
                try:
                    self.connection.shutdown(2)
                except OSError:
                    pass
                return
            body = response.body.encode("utf-8") if isinstance(response.body, str) else response.body
            self.send_response(response.status)
            sent_headers = {k.lower() for k in response.headers}
            for key, value in response.headers.items():
                self.send_header(key, value)
            if "content-type" not in sent_headers and response.status != 304:
                self.send_header("Content-Type", "text/html; charset=utf-8")
            length = len(body) * 2 + 100 if response.truncate else len(body)
            if response.status != 304:
                self.send_header("Content-Length", str(length))
            self.end_headers()
            if with_body and response.status != 304:
                try:
                    self.wfile.write(body)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    pass
            if response.truncate:
                self.close_connection = True

        def do_GET(self) -> None:
            self._serve(True)

        def do_HEAD(self) -> None:
            self._serve(False)

    return Handler
