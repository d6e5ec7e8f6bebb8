"""Shared parts of the benchmarks: backends, realistic payloads, seeding, worker processes.

Everything here is bench-only plumbing. The servers are the throwaway PostgreSQL and
Redis that ``bench/run`` starts (the same ``CREDITCTL_TEST_*`` variables as
``scripts/test``, read here: bench imports nothing from ``tests`` and the tests import
nothing from bench; they run it as a process). Without them the PostgreSQL + Redis
parts are skipped with a note and the embedded pair (SQLite + SqliteHuey) runs.

Sizes: ``SIZE`` is ``"full"``, ``"quick"`` (``--quick``) or ``"tiny"`` (``--tiny``: a
smoke run of every section, what the test suite runs so bench cannot rot); sections
choose their counts with ``pick(full, quick, tiny)``.

Units: seconds, bytes, emails/s. Nothing here asserts; the sections print.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from creditctl.pipeline.mime import parse_mime  # noqa: E402

SAMPLES_DIR = REPO / "creditctl" / "data" / "sample_emails"
CLIENTS_FILE = REPO / "creditctl" / "data" / "sample_clients.json"
CORPUS_DIR = Path(os.environ.get("CREDITCTL_CORPUS", REPO.parent / "shared" / "corpus")) / "reply-parsing"
SECRET = "bench-webhook-secret"
UNIQ = "@@UNIQ@@"
"""Placeholder in payload templates: replaced per request by a unique token (comment id + body)."""

TERMINAL = ("completed", "not_creditor_reply", "failed")

SIZE = "full"
"""``full``, ``quick`` or ``tiny``: set by ``python -m bench`` (``--quick`` / ``--tiny``)."""


def pick(full: Any, quick: Any, tiny: Any) -> Any:
    """The value for the current ``SIZE``."""
    return {"full": full, "quick": quick, "tiny": tiny}[SIZE]


# --------------------------------------------------------------------------- printing


def header(title: str) -> None:
    """Print a section heading."""
    print(f"\n== {title} " + "=" * max(0, 70 - len(title)), flush=True)


def ratio(value: float, base: float) -> str:
    """``value / base`` as ``"0.93x"`` (``"n/a"`` when the base is 0)."""
    return f"{value / base:5.2f}x" if base else "  n/a"


def verdict(ok: bool, why: str = "") -> str:
    """``"target met"``, or ``"TARGET MISSED"`` followed by ``" (why: <why>)"`` when a reason
    measured in the same run is given (docs/performance-limits.md)."""
    if ok:
        return "target met"
    return f"TARGET MISSED (why: {why})" if why else "TARGET MISSED"


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile (0..100, nearest rank) of ``values`` (0.0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = min(len(ordered) - 1, max(0, int(round(pct / 100 * (len(ordered) - 1)))))
    return ordered[rank]


def mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else 0.0


# --------------------------------------------------------------------------- backends


@dataclass
class Backend:
    """A database + queue pair for one measurement; ``close()`` drops what it created."""

    kind: str  # "pg" (PostgreSQL + Redis) or "sqlite" (SQLite + SqliteHuey)
    db_url: str
    queue_url: str
    home: Path
    _cleanup: list[Callable[[], None]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "PostgreSQL + Redis" if self.kind == "pg" else "SQLite + SqliteHuey"

    def close(self) -> None:
        from creditctl.db import dispose_engines

        dispose_engines()
        for fn in reversed(self._cleanup):
            try:
                fn()
            except Exception as exc:  # noqa: BLE001 - cleanup is best effort
                print(f"  (cleanup: {type(exc).__name__}: {exc})")


def pg_available() -> bool:
    """True when bench/run (or scripts/test) exported a PostgreSQL and a Redis."""
    return bool(os.environ.get("CREDITCTL_TEST_PG_URL") and os.environ.get("CREDITCTL_TEST_REDIS_URL"))


def make_backend(kind: str, name: str) -> Backend:
    """A fresh, migrated backend: a new PostgreSQL database + a flushed Redis db, or
    new SQLite files in a temp dir. Raises RuntimeError for "pg" without servers."""
    from creditctl.migrate import upgrade

    home = Path(tempfile.mkdtemp(prefix=f"creditctl-bench-{name}-"))
    if kind == "pg":
        if not pg_available():
            raise RuntimeError("no PostgreSQL/Redis configured (run through bench/run)")
        db_url = _fresh_pg_database(f"bench_{name}")
        queue_url = os.environ["CREDITCTL_TEST_REDIS_URL"]
        _flush_redis(queue_url)
        backend = Backend(kind, db_url, queue_url, home)
        backend._cleanup.append(lambda: _drop_pg_database(db_url))
        backend._cleanup.append(lambda: _flush_redis(queue_url))
    else:
        backend = Backend(kind, f"sqlite:///{home}/creditctl.db", f"sqlite:///{home}/queue.db", home)
    backend._cleanup.append(lambda: _rmtree(home))
    upgrade(backend.db_url)
    return backend


def _pg_admin(url: str) -> Any:
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    admin = make_url(url).set(database="postgres").render_as_string(hide_password=False)
    return sa.create_engine(admin, poolclass=NullPool, isolation_level="AUTOCOMMIT")


def _fresh_pg_database(prefix: str) -> str:
    """A new empty database on the server of ``CREDITCTL_TEST_PG_URL``; its URL (psycopg 3)."""
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    from creditctl.settings import psycopg3_url

    base = psycopg3_url(os.environ["CREDITCTL_TEST_PG_URL"])
    name = f"{re.sub(r'[^a-z0-9_]', '_', prefix.lower())[:40]}_{uuid.uuid4().hex[:12]}"
    engine = _pg_admin(base)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(url: str) -> None:
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    engine = _pg_admin(url)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    finally:
        engine.dispose()


def _flush_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


class LocalMessagesAPI:
    """A local stand-in for Claude: ``POST /v1/messages`` answers one valid structured
    claim answer (``answer``: the JSON text) after ``delay_s`` seconds, on a free port.
    Use as a context manager; ``base_url`` is what ``ANTHROPIC_BASE_URL`` takes;
    ``requests`` counts the calls; ``answers`` holds each call's (arrived, answered) wall
    clock times (``time.time()``, seconds), for a timeline (``bench.llm_timeline``)."""

    def __init__(self, answer: str, *, delay_s: float = 1.0) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        outer = self
        self.requests = 0
        self.answers: list[tuple[float, float]] = []
        body = json.dumps(
            {
                "id": "msg_bench",
                "type": "message",
                "role": "assistant",
                "model": "claude-haiku-4-5",
                "content": [{"type": "text", "text": answer}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": {
                    "input_tokens": 1500,
                    "output_tokens": 300,
                    "cache_creation_input_tokens": 0,
                    "cache_read_input_tokens": 0,
                },
            }
        ).encode()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # the headers and the body are two writes: with Nagle's algorithm the body waited
            # for the client's delayed ACK (~40 ms), so "1 s" answered after ~1.04 s
            disable_nagle_algorithm = True

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                self.rfile.read(int(self.headers.get("content-length") or 0))
                arrived = time.time()
                outer.requests += 1
                time.sleep(delay_s)
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                outer.answers.append((arrived, time.time()))

            def log_message(self, *_: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            # socketserver's listen backlog is 5: 32 threads connecting at once overflowed it,
            # and a dropped connection attempt was retried by the client's TCP after 1 s (a
            # "1 s" answer took 2 s in the first round)
            request_queue_size = 256

        self._server = Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> LocalMessagesAPI:
        import threading

        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_: Any) -> None:
        self._server.shutdown()
        self._server.server_close()


def _rmtree(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def product_env(backend: Backend, **extra: str) -> dict[str, str]:
    """Environment for a product process (``creditctl serve`` / ``worker``) on ``backend``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CREDITCTL_", "ANTHROPIC_"))}
    env.update({k: v for k, v in os.environ.items() if k.startswith("CREDITCTL_TEST_")})
    env.update(
        CREDITCTL_HOME=str(backend.home),
        CREDITCTL_DATABASE_URL=backend.db_url,
        CREDITCTL_QUEUE_URL=backend.queue_url,
        CREDITCTL_ZENDESK_WEBHOOK_SECRET=SECRET,
        CREDITCTL_EXTRACTOR="rules",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


def settings_for(backend: Backend, **overrides: Any):
    """``Settings`` for an in-process service call on ``backend`` (rules extractor)."""
    from creditctl.settings import load_settings

    values: dict[str, Any] = dict(
        home=backend.home,
        database_url=backend.db_url,
        queue_url=backend.queue_url,
        zendesk_webhook_secret=SECRET,
        extractor="rules",
    )
    values.update(overrides)
    return load_settings(**values)


def import_clients(backend: Backend) -> None:
    """The demo clients and claims (what matching compares against)."""
    from creditctl.services.clients import import_clients as _import
    from creditctl.services.context import AppContext

    _import(AppContext(settings=settings_for(backend)), path=CLIENTS_FILE)


# --------------------------------------------------------------------------- payloads


def _corpus_bodies() -> list[tuple[str | None, str | None]]:
    """(html, text) of every reply-parsing corpus email (empty when the corpus is absent)."""
    out: list[tuple[str | None, str | None]] = []
    if not CORPUS_DIR.is_dir():
        return out
    for path in sorted(CORPUS_DIR.rglob("*")):
        if not path.is_file() or path.name in ("MANIFEST.md", "expectations.json") or "LICENSE" in path.name:
            continue
        raw = path.read_bytes()
        if path.suffix == ".eml":
            mail = parse_mime(raw)
            out.append((mail.html_body, mail.text_body))
        elif path.suffix == ".html":
            out.append((raw.decode("utf-8", "replace"), None))
        else:
            out.append((None, raw.decode("utf-8", "replace")))
    return [(h, t) for h, t in out if (h or t or "").strip()]


def _quote_text(text: str, depth: int = 1) -> str:
    return "\n".join(">" * depth + (" " + line if line else "") for line in text.splitlines())


SIZES_KB = (2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 30)


def payload_templates(count: int = 120, seed: int = 7) -> list[bytes]:
    """Signed-request bodies (JSON, UTF-8) of 2–30 KB, each with ``UNIQ`` in ``comment_id``
    and in the body, so every request made from one is distinct.

    Half start from the demo emails (``creditctl/data/sample_emails``: the creditor's
    reply), half from the reply-parsing corpus; each is grown to a target size drawn
    from ``SIZES_KB`` with quoted history (other corpus emails, quoted the way mail
    clients quote: ``> `` lines under an "Am … schrieb" header, or a ``<blockquote>``).
    """
    rng = random.Random(seed)
    samples = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SAMPLES_DIR.glob("*.json"))]
    corpus = _corpus_bodies()
    texts = [t or re.sub(r"<[^>]+>", " ", h or "") for h, t in corpus] or [s.get("body_text") or "" for s in samples]
    out: list[bytes] = []
    for i in range(count):
        target = rng.choice(SIZES_KB) * 1024
        base = dict(samples[i % len(samples)])
        base.pop("comment_id", None)
        if i % 2 == 1 and corpus:
            html, text = corpus[rng.randrange(len(corpus))]
            base = {k: v for k, v in base.items() if k not in ("body_text", "body_html")}
            if html:
                base["body_html"] = html
            else:
                base["body_text"] = text
        base["ticket_id"] = str(80000 + i)
        base["comment_id"] = UNIQ
        base["subject"] = f"{base.get('subject', 'AW: Forderung')} [{UNIQ}]"
        is_html = bool(base.get("body_html"))
        key = "body_html" if is_html else "body_text"
        body = base.get(key) or ""
        body = (
            body.replace("</body>", f"<p>Vorgang {UNIQ}</p></body>")
            if is_html and "</body>" in body
            else body + (f"<p>Vorgang {UNIQ}</p>" if is_html else f"\n\nVorgang {UNIQ}\n")
        )
        while len(json.dumps({**base, key: body}, ensure_ascii=False).encode()) < target:
            quote = texts[rng.randrange(len(texts))][:6000]
            if is_html:
                body += (
                    "<div>Am 03.11.2026 um 09:14 schrieb Schuldnerberatung:</div><blockquote type='cite'>"
                    + quote.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>")
                    + "</blockquote>"
                )
            else:
                body += "\n\nAm 03.11.2026 um 09:14 schrieb Schuldnerberatung <beratung@example.org>:\n" + _quote_text(
                    quote
                )
        doc = {**base, key: body}
        raw = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        if len(raw) > 30 * 1024:  # cut the quoted tail, keep valid JSON
            over = len(raw) - 30 * 1024
            doc[key] = body[: max(200, len(body) - over - 64)]
            raw = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        out.append(raw)
    return out


