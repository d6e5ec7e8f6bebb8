"""``creditctl status`` shows a worker's lease honestly: a worker that lost the database
keeps its lease (and its row among the live workers) until the lease runs out; the line
says its heartbeat is stale and when the lease expires and the email is re-queued, instead
of a plain "holding #9" (``overview._lease``, ``render.holding_words``). Both backend pairs."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from rich.console import Console

from creditctl import render
from creditctl.db import session_scope
from creditctl.models import Email, WorkerHeartbeat, utcnow
from creditctl.schemas import WebhookPayload
from creditctl.services import intake
from creditctl.services.overview import HEARTBEAT_STALE_S, system_status
from tests.helpers import Env, payload


def _held_by(env: Env, worker: str, *, seen_ago_s: float, lease_left_s: float) -> int:
    body = payload()
    email_id = intake.store_email(env.ctx, WebhookPayload.model_validate_json(body), body, None).email_id
    now = utcnow()
    with session_scope(env.ctx.db_url) as s:
        s.add(
            WorkerHeartbeat(name=worker, host="h", pid=4242, seen_at=now - timedelta(seconds=seen_ago_s), rss_mb=80.0)
        )
        s.execute(
            Email.__table__.update()
            .where(Email.id == email_id)
            .values(lease_owner=worker, lease_expires_at=now + timedelta(seconds=lease_left_s))
        )
    return email_id


def _worker_line(doc: dict[str, Any], name: str) -> str:
    console = Console(width=400, record=True)
    for item in render.system_renderables(doc):
        console.print(item)
    lines = [line for line in console.export_text().splitlines() if line.startswith(f"worker {name}:")]
    assert len(lines) == 1, console.export_text()
    return lines[0]


def test_a_worker_without_heartbeat_shows_when_its_lease_expires(env: Env) -> None:
    lease_s = env.ctx.settings.lease_seconds
    email_id = _held_by(env, "w-lost", seen_ago_s=min(75.0, max(30.0, lease_s) - 2), lease_left_s=lease_s / 3)
    doc = system_status(env.ctx)
    worker = next(w for w in doc["workers"] if w["name"] == "w-lost")
    assert worker["holding"] == [email_id] and worker["heartbeat_stale"] is True
    assert worker["leases"][0]["id"] == email_id and worker["leases"][0]["expiring"] is True
    line = _worker_line(doc, "w-lost")
    assert f"holding #{email_id} — no heartbeat for " in line, line
    assert "lease expires in " in line and ", then it is re-queued" in line, line


def test_an_expired_lease_says_the_sweep_re_queues_it(env: Env) -> None:
    email_id = _held_by(env, "w-gone", seen_ago_s=HEARTBEAT_STALE_S + 5, lease_left_s=-5)
    line = _worker_line(system_status(env.ctx), "w-gone")
    assert f"#{email_id} — no heartbeat for " in line and "lease expired " in line, line
    assert "ago: the sweep re-queues it" in line, line


def test_a_healthy_worker_is_just_holding(env: Env) -> None:
    lease_s = env.ctx.settings.lease_seconds
    email_id = _held_by(env, "w-ok", seen_ago_s=0.5, lease_left_s=lease_s)
    line = _worker_line(system_status(env.ctx), "w-ok")
    assert line.endswith(f"holding #{email_id}"), line
    assert "heartbeat" not in line and "lease" not in line
