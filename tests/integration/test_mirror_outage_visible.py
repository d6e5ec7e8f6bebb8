"""A MongoDB mirror outage is visible: the claim is applied in SQL (the source of truth)
and its mirror write stays owed; ``creditctl health`` fails with one line naming the
mirror, the count, the oldest age and the last error; ``/metrics`` has the gauges;
``status`` names them. Both backend pairs (SQLite + SqliteHuey here, PostgreSQL + Redis
under scripts/test); the mirror is a real pymongo client on a closed port.

    bash scripts/test tests/integration/test_mirror_outage_visible.py -q -p no:cacheprovider
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from sqlalchemy import select, update
from typer.testing import CliRunner

from creditctl import render
from creditctl.adapters.mirror import MongoMirror
from creditctl.cli import app
from creditctl.db import session_scope
from creditctl.exceptions import MirrorUnavailable
from creditctl.metrics import Metrics
from creditctl.models import Claim, ClaimUpdate, Email, utcnow
from creditctl.services import claims, clients, health
from creditctl.services.overview import system_status
from creditctl.settings import get_settings
from tests.helpers import Env
from tests.ports import free_port

CLIENT = [
    {
        "file_number": "BÖ-2024-0173",
        "name": "Tamara Reinholz",
        "claims": [
            {
                "creditor_name": "Modehaus Lindner KG",
                "creditor_emails": ["forderungsmanagement@lindner.example"],
                "creditor_reference": "RPI-7712-4408-19",
                "amount": "540.00",
            }
        ],
    }
]


@pytest.fixture
def owed(env: Env, tmp_path: Path) -> Iterator[tuple[Env, int, int]]:
    """A claim applied in SQL whose mirror write failed on a dead MongoDB, 20 minutes ago:
    ``(env, email_id, port)``."""
    path = tmp_path / "clients.json"
    path.write_text(json.dumps(CLIENT), encoding="utf-8")
    clients.import_clients(env.ctx, path=path)
    port = free_port()
    env.ctx.mirror = MongoMirror.from_url(f"mongodb://127.0.0.1:{port}/", "portal", timeout_ms=200)
    try:
        with session_scope(env.ctx.db_url) as s:
            email = Email(
                ticket_id="4711",
                dedupe_key="k-mirror",
                raw_payload=b"{}",
                processing_status="completed",
                match_status="auto_matched",
            )
            s.add(email)
            s.flush()
            email_id = email.id
            claim_id = s.scalar(select(Claim.id).where(Claim.creditor_reference == "RPI-7712-4408-19"))
            write = claims.apply_claim_update(
                s,
                env.ctx,
                email_id=email_id,
                claim_id=claim_id,
                new_amount=Decimal("612.34"),
                currency="EUR",
                extractor="rules",
            )
            assert write.status == "applied"
        with pytest.raises(MirrorUnavailable) as info:  # what the mirror task meets
            claims.sync_mirror(env.ctx, email_id)
        claims.mark_mirror_error(env.ctx, email_id, f"{type(info.value).__name__}: {info.value}")
        with session_scope(env.ctx.db_url) as s:
            s.execute(update(ClaimUpdate).values(created_at=utcnow() - timedelta(minutes=20)))
        yield env, email_id, port
    finally:
        env.ctx.mirror.close()
        env.ctx.mirror = None


def test_health_fails_with_one_line_naming_the_mirror_the_count_and_the_oldest_age(owed) -> None:
    env, email_id, port = owed
    report = health.health(env.ctx, queue_probe=lambda: {"pending": 0})
    line = report["checks"]["mirror"]
    assert line.startswith("MongoDB mirror: 1 claim update(s) not written to the mirror, oldest 20 min")
    assert f"(email {email_id})" in line
    assert f"unreachable at 127.0.0.1:{port} (connection refused)" in line
    assert "Topology" not in line and len(line) < 400
    assert not report["ready"] and any(r.startswith("mirror: MongoDB mirror: 1 ") for r in report["reasons"])

    fresh = env.ctx.settings.model_copy(update={"health_mirror_seconds": 3600.0})  # younger than the threshold
    env.ctx.settings = fresh
    assert health.health(env.ctx, queue_probe=lambda: {"pending": 0})["checks"]["mirror"] == "ok"


def test_a_failed_mirror_write_fails_health_at_once(owed) -> None:
    env, _, _ = owed
    env.ctx.settings = env.ctx.settings.model_copy(update={"health_mirror_seconds": 3600.0})
    with session_scope(env.ctx.db_url) as s:
        s.execute(update(ClaimUpdate).values(mirror_status="failed", created_at=utcnow()))
    line = health.health(env.ctx, queue_probe=lambda: {"pending": 0})["checks"]["mirror"]
    assert line.startswith("MongoDB mirror: 1 claim update(s) not written to the mirror (1 failed), oldest ")


def test_metrics_have_the_mirror_and_outbox_gauges(owed) -> None:
    env, _, _ = owed
    body = Metrics(env.ctx).render()[0].decode()
    assert "creditctl_mirror_writes_pending 1.0" in body
    assert "creditctl_mirror_writes_failed 0.0" in body
    (oldest,) = [ln for ln in body.splitlines() if ln.startswith("creditctl_mirror_oldest_owed_seconds ")]
    assert 1190 < float(oldest.split()[1]) < 1300
    assert "creditctl_outbox_pending " in body


def test_status_names_the_owed_mirror_writes(owed) -> None:
    env, email_id, _ = owed
    doc = system_status(env.ctx)
    assert doc["mirror_backlog"]["pending"] == 1 and doc["mirror_backlog"]["oldest"]["email_id"] == email_id
    console = Console(width=400, record=True)
    for item in render.system_renderables(doc):
        console.print(item)
    text = console.export_text()
    assert "MongoDB mirror: 1 claim update(s) not written to the mirror, oldest 20 min" in text


def _cli(env: Env, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    """Run ``creditctl ARGS`` in process against ``env``'s database and queue."""
    for key in [k for k in os.environ if k.startswith("CREDITCTL_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("CREDITCTL_HOME", str(env.settings.home))
    monkeypatch.setenv("CREDITCTL_DATABASE_URL", env.settings.effective_database_url)
    monkeypatch.setenv("CREDITCTL_QUEUE_URL", env.settings.effective_queue_url)
    monkeypatch.setenv("COLUMNS", "400")
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(app, list(args))
    finally:
        get_settings.cache_clear()


def test_the_health_command_exits_1_with_the_mirror_line(owed, monkeypatch: pytest.MonkeyPatch) -> None:
    env, _, _ = owed
    result = _cli(env, monkeypatch, "health")
    assert result.exit_code == 1
    (line,) = [ln for ln in result.output.splitlines() if "MongoDB mirror" in ln]
    assert "1 claim update(s) not written to the mirror, oldest 20 min" in line


def test_retry_mirror_speaks_of_the_mirror_write_and_reports_only_what_it_did(
    owed, monkeypatch: pytest.MonkeyPatch
) -> None:
    env, email_id, port = owed
    claims.mark_mirror_error(env.ctx, email_id, "MirrorUnavailable: a second failure")
    result = _cli(env, monkeypatch, "retry", "--mirror", str(email_id))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1 MongoDB mirror write(s) to redo" in out
    assert f"#{email_id} ticket 4711: mirror write pending, 2 failed attempt(s); last error: " in out
    assert "a second failure" in out
    assert "none with an error recorded" not in out and "completed" not in out  # the email's state is not the mirror's
    assert f"mirror write queued again for 1 email(s) (#{email_id})" in out
    assert "re-enqueued" not in out


def test_the_sweep_kicks_the_owed_mirror_write_again(owed) -> None:
    from creditctl.services import operations

    env, email_id, _ = owed
    report = operations.sweep(env.ctx, waiting=lambda: (set(), set()))
    assert report.mirror_kicked == [email_id]  # read through the partial index's predicate


def test_the_backlog_reads_can_use_the_partial_index_on_postgresql(pg_env: Env) -> None:
    from sqlalchemy import text

    from creditctl.services import mirror_backlog

    with session_scope(pg_env.ctx.db_url) as s:
        s.execute(text("SET LOCAL enable_seqscan = off"))  # an empty table: ask whether the index is usable
        # the claim updates' reads (the large outbox); holder changes are few (a person records a sale)
        for sql in (mirror_backlog._counts_sql("claim_updates"), mirror_backlog._oldest_sql("claim_updates")):
            plan = "\n".join(row[0] for row in s.execute(text(f"EXPLAIN {sql}")))
            assert "ix_claim_updates_mirror_owed" in plan, plan