def fill(template: bytes, token: str) -> bytes:
    """``template`` with every ``UNIQ`` replaced by ``token``."""
    return template.replace(UNIQ.encode(), token.encode())


# --------------------------------------------------------------------------- seeding


def seed_emails(
    backend: Backend, n: int, *, tag: str | None = None, templates: list[bytes] | None = None, batch: int = 500
) -> list[int]:
    """Store ``n`` distinct emails as ``received`` rows (as the webhook would, without the
    per-request round trips: validated with the product's ``parse_payload``, keyed with its
    ``dedupe_key``, inserted in batches). Returns their ids, ascending. Enqueues nothing."""
    from sqlalchemy import insert, select

    from creditctl.db import session_scope
    from creditctl.models import Email, utcnow
    from creditctl.services.intake import LIVE_PRIORITY, dedupe_key, parse_payload

    tag = tag or uuid.uuid4().hex[:8]
    templates = templates or payload_templates()
    rows: list[dict[str, Any]] = []

    def flush() -> None:
        if rows:
            with session_scope(backend.db_url) as session:
                session.execute(insert(Email), rows)
            rows.clear()

    for i in range(n):
        raw = fill(templates[i % len(templates)], f"{tag}-{i}")
        p = parse_payload(raw)
        now = utcnow()
        rows.append(
            dict(
                ticket_id=p.ticket_id,
                comment_id=p.comment_id,
                side_conversation_id=p.side_conversation_id,
                invocation_id=None,
                dedupe_key=dedupe_key(p),
                from_email=p.from_email,
                from_name=p.from_name,
                subject=p.subject,
                body_text=p.body_text,
                body_html=p.body_html,
                raw_payload=raw,
                headers=dict(p.headers),
                source="webhook",
                processing_status="received",
                received_at=now,
                updated_at=now,
                priority=LIVE_PRIORITY,
                match_status="pending",
                mirror_status="not_needed",
                attempts=0,
                input_tokens=0,
                output_tokens=0,
                cache_read_tokens=0,
                cache_write_tokens=0,
            )
        )
        if len(rows) >= batch:
            flush()
    flush()
    with session_scope(backend.db_url) as session:
        return list(session.scalars(select(Email.id).where(Email.comment_id.like(f"{tag}-%")).order_by(Email.id)))


