"""Test helpers: build a runtime on a backend pair, drain its queue deterministically,
sign webhook requests."""

from __future__ import annotations

import atexit
import json
import shutil
import sqlite3
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from creditctl.adapters.notifier import LogNotifier
from creditctl.db import dispose_engine, dispose_engines
from creditctl.migrate import upgrade
from creditctl.services.context import AppContext
from creditctl.settings import Settings, load_settings
from creditctl.signature import sign
from creditctl.tasks import Runtime, build_runtime
from tests import realservices

SECRET = "test-webhook-secret"
API_TOKEN = "test-api-token"
DATA = Path(__file__).resolve().parent.parent / "creditctl" / "data"

FAST = dict(
    retry_min_delay=0.01,
    retry_max_delay=0.05,
    alert_window_seconds=0.0,
    lease_seconds=5.0,
    stuck_grace_seconds=0.5,
    sweep_interval=1.0,
)


@dataclass
class Env:
    backend: str
    settings: Settings
    runtime: Runtime
    pg_database: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ctx(self) -> AppContext:
        return self.runtime.ctx

    @property
    def huey(self):
        return self.runtime.huey

    def close(self) -> None:
        dispose_engines()
        if self.pg_database:
            realservices.drop_pg_database(self.pg_database)


# Migrated once per test process: each env's database is a copy of a migrated template
# (PostgreSQL's CREATE DATABASE … TEMPLATE, SQLite's backup API) instead of running every
# migration again per test. The copy is the schema `upgrade` builds, byte for byte;
# tests/integration/test_migrations.py still runs the migrations themselves.
_templates: dict[str, str] = {}


def _migrated_template(backend: str) -> str:
    """URL of this process's migrated template database for ``backend`` ("sqlite" or "pg"),
    made on first use and removed at exit; nothing stays connected to it."""
    if backend not in _templates:
        if backend == "pg":
            url = realservices.fresh_pg_database("ct_template")
            atexit.register(_drop_pg_template, url)
        else:
            directory = tempfile.mkdtemp(prefix="creditctl-template-")
            atexit.register(shutil.rmtree, directory, True)
            url = f"sqlite:///{directory}/creditctl.db"
        upgrade(url)
        dispose_engine(url)
        _templates[backend] = url
    return _templates[backend]


def _drop_pg_template(url: str) -> None:
    try:
        realservices.drop_pg_database(url)
    except Exception:  # noqa: BLE001 — the throwaway cluster may already be gone at exit
        pass


def _copy_sqlite(source_url: str, target: Path) -> None:
    """Copies the SQLite database of ``source_url`` to the file ``target`` (sqlite3's
    online backup: a consistent copy, write-ahead log included)."""
    target.parent.mkdir(parents=True, exist_ok=True)  # a test's own subdirectory may not exist yet
    source = sqlite3.connect(source_url.removeprefix("sqlite:///"))
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()


def make_settings(tmp_path: Path, backend: str, **overrides: Any) -> tuple[Settings, str | None]:
    """Settings for ``backend`` ("sqlite" or "pg") with millisecond retries; the database
    is a fresh copy of a migrated template (at the head revision)."""
    values: dict[str, Any] = dict(
        home=tmp_path, zendesk_webhook_secret=SECRET, api_token=API_TOKEN, extractor="rules", **FAST
    )
    pg_db = None
    if backend == "pg":
        pg_db = realservices.fresh_pg_database("ct", template=_migrated_template("pg"))
        redis_url = realservices.redis_url()
        realservices.flush_redis(redis_url)
        values.update(database_url=pg_db, queue_url=redis_url)
    else:
        _copy_sqlite(_migrated_template("sqlite"), tmp_path / "creditctl.db")
        values.update(database_url=f"sqlite:///{tmp_path}/creditctl.db", queue_url=f"sqlite:///{tmp_path}/queue.db")
    values.update(overrides)
    return load_settings(**values), pg_db


