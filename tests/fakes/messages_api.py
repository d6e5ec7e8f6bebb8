"""A local HTTP server that answers like the Anthropic Messages API (``POST /v1/messages``).

For tests and benchmarks: point the real ``anthropic`` SDK at it with
``base_url=srv.base_url`` (or ``ANTHROPIC_BASE_URL``). Stdlib only
(``http.server.ThreadingHTTPServer`` on 127.0.0.1, a free port).

Usage::

    with MessagesAPIServer() as srv:
        srv.enqueue(Reply.rate_limited(retry_after=7), Reply.json({...}))
        client = anthropic.Anthropic(base_url=srv.base_url, api_key="test", max_retries=0)
        ...
        srv.requests[0].body["system"]      # every request is recorded

Each request takes the next queued ``Reply``; with the queue empty the server is in
"auto" mode: it answers ``auto_payload`` (set by the test) or else an instance it
derives from the request's JSON schema (``output_config.format.schema``, or the
forced tool's ``input_schema``: nulls, ``false``, the first enum value, empty
lists), after ``auto_delay_s`` seconds. Errors use the API's error body
``{"type": "error", "error": {"type": ..., "message": ...}}`` and status codes
(https://docs.claude.com/en/api/errors). Usage imitates prompt caching: the first
request with a given cached system prefix reports ``cache_creation_input_tokens``,
later ones ``cache_read_input_tokens`` (tokens estimated as characters / 4).
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["MessagesAPIServer", "RecordedRequest", "Reply", "instance_from_schema"]


@dataclass(frozen=True)
class Reply:
    """One scripted answer: HTTP status, headers, JSON body (or raw content), after ``delay_s`` seconds.

    ``content``/``stop_reason`` describe a 200 message; ``status`` != 200 sends
    ``error_type``/``message`` as an API error. ``payload`` (any JSON value) is
    serialised into the message's text block — or into a ``tool_use`` block's input
    when the request forced a tool. ``text`` sends raw text instead (malformed output).
    """

    status: int = 200
    payload: Any = None
    text: str | None = None
    stop_reason: str = "end_turn"
    error_type: str = ""
    message: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    delay_s: float = 0.0
    usage: dict[str, int] | None = None

    # -- builders -----------------------------------------------------------------
    @classmethod
    def json(cls, payload: Any, *, delay_s: float = 0.0, usage: dict[str, int] | None = None) -> Reply:
        """A structured answer: ``payload`` as the JSON text (or tool input), ``stop_reason`` end_turn."""
        return cls(payload=payload, delay_s=delay_s, usage=usage)

    @classmethod
    def raw_text(cls, text: str, *, stop_reason: str = "end_turn") -> Reply:
        """A text block with exactly ``text`` (e.g. prose, not JSON)."""
        return cls(text=text, stop_reason=stop_reason)

    @classmethod
    def fenced_json(cls, payload: Any) -> Reply:
        """The payload wrapped in a Markdown ```` ```json ```` fence (what a chatty model does)."""
        return cls(text="```json\n" + json.dumps(payload, indent=2) + "\n```")

    @classmethod
    def truncated(cls, payload: Any, *, keep: float = 0.5) -> Reply:
        """The first ``keep`` fraction of the payload's JSON, ``stop_reason`` max_tokens."""
        full = json.dumps(payload)
        return cls(text=full[: max(1, int(len(full) * keep))], stop_reason="max_tokens")

    @classmethod
    def rate_limited(cls, *, retry_after: float | int = 1, message: str = "Rate limited") -> Reply:
        """429 ``rate_limit_error`` with a ``retry-after`` header (seconds)."""
        return cls(
            status=429,
            error_type="rate_limit_error",
            message=message,
            headers=(("retry-after", str(retry_after)),),
        )

    @classmethod
    def overloaded(cls) -> Reply:
        """529 ``overloaded_error``."""
        return cls(status=529, error_type="overloaded_error", message="Overloaded")

    @classmethod
    def server_error(cls) -> Reply:
        """500 ``api_error``."""
        return cls(status=500, error_type="api_error", message="Internal server error")

    @classmethod
    def bad_request(cls, message: str = "messages: invalid request") -> Reply:
        """400 ``invalid_request_error``."""
        return cls(status=400, error_type="invalid_request_error", message=message)

    @classmethod
    def auth_error(cls) -> Reply:
        """401 ``authentication_error``."""
        return cls(status=401, error_type="authentication_error", message="invalid x-api-key")

    @classmethod
    def slow(cls, delay_s: float, then: Reply | None = None) -> Reply:
        """``then`` (default: an auto answer) after ``delay_s`` seconds — longer than a client timeout."""
        return dataclasses.replace(then or cls(), delay_s=delay_s)


@dataclass
class RecordedRequest:
    """One request as received: path, headers (lower-case names), parsed JSON body."""

    path: str
    headers: dict[str, str]
    body: Any
    raw: bytes = field(repr=False, default=b"")

    @property
    def api_key(self) -> str | None:
        """The key the client sent: ``x-api-key``, or the ``authorization: Bearer`` token.

        The installed SDK (2.14) sends the key as a Bearer token.
        """
        if "x-api-key" in self.headers:
            return self.headers["x-api-key"]
        auth = self.headers.get("authorization", "")
        return auth[len("Bearer ") :] if auth.startswith("Bearer ") else None

    @property
    def user_text(self) -> str:
        """All text of the request's user messages, joined by newlines."""
        out: list[str] = []
        for msg in (self.body or {}).get("messages", []):
            content = msg.get("content")
            if isinstance(content, str):
                out.append(content)
            else:
                out.extend(b.get("text", "") for b in content or [] if isinstance(b, dict))
        return "\n".join(out)


def instance_from_schema(schema: dict[str, Any], defs: dict[str, Any] | None = None) -> Any:
    """A minimal JSON value valid for ``schema``: null if allowed, else false / 0 / "" / [] / first enum value."""
    defs = defs if defs is not None else schema.get("$defs", {})
    if "$ref" in schema:
        return instance_from_schema(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    variants = schema.get("anyOf") or schema.get("oneOf")
    if variants:
        if any(v.get("type") == "null" for v in variants):
            return None
        return instance_from_schema(variants[0], defs)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = "null" if "null" in kind else kind[0]
    return {
        "object": lambda: {k: instance_from_schema(v, defs) for k, v in schema.get("properties", {}).items()},
        "array": list,
        "string": str,
        "integer": int,
        "number": float,
        "boolean": bool,
        "null": lambda: None,
    }.get(kind, lambda: None)()


def _tokens(value: Any) -> int:
    """A rough token count: characters of the JSON / 4, at least 1."""
    return max(1, len(json.dumps(value, ensure_ascii=False)) // 4)


class MessagesAPIServer:
    """A threaded fake of ``POST /v1/messages`` on 127.0.0.1; a context manager.

    ``enqueue(*replies)`` scripts the next answers; ``requests`` lists every
    ``RecordedRequest``; ``auto_payload`` / ``auto_delay_s`` control the answer
    when the queue is empty. ``base_url`` is ``http://127.0.0.1:<port>``.
    """

    def __init__(self, *, auto_payload: Any = None, auto_delay_s: float = 0.0) -> None:
        self.auto_payload = auto_payload
        self.auto_delay_s = auto_delay_s
        self.requests: list[RecordedRequest] = []
        self._queue: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._cache: set[str] = set()
        self._ids = itertools.count(1)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------
    def start(self) -> MessagesAPIServer:
        """Bind a free port and serve in a daemon thread."""
        handler = type("Handler", (_Handler,), {"fake": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-messages-api",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; delayed replies still sleeping are cut short."""
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> MessagesAPIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` (pass as the SDK's ``base_url``)."""
        assert self._httpd is not None, "server not started"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    # -- scripting --------------------------------------------------------------
    def enqueue(self, *replies: Reply) -> None:
        """Answer the next requests with ``replies``, in order."""
        with self._lock:
            self._queue.extend(replies)

    @property
    def pending(self) -> int:
        """How many scripted replies are still queued."""
        with self._lock:
            return len(self._queue)

    def _next(self) -> Reply:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
        return Reply(payload=self.auto_payload, delay_s=self.auto_delay_s)

    # -- answering --------------------------------------------------------------
    def _record(self, rec: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(rec)

    def _usage(self, body: dict[str, Any], output: Any) -> dict[str, int]:
        """Usage that imitates prompt caching of the system blocks up to the last cache_control."""
        system = body.get("system") or []
        blocks = [system] if isinstance(system, str) else list(system)
        marked = [i for i, b in enumerate(blocks) if isinstance(b, dict) and b.get("cache_control")]
        cached = blocks[: marked[-1] + 1] if marked else []
        rest = {"system": blocks[len(cached) :], "messages": body.get("messages", [])}
        usage = {
            "input_tokens": _tokens(rest),
            "output_tokens": _tokens(output),
            "cache_creation_input_tokens": 0,
            "cache_read_input_tokens": 0,
        }
        if cached:
            key = hashlib.sha256(json.dumps([body.get("model"), cached], sort_keys=True).encode()).hexdigest()
            with self._lock:
                hit = key in self._cache
                self._cache.add(key)
            usage["cache_read_input_tokens" if hit else "cache_creation_input_tokens"] = _tokens(cached)
        return usage

    def respond(self, body: dict[str, Any], reply: Reply) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body bytes for ``reply`` to the request ``body``."""
        headers = {
            "content-type": "application/json",
            "request-id": f"req_fake_{next(self._ids)}",
            **dict(reply.headers),
        }
        if reply.status != 200:
            err = {"type": "error", "error": {"type": reply.error_type, "message": reply.message}}
            return reply.status, headers, json.dumps(err).encode()
        tool = _forced_tool(body)
        schema = _schema(body, tool)
        payload = reply.payload
        if payload is None and reply.text is None:
            payload = instance_from_schema(schema) if schema else {}
        if tool is not None and reply.text is None:
            block_id = f"toolu_fake_{next(self._ids)}"
            content = [{"type": "tool_use", "id": block_id, "name": tool["name"], "input": payload}]
            stop = "tool_use" if reply.stop_reason == "end_turn" else reply.stop_reason
        else:
            text = reply.text if reply.text is not None else json.dumps(payload, ensure_ascii=False)
            content = [{"type": "text", "text": text}]
            stop = reply.stop_reason
        message = {
            "id": f"msg_fake_{next(self._ids)}",
            "type": "message",
            "role": "assistant",
            "model": body.get("model", "claude-fake"),
            "content": content,
            "stop_reason": stop,
            "stop_sequence": None,
            "usage": reply.usage or self._usage(body, content),
        }
        return 200, headers, json.dumps(message, ensure_ascii=False).encode()


def _forced_tool(body: dict[str, Any]) -> dict[str, Any] | None:
    """The tool the request forces with ``tool_choice: {"type": "tool", ...}``, if any."""
    choice = body.get("tool_choice") or {}
    if choice.get("type") != "tool":
        return None
    return next((t for t in body.get("tools", []) if t.get("name") == choice.get("name")), None)


def _schema(body: dict[str, Any], tool: dict[str, Any] | None) -> dict[str, Any] | None:
    """The JSON schema the answer must follow: the forced tool's, else ``output_config.format``."""
    if tool is not None:
        return tool.get("input_schema")
    fmt = (body.get("output_config") or {}).get("format") or {}
    return fmt.get("schema") if fmt.get("type") == "json_schema" else None


class _Handler(BaseHTTPRequestHandler):
    fake: MessagesAPIServer  # set on the subclass made by MessagesAPIServer.start
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass  # quiet in tests

    def _send(self, status: int, headers: dict[str, str], data: bytes) -> None:
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout): nothing to answer

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        raw = self.rfile.read(int(self.headers.get("content-length") or 0))
        try:
            body = json.loads(raw or b"null")
        except ValueError:
            body = None
        self.fake._record(RecordedRequest(self.path, {k.lower(): v for k, v in self.headers.items()}, body, raw))
        if self.path.split("?")[0] != "/v1/messages":
            err = {"type": "error", "error": {"type": "not_found_error", "message": f"no route {self.path}"}}
            self._send(404, {"content-type": "application/json"}, json.dumps(err).encode())
            return
        if not isinstance(body, dict):
            self._send(*self.fake.respond({}, Reply.bad_request("body is not a JSON object")))
            return
        reply = self.fake._next()
        if reply.delay_s > 0 and self.fake._stopping.wait(reply.delay_s):
            return  # server stopping: drop the answer
        self._send(*self.fake.respond(body, reply))


def claim_answer(total: str = "1.234,56", client: str = "Tamara Reinholz") -> dict:
    """A valid structured claim-statement answer, as Claude would give it for a body that
    says "... Gesamtforderung gegen Frau {client} beträgt {total} EUR." (shared by tests)."""
    return {
        "is_creditor_reply": True,
        "reply_kind": "claim_statement",
        "creditor_name": "Inkasso GmbH",
        "original_creditor": None,
        "client_name": client,
        "client_date_of_birth": None,
        "client_file_number": None,
        "creditor_references": [],
        "amounts": {"principal": None, "interest": None, "costs": None, "total": total},
        "currency": "EUR",
        "statement_date": None,
        "confidence": 0.9,
        "evidence": [{"field": "amounts.total", "text": f"{total} EUR", "source": "body"}],
    }
