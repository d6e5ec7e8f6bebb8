"""``creditctl demo``: the main job end to end on the embedded defaults.

In a fresh temporary directory: migrate the SQLite database, import the shipped
sample clients, start the real HTTP server and a real worker as processes, post the
shipped sample creditor emails as signed Zendesk webhook requests (plus one replay, to
show deduplication), wait until every email is in a terminal state, print the outcome
and the claims that changed, and shut everything down (SIGTERM, graceful).

A loaded machine is slow, not broken: one overall deadline (``--timeout``, default
``DEFAULT_TIMEOUT_S``) covers the server's start and the wait for the emails; a request
that times out or fails before it (the health check, a webhook POST, a status poll) is
tried again, each capped at ``REQUEST_TIMEOUT_S``. When the deadline truly passes the
demo prints the outcome it has and one line naming each email that did not finish, its
last known state and the last failed request — never a chained exception.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.table import Table

from creditctl.signature import sign

TERMINAL = {"completed", "not_creditor_reply", "failed"}
DEFAULT_TIMEOUT_S = 600.0  # seconds for the server's start plus every email: a loaded machine is slow
REQUEST_TIMEOUT_S = 10.0  # one HTTP request; a slower one is retried until the overall deadline


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def sample_files() -> tuple[Path, list[Path]]:
    """The shipped sample client file and sample webhook payloads."""
    root = Path(str(resources.files("creditctl") / "data"))
    return root / "sample_clients.json", sorted((root / "sample_emails").glob("*.json"))


def run_demo(*, out: Console, err: Console, keep: bool = False, timeout_s: float = DEFAULT_TIMEOUT_S) -> int:
    """Run the demo; returns 0 when every email reached a terminal state, else 1.

    ``timeout_s`` (seconds) is the overall deadline from the start of the demo for the
    server to answer and every email to finish. Raises CreditctlError when a setup step
    fails, a demo process exits early or the server never answers (one line, no chain).
    """
    started = time.monotonic()
    deadline = started + timeout_s
    home = Path(tempfile.mkdtemp(prefix="creditctl-demo-"))
    secret = secrets.token_urlsafe(24)
    token = secrets.token_urlsafe(24)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_") and k != "ANTHROPIC_API_KEY"}
    env.update(
        {
            "CREDITCTL_HOME": str(home),
            "CREDITCTL_EXTRACTOR": "rules",
            "CREDITCTL_ZENDESK_WEBHOOK_SECRET": secret,
            "CREDITCTL_API_TOKEN": token,
            "CREDITCTL_SWEEP_INTERVAL": "5",
            "CREDITCTL_LOG_LEVEL": "WARNING",
            "CREDITCTL_ALERT_WINDOW_SECONDS": "1",
        }
    )
    cli = [sys.executable, "-m", "creditctl"]
    clients_file, emails = sample_files()
    err.print(f"demo directory: {home} " + ("(kept; --keep)" if keep else "(removed at the end; --keep keeps it)"))
    procs: list[subprocess.Popen[bytes]] = []
    try:
        _run(cli + ["db", "upgrade"], env, home)
        _run(cli + ["clients", "import", str(clients_file)], env, home)
        for name in ("serve", "worker"):
            args = cli + (["serve", "--port", str(port)] if name == "serve" else ["worker", "--workers", "2"])
            log = open(home / f"{name}.log", "wb")
            procs.append(subprocess.Popen(args, env=env, cwd=home, stdout=log, stderr=subprocess.STDOUT))
        base = f"http://127.0.0.1:{port}"
        with _http_client(base) as http:
            _wait_http(http, "/healthz", procs, deadline=deadline)
            replays = emails[:1]  # the first one twice: a replay is answered "duplicate"
            err.print(
                f"server on {base}, worker started; posting {len(emails)} signed webhook requests "
                f"(the sample emails), then {len(replays)} replay of the first (deduplication: "
                '"duplicate", nothing stored twice)'
            )
            posted: list[tuple[str, int]] = []
            for n, path in enumerate(emails + replays):
                replay = n >= len(emails)
                answer, retried = _post_signed_until(http, path.read_bytes(), secret, deadline=deadline)
                body = answer.json()
                again = " (sent again after a slow answer)" if retried else ""
                err.print(
                    f"  POST {path.name}{' (replay of the first request)' if replay else ''}{again}: "
                    f"{answer.status_code} {body}"
                )
                # a retried POST whose first try was stored is answered "duplicate" with its id
                if body.get("status") == "accepted" or (retried and not replay and body.get("status") == "duplicate"):
                    posted.append((path.name, body["email_id"]))
            docs, problems = _wait_terminal(http, token, [i for _, i in posted], deadline=deadline)
        _print_outcome(out, posted, docs)
        ids = [i for _, i in posted]
        finished = all(docs.get(i, {}).get("processing_status") in TERMINAL for i in ids)
        took = f"demo took {time.monotonic() - started:.1f} s; "
        if finished:
            err.print(took + "every email reached a terminal state")
            return 0
        err.print(
            took + unfinished_line(ids, docs, problems, timeout_s=timeout_s, keep=keep),
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
        return 1
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if keep:
            err.print(f"kept {home} (logs: serve.log, worker.log; CREDITCTL_HOME={home} creditctl status)")
        else:
            import shutil

            shutil.rmtree(home, ignore_errors=True)


def _run(args: list[str], env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        from creditctl.exceptions import CreditctlError

        raise CreditctlError(f"`{' '.join(args[2:])}` failed: {done.stderr.strip()[-800:]}")


def _http_client(base: str) -> httpx.Client:
    """The demo's one HTTP client against the server at ``base`` (tests replace it)."""
    return httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S)


