"""``creditctl demo`` on a loaded machine: a slow or failed request (the health check, a
webhook POST, a status poll) is tried again until the overall deadline; only when that
deadline passes does the demo end, with one line naming what did not finish."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
from collections import Counter

import httpx
import pytest
from rich.console import Console

from creditctl import demo


class _FakeProc:
    """A server or worker process that runs until told to stop."""

    returncode: int | None = None

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        pass

    def poll(self) -> int | None:
        return None

    def send_signal(self, _sig: int) -> None:
        self.returncode = 0

    def wait(self, timeout: float | None = None) -> int:
        return 0


def _server(*, slow: dict[str, int], never: frozenset[int] = frozenset()) -> tuple[httpx.MockTransport, Counter[str]]:
    """A fake demo server: each key of ``slow`` ("healthz", "post", "status") times out
    that many times before answering; an email id in ``never`` never answers its poll.
    Every email is "processing" on its first answered poll, then "completed"."""
    calls: Counter[str] = Counter()
    ids = itertools.count(1)
    stored: dict[bytes, int] = {}
    polled: Counter[int] = Counter()

    def handler(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        kind = "healthz" if path == "/healthz" else "post" if path == "/webhooks/zendesk" else "status"
        calls[kind] += 1
        if kind == "post":
            body = request.content
            first = body not in stored
            if first:
                stored[body] = next(ids)  # stored even when the answer is lost
            if calls[kind] <= slow.get(kind, 0):
                raise httpx.ReadTimeout("timed out", request=request)
            return httpx.Response(200, json={"status": "accepted" if first else "duplicate", "email_id": stored[body]})
        if kind == "status":
            email_id = int(path.rsplit("/", 1)[1])
            if email_id in never:
                raise httpx.ReadTimeout("timed out", request=request)
        if calls[kind] <= slow.get(kind, 0):
            raise httpx.ReadTimeout("timed out", request=request)
        if kind == "healthz":
            return httpx.Response(200, json={"status": "ok"})
        polled[email_id] += 1
        status = "processing" if polled[email_id] == 1 else "completed"
        return httpx.Response(
            200, json={"id": email_id, "processing_status": status, "match_status": "needs_review", "hold_reasons": []}
        )

    return httpx.MockTransport(handler), calls


def _run(monkeypatch: pytest.MonkeyPatch, transport: httpx.MockTransport, timeout_s: float) -> tuple[int, str, str]:
    monkeypatch.setattr(demo, "_run", lambda *_a, **_k: None)
    monkeypatch.setattr(subprocess, "Popen", _FakeProc)
    monkeypatch.setattr(demo, "_http_client", lambda base: httpx.Client(base_url=base, transport=transport, timeout=1))
    out, err = io.StringIO(), io.StringIO()
    code = demo.run_demo(out=Console(file=out, width=200), err=Console(file=err, width=200), timeout_s=timeout_s)
    return code, out.getvalue(), err.getvalue()


def test_slow_requests_are_retried_and_the_demo_succeeds(monkeypatch: pytest.MonkeyPatch) -> None:
    transport, calls = _server(slow={"healthz": 2, "post": 1, "status": 3})
    code, out, err = _run(monkeypatch, transport, timeout_s=60)
    emails = len(demo.sample_files()[1])
    assert code == 0, err
    assert "every email reached a terminal state" in err
    assert "sent again after a slow answer" in err  # the first POST's answer was lost, its retry says duplicate
    assert out.count("held for review") == emails  # every sample email has its outcome row
    assert calls["status"] > 3 and "caused by" not in err + out


def test_a_deadline_that_passes_ends_with_one_line_naming_what_did_not_finish(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    transport, _calls = _server(slow={}, never=frozenset({2}))
    code, out, err = _run(monkeypatch, transport, timeout_s=2)
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert re.search(
        r"not finished within 2 s \(--timeout\): email 2 \(state not read yet; last poll: "
        r"GET http://127\.0\.0\.1:\d+/emails/2 timed out after 10 s\)",
        last,
    ), last
    assert "email 1 " not in last  # finished emails are not named
    assert "caused by" not in err + out and "Traceback" not in err + out


def test_the_cli_default_deadline_is_the_demo_default() -> None:
    import inspect

    from creditctl.cli import run

    assert inspect.signature(run.demo).parameters["timeout"].default == demo.DEFAULT_TIMEOUT_S
    assert demo.DEFAULT_TIMEOUT_S >= 600  # the reported loaded machine needed ~3 min
