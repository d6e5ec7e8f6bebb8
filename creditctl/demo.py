"""``creditctl demo``: the main job end to end on the embedded defaults.

In a fresh temporary directory: migrate the SQLite database, import the shipped
sample clients, start the real HTTP server and a real worker as processes, post the
shipped sample creditor emails as signed Zendesk webhook requests (plus one replay, to
show deduplication), wait until every email is in a terminal state, print the outcome
and the claims that changed, and shut everything down (SIGTERM, graceful).
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def sample_files() -> tuple[Path, list[Path]]:
    """The shipped sample client file and sample webhook payloads."""
    root = Path(str(resources.files("creditctl") / "data"))
    return root / "sample_clients.json", sorted((root / "sample_emails").glob("*.json"))


def run_demo(*, out: Console, err: Console, keep: bool = False, timeout_s: float = 120.0) -> int:
    """Run the demo; returns 0 when every email reached a terminal state, else 1."""
    started = time.monotonic()
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
        _wait_http(f"{base}/healthz", procs, timeout_s=30)
        replays = emails[:1]  # the first one twice: a replay is answered "duplicate"
        err.print(
            f"server on {base}, worker started; posting {len(emails)} signed webhook requests "
            f"(the sample emails), then {len(replays)} replay of the first (deduplication: "
            '"duplicate", nothing stored twice)'
        )
        posted: list[tuple[str, int]] = []
        with httpx.Client(base_url=base, timeout=10) as http:
            for n, path in enumerate(emails + replays):
                answer = _post_signed(http, path.read_bytes(), secret)
                replay = " (replay of the first request)" if n >= len(emails) else ""
                err.print(f"  POST {path.name}{replay}: {answer.status_code} {answer.json()}")
                if answer.json().get("status") == "accepted":
                    posted.append((path.name, answer.json()["email_id"]))
            docs = _wait_terminal(http, token, [i for _, i in posted], timeout_s)
        _print_outcome(out, posted, docs)
        finished = all(d.get("processing_status") in TERMINAL for d in docs.values())
        err.print(
            f"demo took {time.monotonic() - started:.1f} s; "
            + ("every email reached a terminal state" if finished else "[red]some emails did not finish[/red]")
        )
        return 0 if finished else 1
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


def _wait_http(url: str, procs: list[subprocess.Popen[bytes]], *, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for proc in procs:
            if proc.poll() is not None:
                from creditctl.exceptions import CreditctlError

                raise CreditctlError(f"a demo process exited early with code {proc.returncode}; see its log")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    from creditctl.exceptions import CreditctlError

    raise CreditctlError(f"the server did not answer on {url} within {timeout_s:.0f} s")


def _post_signed(http: httpx.Client, body: bytes, secret: str) -> httpx.Response:
    timestamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return http.post(
        "/webhooks/zendesk",
        content=body,
        headers={
            "Content-Type": "application/json",
            "X-Zendesk-Webhook-Signature": sign(secret, timestamp, body),
            "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
            "X-Zendesk-Webhook-Invocation-Id": str(uuid.uuid4()),
        },
    )


def _wait_terminal(http: httpx.Client, token: str, ids: list[int], timeout_s: float) -> dict[int, dict[str, Any]]:
    deadline = time.monotonic() + timeout_s
    docs: dict[int, dict[str, Any]] = {}
    while True:
        for email_id in ids:
            if docs.get(email_id, {}).get("processing_status") in TERMINAL:
                continue
            answer = http.get(f"/emails/{email_id}", headers={"Authorization": f"Bearer {token}"})
            docs[email_id] = answer.json()
        if all(d.get("processing_status") in TERMINAL for d in docs.values()) or time.monotonic() > deadline:
            return docs
        time.sleep(0.3)


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
