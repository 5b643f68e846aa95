"""A real webhook receiver on 127.0.0.1 for the alerts tests and the rehearsal: records every POST."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Receiver:
    """``status`` is what it answers (200, or 503 while "down"); ``posts`` what it was sent."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.status = 200
        self.delay = 0.0  # seconds before each answer (a slow receiver)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_HEAD(self) -> None:
                self.send_response(405)
                self.end_headers()

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                if outer.delay:
                    time.sleep(outer.delay)
                if outer.status == 200:
                    outer.posts.append({"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body,
                                        "json": json.loads(body), "at": time.time()})
                self.send_response(outer.status)
                self.send_header("content-length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hook/secret-token"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def keys(self) -> list[str]:
        return [p["headers"].get("idempotency-key", "") for p in self.posts]