def enqueue_all(backend: Backend, ids: Sequence[int]) -> float:
    """Put a ``process_email`` message for every id on the backend's queue; returns seconds."""
    runtime = runtime_for(backend)
    started = time.perf_counter()
    for email_id in ids:
        runtime.enqueue(email_id)
    return time.perf_counter() - started


def runtime_for(backend: Backend, **overrides: Any):
    """A ``Runtime`` (Huey + tasks + context) on ``backend`` in this process (no adapters)."""
    from creditctl.adapters.notifier import LogNotifier
    from creditctl.services.context import AppContext
    from creditctl.tasks import build_runtime

    settings = settings_for(backend, **overrides)
    return build_runtime(settings, ctx=AppContext(settings=settings, notifier=LogNotifier()), adapters=False)


# --------------------------------------------------------------------------- progress


def status_counts(db_url: str, ids: Sequence[int]) -> dict[str, int]:
    """``{processing_status: count}`` over the emails with ids in ``[min(ids), max(ids)]``."""
    from sqlalchemy import func, select

    from creditctl.db import session_scope
    from creditctl.models import Email

    with session_scope(db_url) as session:
        rows = session.execute(
            select(Email.processing_status, func.count())
            .where(Email.id.between(min(ids), max(ids)))
            .group_by(Email.processing_status)
        ).all()
    return {status: count for status, count in rows}


