"""A production-shaped creditctl for tests: real ``serve`` and ``worker`` processes on a
fresh PostgreSQL database and the test Redis (tests/realservices.py), signed webhooks
over HTTP, and read-only SQL probes of the outcome.

Every process started here is stopped by ``Stack.close()`` (SIGTERM, then SIGKILL by
pid after a bound). Logs go to files under the test's temporary directory and are
printed when a wait times out.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from tests import realservices
from tests.helpers import API_TOKEN, DATA, SECRET, signed_headers
from tests.ports import free_port

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(p.name for p in (DATA / "sample_emails").glob("*.json"))


def require_real_services() -> tuple[str, str]:
    """``(pg_url, redis_url)`` of the servers started by scripts/test.

    Under CI a missing server raises (the test fails); outside CI without scripts/test
    the test is skipped with a pointer to it (the convention of test_realservices.py).
    """
    return realservices.require_pg(), realservices.require_redis()


def email_body(template: str, tag: str) -> bytes:
    """The sample payload ``template`` with a unique ``comment_id`` and a unique signature
    line (so it is a new email, not a content duplicate)."""
    doc = json.loads((DATA / "sample_emails" / template).read_bytes())
    doc["comment_id"] = tag
    if doc.get("body_text"):
        doc["body_text"] += f"\n\n-- \nVorgang {tag}"
    if doc.get("body_html"):
        doc["body_html"] += f"<p>-- <br>Vorgang {tag}</p>"
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


@dataclass
class Proc:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


@dataclass
class Stack:
    tmp: Path
    settings: dict[str, str] = field(default_factory=dict)
    db_url: str = ""
    redis_url: str = ""
    port: int = 0
    procs: list[Proc] = field(default_factory=list)
    _engine: sa.Engine | None = None

    # set-up ------------------------------------------------------------------------
    def open(self) -> Stack:
        """Create the database, flush Redis, migrate and import the sample clients (CLI)."""
        _, self.redis_url = require_real_services()
        self.db_url = realservices.fresh_pg_database("prod")
        realservices.flush_redis(self.redis_url)
        self._engine = sa.create_engine(self.db_url, poolclass=NullPool, connect_args={"connect_timeout": 3})
        done = subprocess.run(
            [sys.executable, "-m", "creditctl", "db", "upgrade"],
            env=self.env(),
            cwd=self.tmp,
            capture_output=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
        done = subprocess.run(
            [sys.executable, "-m", "creditctl", "clients", "import", str(DATA / "sample_clients.json")],
            env=self.env(),
            cwd=self.tmp,
            capture_output=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
        return self

    def env(self, **extra: str) -> dict[str, str]:
        """The process environment: no inherited CREDITCTL_*, then the stack's settings."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("CREDITCTL_") or k.startswith("CREDITCTL_TEST_")}
        env.pop("CREDITCTL_TEST_PAUSE_AFTER_PARSE", None)
        env.update(
            {
                "CREDITCTL_HOME": str(self.tmp / "home"),
                "CREDITCTL_DATABASE_URL": self.db_url,
                "CREDITCTL_QUEUE_URL": self.redis_url,
                "CREDITCTL_EXTRACTOR": "rules",
                "CREDITCTL_ZENDESK_WEBHOOK_SECRET": SECRET,
                "CREDITCTL_API_TOKEN": API_TOKEN,
                "CREDITCTL_LEASE_SECONDS": "2",
                "CREDITCTL_SWEEP_INTERVAL": "1",
                "CREDITCTL_STUCK_GRACE_SECONDS": "1",
                "CREDITCTL_RETRY_MIN_DELAY": "0.2",
                "CREDITCTL_RETRY_MAX_DELAY": "1",
                "CREDITCTL_LOG_LEVEL": "WARNING",
                "CREDITCTL_ALERT_WINDOW_SECONDS": "0",
                "PYTHONUNBUFFERED": "1",
                "PYTHONPATH": str(REPO) + os.pathsep + env.get("PYTHONPATH", ""),
            }
        )
        env.update(self.settings)
        env.update(extra)
        return env

    def _spawn(self, name: str, args: list[str], env: dict[str, str]) -> Proc:
        log = self.tmp / f"{name}-{len(self.procs)}.log"
        handle = log.open("wb")
        popen = subprocess.Popen(
            [sys.executable, "-m", "creditctl", *args],
            env=env,
            cwd=self.tmp,
            stdin=subprocess.DEVNULL,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
        handle.close()
        proc = Proc(name, popen, log)
        self.procs.append(proc)
        return proc

    def start_server(self) -> Proc:
        self.port = free_port()
        proc = self._spawn("serve", ["serve", "--port", str(self.port)], self.env())
        wait_for(lambda: _answers(f"{self.base_url}/healthz"), 60, "server up", proc)
        return proc

    def start_worker(self, *, threads: int = 4, args: Iterable[str] = (), **extra_env: str) -> Proc:
        return self._spawn("worker", ["worker", "--workers", str(threads), *args], self.env(**extra_env))

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        for proc in self.procs:
            if proc.alive():
                proc.popen.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for proc in self.procs:
            try:
                proc.popen.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.popen.kill()
                proc.popen.wait(10)
        if self._engine is not None:
            self._engine.dispose()
        if self.db_url:
            realservices.drop_pg_database(self.db_url)

    # traffic -----------------------------------------------------------------------
    def post(self, bodies: list[bytes], *, concurrency: int = 6) -> list[httpx.Response]:
        """POST each body as a signed Zendesk webhook; responses in input order."""
        with httpx.Client(
            base_url=self.base_url, timeout=60, limits=httpx.Limits(max_connections=concurrency)
        ) as client:

            def one(body: bytes) -> httpx.Response:
                return client.post("/webhooks/zendesk", content=body, headers=signed_headers(body))

            with ThreadPoolExecutor(concurrency) as pool:
                return list(pool.map(one, bodies))

    # probes ------------------------------------------------------------------------
    def sql(self, query: str, **params: Any) -> list[sa.Row[Any]]:
        assert self._engine is not None
        with self._engine.connect() as conn:
            return list(conn.execute(sa.text(query), params))

    def scalar(self, query: str, **params: Any) -> Any:
        rows = self.sql(query, **params)
        return rows[0][0] if rows else None

    def status_of(self, email_id: int) -> str | None:
        return self.scalar("SELECT processing_status FROM emails WHERE id = :i", i=email_id)

    def unfinished(self) -> int:
        return self.scalar(
            "SELECT count(*) FROM emails WHERE processing_status NOT IN ('completed', 'not_creditor_reply', 'failed')"
        )

    def started_counts(self) -> dict[int, int]:
        """``{email_id: number of 'attempt N started' events}`` — one per processing."""
        rows = self.sql(
            "SELECT email_id, count(*) FROM events WHERE message LIKE 'attempt % started%' GROUP BY email_id"
        )
        return {r[0]: r[1] for r in rows}

    def claim_updates_by_email(self) -> dict[int, int]:
        rows = self.sql("SELECT email_id, claim_id, count(*) FROM claim_updates GROUP BY email_id, claim_id")
        out: dict[int, int] = {}
        for email_id, _claim, count in rows:
            out[email_id] = max(out.get(email_id, 0), count)
        return out


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def wait_for(cond: Callable[[], Any], timeout_s: float, what: str, *procs: Proc, poll_s: float = 0.1) -> Any:
    """Poll ``cond`` until truthy; on timeout fail with the tails of ``procs``' logs."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            value = cond()
        except sa.exc.OperationalError:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            logs = "\n".join(f"--- {p.name} {p.pid} (rc={p.popen.poll()}):\n{p.tail()}" for p in procs)
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}\n{logs}")
        time.sleep(poll_s)


def unique_tag(prefix: str, i: int) -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}{i}"


@contextmanager
def opened_stack(
    tmp: Path, *, settings: dict[str, str] | None = None, restart: Iterable[Callable[[], None]] = ()
) -> Iterator[Stack]:
    """A ``Stack`` in ``tmp`` with ``settings`` added, opened for the ``with`` block and closed after it;
    ``restart`` (e.g. ``realservices.start_postgres``) run first on the way out, so a test that failed
    mid-outage does not leave a server down for the next one (each attempted, errors ignored)."""
    s = Stack(tmp)
    s.settings.update(settings or {})
    try:
        s.open()
        yield s
    finally:
        for start in restart:
            try:
                start()
            except Exception:  # noqa: BLE001 - teardown: the next start and the close must still run
                pass
        s.close()