def _request_timeout(deadline: float) -> float:
    """Seconds one request may take: ``REQUEST_TIMEOUT_S``, less when the deadline is nearer."""
    return max(0.5, min(REQUEST_TIMEOUT_S, deadline - time.monotonic()))


def _failed_request(http: httpx.Client, method: str, path: str, exc: Exception | None, status: int = 0) -> str:
    """A failed request in words: ``GET http://…/emails/5 timed out after 10 s`` (no chain)."""
    url = f"{method} {http.base_url.join(path)}"
    if isinstance(exc, httpx.TimeoutException):
        return f"{url} timed out after {REQUEST_TIMEOUT_S:.0f} s"
    if exc is not None:
        return f"{url} failed ({type(exc).__name__})"
    return f"{url} answered {status}"


def _wait_http(http: httpx.Client, path: str, procs: list[subprocess.Popen[bytes]], *, deadline: float) -> None:
    """Wait until ``path`` answers 200 or the monotonic ``deadline`` passes.

    Raises CreditctlError (one line) when a demo process exits or the deadline passes.
    """
    from creditctl.exceptions import CreditctlError

    last = "no answer yet"
    while True:
        for proc in procs:
            if proc.poll() is not None:
                raise CreditctlError(f"a demo process exited early with code {proc.returncode}; see its log")
        try:
            answer = http.get(path, timeout=_request_timeout(deadline))
            if answer.status_code == 200:
                return
            last = _failed_request(http, "GET", path, None, answer.status_code)
        except httpx.HTTPError as exc:
            last = _failed_request(http, "GET", path, exc)
        if time.monotonic() >= deadline:
            raise CreditctlError(f"the server did not start before the demo's deadline (--timeout); last: {last}")
        time.sleep(0.2)


def _post_signed(http: httpx.Client, body: bytes, secret: str, *, timeout: float = REQUEST_TIMEOUT_S) -> httpx.Response:
    timestamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return http.post(
        "/webhooks/zendesk",
        content=body,
        timeout=timeout,
        headers={
            "Content-Type": "application/json",
            "X-Zendesk-Webhook-Signature": sign(secret, timestamp, body),
            "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
            "X-Zendesk-Webhook-Invocation-Id": str(uuid.uuid4()),
        },
    )


def _post_signed_until(http: httpx.Client, body: bytes, secret: str, *, deadline: float) -> tuple[httpx.Response, bool]:
    """POST one signed webhook request, again (freshly signed) after a timeout, a failed
    connection or a 5xx, until the monotonic ``deadline``; returns (the answer, whether it
    was sent more than once). A retry is safe: a request stored before its answer was
    lost is answered "duplicate" with its email id. Raises CreditctlError (one line) when
    no answer came before the deadline.
    """
    from creditctl.exceptions import CreditctlError

    tries = 0
    while True:
        tries += 1
        try:
            answer = _post_signed(http, body, secret, timeout=_request_timeout(deadline))
            if answer.status_code < 500:
                return answer, tries > 1
            last = _failed_request(http, "POST", "/webhooks/zendesk", None, answer.status_code)
        except httpx.HTTPError as exc:
            last = _failed_request(http, "POST", "/webhooks/zendesk", exc)
        if time.monotonic() >= deadline:
            raise CreditctlError(
                f"a webhook request got no answer before the demo's deadline (--timeout); last: {last}"
            )
        time.sleep(0.5)


def _wait_terminal(
    http: httpx.Client, token: str, ids: list[int], *, deadline: float
) -> tuple[dict[int, dict[str, Any]], dict[int, str]]:
    """Poll ``GET /emails/{id}`` until every email is terminal or the monotonic ``deadline``
    passes. A poll that times out or fails is tried again on the next round; returns (the
    last document read per email, the last failed request per email whose latest poll failed).
    """
    docs: dict[int, dict[str, Any]] = {}
    problems: dict[int, str] = {}
    while True:
        for email_id in ids:
            if docs.get(email_id, {}).get("processing_status") in TERMINAL:
                continue
            path = f"/emails/{email_id}"
            try:
                answer = http.get(
                    path, headers={"Authorization": f"Bearer {token}"}, timeout=_request_timeout(deadline)
                )
                if answer.status_code == 200:
                    docs[email_id] = answer.json()
                    problems.pop(email_id, None)
                else:
                    problems[email_id] = _failed_request(http, "GET", path, None, answer.status_code)
            except (httpx.HTTPError, ValueError) as exc:  # ValueError: a body cut short, not JSON
                problems[email_id] = _failed_request(http, "GET", path, exc)
        if all(docs.get(i, {}).get("processing_status") in TERMINAL for i in ids):
            return docs, problems
        if time.monotonic() >= deadline:
            return docs, problems
        time.sleep(0.3)