def done_count(db_url: str, ids: Sequence[int]) -> int:
    counts = status_counts(db_url, ids)
    return sum(counts.get(s, 0) for s in TERMINAL)


def wait_done(
    db_url: str,
    ids: Sequence[int],
    *,
    timeout_s: float,
    poll_s: float = 0.1,
    on_progress: Callable[[int], None] | None = None,
    until: Callable[[int], bool] | None = None,
) -> int:
    """Poll until every email in ``ids`` is terminal (or ``until(done)`` is true) or
    ``timeout_s`` passed; returns how many are terminal."""
    deadline = time.monotonic() + timeout_s
    done = 0
    while time.monotonic() < deadline:
        done = done_count(db_url, ids)
        if on_progress:
            on_progress(done)
        if done >= len(ids) or (until is not None and until(done)):
            return done
        time.sleep(poll_s)
    return done


def processing_span(db_url: str, ids: Sequence[int]) -> tuple[int, float]:
    """(finished emails, seconds from the first claim to the last finish) over ``ids``:
    the worker's own timestamps, so process start-up is not counted."""
    from sqlalchemy import func, select

    from creditctl.db import session_scope
    from creditctl.models import Email

    with session_scope(db_url) as session:
        n, first, last = session.execute(
            select(func.count(), func.min(Email.processing_at), func.max(Email.finished_at)).where(
                Email.id.between(min(ids), max(ids)), Email.finished_at.is_not(None)
            )
        ).one()
    if not n or first is None or last is None:
        return 0, 0.0
    return int(n), max(1e-6, (last - first).total_seconds())


