"""A threaded stdlib HTTP server on loopback that records requests and answers from a
script — the stand-in for Zendesk's REST API and attachment URLs.

Usage::

    with HttpRecorder() as zendesk:
        zendesk.script("/attachments/1", Reply(500), Reply(200, body=b"%PDF..."))
        zendesk.script("/slow", Reply(200, delay_s=2.0))
        ...
        [request] = zendesk.requests_to("/api/v2/tickets/7.json")
        request.json()

Each path has a queue of ``Reply``s, consumed one per request (query strings ignored
for matching); an empty queue answers with ``default`` (200, ``{}``).
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Reply:
    """One scripted answer. ``body`` may be bytes, str or a JSON-able dict/list.

    ``delay_s`` waits before answering (seconds; cut short when the server stops).
    ``content_length`` overrides the Content-Length header (None: the body's length);
    ``chunked=True`` sends the body with ``Transfer-Encoding: chunked`` and no length.
    """

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | str | dict | list = b""
    delay_s: float = 0.0
    content_length: int | None = None
    chunked: bool = False

    def encoded(self) -> tuple[bytes, dict[str, str]]:
        headers = dict(self.headers)
        body = self.body
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
            headers.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode("utf-8")
            headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        return body, headers


@dataclass(frozen=True)
class RecordedRequest:
    """One request as received: method, full path (with query), headers, body bytes."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def route(self) -> str:
        """The path without the query string."""
        return urlsplit(self.path).path

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    def header(self, name: str) -> str | None:
        """Header value by case-insensitive name."""
        for key, value in self.headers.items():
            if key.lower() == name.lower():
                return value
        return None


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        recorder = self.server.recorder
        request = RecordedRequest(self.command, self.path, dict(self.headers.items()), body)
        reply = recorder._next_reply(request)
        if reply.delay_s and recorder._stopping.wait(reply.delay_s):
            return
        payload, headers = reply.encoded()
        try:
            self.send_response(reply.status)
            for name, value in headers.items():
                self.send_header(name, value)
            if reply.chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                length = reply.content_length if reply.content_length is not None else len(payload)
                self.send_header("Content-Length", str(length))
            self.end_headers()
            if self.command == "HEAD":
                return
            if reply.chunked:
                for start in range(0, len(payload), 1024):
                    piece = payload[start : start + 1024]
                    self.wfile.write(f"{len(piece):X}\r\n".encode() + piece + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            else:
                self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
            pass

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    recorder: HttpRecorder

    def handle_error(self, request: Any, client_address: Any) -> None:  # quiet on disconnects
        pass


class HttpRecorder:
    """HTTP server on ``host`` (free port) recording requests, answering from a script."""

    def __init__(self, *, host: str = "127.0.0.1", default: Reply | None = None) -> None:
        self.host = host
        self.default = default or Reply(200, body={})
        self.requests: list[RecordedRequest] = []
        self._queues: dict[str, deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self.port: int | None = None

    @property
    def base_url(self) -> str:
        """``http://host:port`` of the running server."""
        if self.port is None:
            raise RuntimeError("HttpRecorder is not started")
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def script(self, path: str, *replies: Reply) -> None:
        """Queue ``replies`` for ``path`` (no query string), answered in order."""
        with self._lock:
            self._queues[path].extend(replies)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """Recorded requests whose path (without query) is ``path``."""
        with self._lock:
            return [r for r in self.requests if r.route == path]

    def _next_reply(self, request: RecordedRequest) -> Reply:
        with self._lock:
            self.requests.append(request)
            queue = self._queues.get(request.route)
            return queue.popleft() if queue else self.default

    def start(self) -> HttpRecorder:
        self._stopping.clear()
        server = _Server((self.host, self.port or 0), _Handler)
        server.recorder = self
        self._server = server
        self.port = server.server_address[1]
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="http-recorder", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> HttpRecorder:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
