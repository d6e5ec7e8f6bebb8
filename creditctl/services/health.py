"""Readiness and health: is the database reachable, the queue, are workers alive,
is work flowing? Used by ``GET /readyz`` and ``creditctl health``."""

from __future__ import annotations

from typing import Any, Callable

from sqlalchemy import text

from creditctl.db import session_scope
from creditctl.services.context import AppContext


def readiness(ctx: AppContext, *, queue_probe: Callable[[], dict[str, int]] | None = None) -> dict[str, Any]:
    """``{"ready": bool, "checks": {"database": "ok"|reason, "queue": ...}}``."""
    checks: dict[str, str] = {}
    try:
        with session_scope(ctx.db_url) as session:
            session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"unreachable: {type(exc).__name__}"
    if queue_probe is not None:
        try:
            queue_probe()
            checks["queue"] = "ok"
        except Exception as exc:
            checks["queue"] = f"unreachable: {type(exc).__name__}"
    return {"ready": all(v == "ok" for v in checks.values()), "checks": checks}


def health(ctx: AppContext, *, queue_probe: Callable[[], dict[str, int]] | None = None,
           max_age_s: float = 900.0, stall_minutes: float = 15.0) -> dict[str, Any]:
    """Readiness plus: a live worker, the oldest unfinished email younger than
    ``max_age_s`` seconds, and completions in the last ``stall_minutes`` while emails arrive."""
    from datetime import timedelta

    from sqlalchemy import func, select

    from creditctl.models import Email, utcnow
    from creditctl.services.status import system_status

    report = readiness(ctx, queue_probe=queue_probe)
    checks = report["checks"]
    if checks.get("database") == "ok":
        doc = system_status(ctx)
        checks["workers"] = "ok" if doc["workers"] else "no live worker (start `creditctl worker`)"
        oldest = doc["oldest_unfinished"]
        checks["oldest_unfinished"] = (
            "ok" if not oldest or oldest["age_s"] <= max_age_s
            else f"email {oldest['id']} unfinished for {oldest['age_s']:.0f} s")
        since = utcnow() - timedelta(minutes=stall_minutes)
        with session_scope(ctx.db_url) as session:
            arrived = session.scalar(select(func.count()).select_from(Email).where(Email.received_at >= since)) or 0
            finished = session.scalar(select(func.count()).select_from(Email).where(Email.finished_at >= since)) or 0
        checks["throughput"] = ("ok" if not arrived or finished
                                else f"{arrived} emails arrived, none finished in {stall_minutes:g} min")
    report["ready"] = all(v == "ok" for v in checks.values())
    return report