def steady_rate(db_url: str, ids: Sequence[int], concurrency: int) -> tuple[int, float]:
    """(emails, seconds) of the steady state over ``ids``: from the ``concurrency``-th finish
    (the first round of a worker running ``concurrency`` jobs at once: every job of it
    started together, from a cold queue) to the last finish, and the emails finished in
    between. Finishes spread evenly or bunched per round, the count over the span is the
    rate (docs/worker-performance.md, "Round 7"). (0, 0.0) with fewer than
    ``concurrency + 2`` finishes."""
    from sqlalchemy import select

    from creditctl.db import session_scope
    from creditctl.models import Email

    with session_scope(db_url) as session:
        finishes = sorted(
            session.scalars(
                select(Email.finished_at).where(Email.id.between(min(ids), max(ids)), Email.finished_at.is_not(None))
            )
        )
    if len(finishes) < concurrency + 2:
        return 0, 0.0
    start = finishes[concurrency - 1]
    return len(finishes) - concurrency, max(1e-6, (finishes[-1] - start).total_seconds())


# --------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout_s: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    """Wait until 127.0.0.1:``port`` accepts connections. Raises RuntimeError on timeout or
    when ``proc`` exits first."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout_s} s")


@contextmanager
def process(
    cmd: Sequence[str],
    env: dict[str, str],
    *,
    log_name: str,
    stop_signal: int = signal.SIGINT,
    stop_timeout_s: float = 20.0,
) -> Iterator[subprocess.Popen]:
    """Run ``cmd`` (stdout/stderr to a temp log file) for the duration of the block; stop it
    with ``stop_signal`` (by its pid), then SIGKILL after ``stop_timeout_s``. On a non-zero
    exit the log's tail is printed."""
    log_path = Path(tempfile.gettempdir()) / f"creditctl-bench-{log_name}-{os.getpid()}.log"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(
            list(cmd), env=env, cwd=REPO, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT
        )
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.send_signal(stop_signal)
                try:
                    proc.wait(stop_timeout_s)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
            log_file.flush()
            if proc.returncode not in (0, -signal.SIGINT, -signal.SIGTERM, 130, 143):
                tail = log_path.read_text(errors="replace")[-1500:]
                print(f"  ({log_name} exited with {proc.returncode}; log tail:)\n{tail}")
            log_path.unlink(missing_ok=True)