def make_env(tmp_path: Path, backend: str, *, ctx_kwargs: dict[str, Any] | None = None, **overrides: Any) -> Env:
    settings, pg_db = make_settings(tmp_path, backend, **overrides)
    if "database_url" in overrides:  # not the templated copy: migrate it here
        upgrade(settings.effective_database_url)
    ctx = AppContext(settings=settings, **{"notifier": LogNotifier(), **(ctx_kwargs or {})})
    runtime = build_runtime(settings, ctx=ctx, adapters=False)
    return Env(backend, settings, runtime, pg_db)


def drain(runtime: Runtime, *, timeout_s: float = 30.0) -> int:
    """Run queued and scheduled tasks in this thread until the queue is empty.

    Returns the number of tasks executed. Raises TimeoutError after ``timeout_s``.
    """
    huey = runtime.huey
    executed = 0
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for task in huey.read_schedule(datetime.now(UTC).replace(tzinfo=None)):
            huey.enqueue(task)
        task = huey.dequeue()
        if task is not None:
            huey.execute(task)
            executed += 1
            continue
        if huey.scheduled_count() == 0 and huey.pending_count() == 0:
            return executed
        time.sleep(0.01)
    raise TimeoutError(f"queue not drained within {timeout_s} s")


def signed_headers(body: bytes, *, secret: str = SECRET, invocation_id: str | None = None) -> dict[str, str]:
    timestamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "Content-Type": "application/json",
        "X-Zendesk-Webhook-Signature": sign(secret, timestamp, body),
        "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
        "X-Zendesk-Webhook-Invocation-Id": invocation_id or str(uuid.uuid4()),
    }


def unique_body(text: str) -> str:
    """``text`` with a unique signature line: a distinct email for content deduplication
    , read the same by the cleaner (the signature is cut)."""
    return f"{text}\n\n-- \nVorgang {uuid.uuid4().hex[:12]}"


def payload(**fields: Any) -> bytes:
    # a unique signature line keeps each default body distinct (content deduplication)
    base = {
        "ticket_id": "4711",
        "comment_id": str(uuid.uuid4().int % 10**9),
        "subject": "AW: Forderung",
        "from_email": "inkasso@example.org",
        "from_name": "Inkasso GmbH",
        "body_text": f"Die Gesamtforderung beträgt 1.234,56 EUR.\n\n-- \nVorgang {uuid.uuid4().hex[:12]}",
    }
    base.update(fields)
    return json.dumps(base, ensure_ascii=False).encode("utf-8")


def import_sample_clients(env: Env) -> None:
    from creditctl.services.clients import import_clients

    import_clients(env.ctx, path=DATA / "sample_clients.json")


def sample_payload(name: str) -> bytes:
    return (DATA / "sample_emails" / name).read_bytes()


#: Two replies of the operator trial that both review faces (the CLI and the desk) are tested on,
#: against the sample clients: a "client unknown" reply stating another customer's balance (the
#: safety checks refuse the figure) and a reply whose only identifier is its sender.
REFUSED_FIGURE_REPLY: dict[str, str] = {
    "ticket_id": "7003",
    "from_email": "buchhaltung@versandhaus-albrecht.example",
    "from_name": "Versandhaus Albrecht GmbH",
    "subject": "AW: Sabine Kowalczyk, Kundennummer VA-300-118-442",
    "body_text": "Hallo,\n\neine Kundin mit dem Namen Sabine Kowalczyk ist uns nicht bekannt. Unter der "
    "angegebenen Kundennummer VA-300-118-442 ist ein anderer Kunde mit einem offenen Betrag von "
    "1.250,00 EUR gespeichert. Bitte prüfen Sie Ihre Angaben.\n\nViele Grüße\nVersandhaus Albrecht GmbH",
}
SENDER_ONLY_REPLY: dict[str, str] = {
    "ticket_id": "7004",
    "from_email": "forderungen@nordbank-kredit.example",
    "from_name": "Nordbank Kredit AG",
    "subject": "AW: Ihre Anfrage",
    "body_text": "Sehr geehrte Damen und Herren,\n\nSaldo: 8.240,00 EUR\n\nMit freundlichen Grüßen\nNordbank Kredit AG",
}