def unfinished_line(
    ids: list[int], docs: dict[int, dict[str, Any]], problems: dict[int, str], *, timeout_s: float, keep: bool
) -> str:
    """The one line the demo ends with when its deadline passed: each unfinished email,
    its last known state and, when its last poll failed, that request."""
    parts = []
    for email_id in ids:
        doc = docs.get(email_id)
        if doc is not None and doc.get("processing_status") in TERMINAL:
            continue
        state = f"{doc.get('processing_status')} / {doc.get('match_status')}" if doc else "state not read yet"
        problem = problems.get(email_id)
        parts.append(f"email {email_id} ({state}" + (f"; last poll: {problem})" if problem else ")"))
    logs = "worker.log and serve.log in the demo directory" if keep else "run with --keep to read worker.log"
    return (
        f"not finished within {timeout_s:.0f} s (--timeout): {', '.join(parts)} — the worker may be slow or "
        f"stopped; {logs}, or run again with a longer --timeout"
    )


def outcome_of(doc: dict[str, Any]) -> str:
    """One email's outcome in words for a newcomer: a held email reads as waiting for a
    person and names the command that shows it, not its states ("completed / needs_review")."""
    status, match = doc.get("processing_status"), doc.get("match_status")
    if status == "completed" and match == "auto_matched":
        return "claim updated" if doc.get("claim_updates") else "matched; the claim already had this amount"
    if status == "completed" and match in ("needs_review", "no_match"):
        why = "held for review" if match == "needs_review" else "no claim found"
        return f"waits for a person: {why}, see `creditctl review`"
    if status == "not_creditor_reply":
        return f"set aside: not a creditor reply ({status})"
    if status == "failed":
        return f"failed (creditctl status {doc.get('id')})"
    return f"not finished ({status} / {match})"


def reason_line(email_id: int, doc: dict[str, Any]) -> str | None:
    """The one line under the table that says why an email did not update a claim (None:
    it did): the most severe hold reason, else the verdict's reason (an auto-reply, a
    bounce), else the last error."""
    status, match = doc.get("processing_status"), doc.get("match_status")
    if status == "completed" and match == "auto_matched":
        return None
    reasons = [*(doc.get("hold_reasons") or []), *((doc.get("match") or {}).get("verdict_reasons") or [])]
    why = reasons[0] if reasons else doc.get("last_error") or "no reason recorded"
    if status == "not_creditor_reply":
        return f"  email {email_id} set aside, no claim touched: {why}"
    if status == "failed":
        return f"  email {email_id} failed: {why}"
    return f"  email {email_id} waits for a person: {why}"


def _print_outcome(out: Console, posted: list[tuple[str, int]], docs: dict[int, dict[str, Any]]) -> None:
    table = Table(title="outcome")
    for col in ("email", "creditor", "client", "amount", "outcome"):
        table.add_column(col, overflow="fold")
    changed = Table(title="claims changed")
    for col in ("client", "creditor", "reference", "old", "new"):
        changed.add_column(col, overflow="fold")
    reasons: list[str] = []
    for _name, email_id in posted:
        doc = docs.get(email_id, {})
        table.add_row(
            str(email_id),
            str(doc.get("creditor_name") or "—"),
            str(doc.get("client_name") or "—"),
            _amount_shown(doc),
            outcome_of(doc),
        )
        line = reason_line(email_id, doc)
        if line:
            reasons.append(line)
        for cu in doc.get("claim_updates") or []:
            changed.add_row(
                f"{cu['client_file_number']} {cu['client_name']}",
                cu["creditor_name"],
                str(cu["creditor_reference"]),
                f"{cu['old_amount']} {cu['currency']}",
                f"{cu['new_amount']} {cu['currency']}",
            )
    out.print(table)
    for line in reasons:
        out.print(line, highlight=False, markup=False, soft_wrap=True)
    out.print(changed)


def _amount_shown(doc: dict[str, Any]) -> str:
    """The total read, or the amount applied (a settled reply applies 0.00 without a total)."""
    total = (doc.get("amounts") or {}).get("total")
    if total is not None:
        return f"{total} {doc.get('currency') or ''}"
    applied = doc.get("claim_updates") or []
    if not applied:
        return "—"
    last = applied[-1]
    settled = " (settled)" if Decimal(str(last["new_amount"])) == 0 else ""
    return f"{last['new_amount']} {last['currency']}{settled}"


def demo_payloads() -> list[dict[str, Any]]:
    """The sample payloads as dicts (tests and benchmarks reuse them)."""
    return [json.loads(p.read_text("utf-8")) for p in sample_files()[1]]