def worker_cmd(threads: int, worker_type: str = "thread") -> list[str]:
    """The product's worker command (``creditctl worker``) with ``threads`` workers of
    ``worker_type`` (``thread`` or ``process``: forked processes, one job each)."""
    return [
        sys.executable,
        "-m",
        "creditctl",
        "worker",
        "--workers",
        str(threads),
        "--worker-type",
        worker_type,
        "--shutdown-timeout",
        "10",
    ]


def pipeline_rows(backend: Backend, n: int, *, templates: list[bytes] | None = None) -> list[dict[str, Any]]:
    """``n`` distinct emails as the rows the worker reads (``reading.email_values`` shape),
    built in memory from the same payloads ``seed_emails`` stores (nothing is written)."""
    from creditctl.services.intake import parse_payload

    templates = templates or payload_templates()
    tag = uuid.uuid4().hex[:8]
    rows = []
    for i in range(n):
        p = parse_payload(fill(templates[i % len(templates)], f"{tag}-{i}"))
        rows.append(
            dict(
                id=None,
                ticket_id=p.ticket_id,
                side_conversation_id=p.side_conversation_id,
                subject=p.subject or "",
                from_email=p.from_email or "",
                from_name=p.from_name or "",
                body_text=p.body_text,
                body_html=p.body_html,
                headers=dict(p.headers),
                received_at=None,
                attachments=[],
            )
        )
    return rows


def in_memory_rate(backend: Backend, rows: Sequence[dict[str, Any]]) -> tuple[float, float]:
    """(emails/s, CPU ms per email) of the worker's pure work on ``rows`` in this process,
    one core, no database: clean, extract (rules), the evidence check, match against the
    backend's claims (read once) and the safety layer + gate (``decide.judge``). The first
    tenth of the rows warms the caches and imports and is not counted."""
    from creditctl.db import session_scope
    from creditctl.services import claims, decide, reading
    from creditctl.services.context import AppContext

    ctx = AppContext(settings=settings_for(backend))
    with session_scope(backend.db_url) as session:
        candidates = claims.load_candidates(session)

    def one(row: dict[str, Any]) -> None:
        parsed = reading.clean_values(ctx.settings, row)
        result = reading.extract(ctx, row, parsed)
        problems = reading.evidence_problems(result, row, parsed)
        decide.judge(ctx, row, result, problems, candidates if result.is_creditor_reply else [], parsed)

    warm = max(1, len(rows) // 10)
    for row in rows[:warm]:
        one(row)
    started, cpu0 = time.perf_counter(), time.process_time()
    for row in rows[warm:]:
        one(row)
    n = max(1, len(rows) - warm)
    return n / (time.perf_counter() - started), (time.process_time() - cpu0) / n * 1000
