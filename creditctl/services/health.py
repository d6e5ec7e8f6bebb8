"""Readiness and health: is the database reachable, the queue, are workers alive,
is work flowing? Used by ``GET /readyz`` and ``creditctl health``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from creditctl.db import session_scope
from creditctl.services.context import AppContext


def readiness(ctx: AppContext, *, queue_probe: Callable[[], dict[str, int]] | None = None) -> dict[str, Any]:
    """``{"ready": bool, "checks": {"database": "ok"|reason, "queue": ...}, "quarantined": N}``.

    ``quarantined``: signed webhook bodies waiting in the quarantine (shown, not a
    readiness failure: the server can still take mail); None when the database is down.
    """
    from sqlalchemy import func, select

    from creditctl.models import Quarantine

    checks: dict[str, str] = {}
    quarantined: int | None = None
    try:
        with session_scope(ctx.db_url) as session:
            session.execute(text("SELECT 1"))
            checks["database"] = "ok"
            quarantined = session.scalar(select(func.count()).select_from(Quarantine).where(
                Quarantine.status == "waiting")) or 0
    except Exception as exc:  # noqa: BLE001 - the health probe: any failure reads as "unreachable: <error>"
        if "database" not in checks:
            checks["database"] = _unreachable(exc)
    if queue_probe is not None:
        try:
            queue_probe()
            checks["queue"] = "ok"
        except Exception as exc:  # noqa: BLE001 - the health probe: any failure reads as "unreachable: <error>"
            checks["queue"] = _unreachable(exc)
    return {"ready": all(v == "ok" for v in checks.values()), "checks": checks, "quarantined": quarantined}


def _unreachable(exc: BaseException) -> str:
    from creditctl.outages import classify

    found = classify(exc)  # the probe talks to one server only: any error means it is not usable
    return f"unreachable: {found.error}" if found else f"unreachable: {type(exc).__name__}"


def health(ctx: AppContext, *, queue_probe: Callable[[], dict[str, int]] | None = None,
           waiting: Callable[[], tuple[set[int] | None, set[int] | None]] | None = None,
           stall_minutes: float = 15.0) -> dict[str, Any]:
    """Readiness plus the live path's health. Never raises for an outage: a check that
    cannot run says why.

    Returns ``{"ready": bool, "checks": {name: "ok" | reason}, "reasons": [reason, …]}``.
    Checks (thresholds in seconds from settings): ``database``, ``queue``, ``workers``
    (a live worker), ``dead_leases`` (no email leased by a worker without a heartbeat),
    ``waiting`` (no ``received``/``queued`` email without a queue message for longer
    than CREDITCTL_HEALTH_WAITING_SECONDS; ``waiting`` gives the queued ids),
    ``failed_last_hour`` (no permanent failure in the last hour), ``quarantine`` (no
    quarantined body waiting), ``oldest_unfinished`` (younger than
    CREDITCTL_HEALTH_OLDEST_UNFINISHED_SECONDS), ``throughput``.
    """
    from datetime import timedelta

    from sqlalchemy import func, select

    from creditctl.models import IN_FLIGHT_STATUSES, Email, ProcessingStatus, Quarantine, utcnow
    from creditctl.services.status import system_status

    settings = ctx.settings
    report = readiness(ctx, queue_probe=queue_probe)
    checks = report["checks"]
    if checks.get("database") == "ok":
        try:
            doc = system_status(ctx)
            now = utcnow()
            live = {w["name"] for w in doc["workers"]}
            checks["workers"] = "ok" if live else "no live worker (start `creditctl worker`)"
            with session_scope(ctx.db_url) as session:
                leased = session.execute(
                    select(Email.lease_owner, func.count()).where(
                        Email.lease_owner.is_not(None), Email.processing_status.in_(IN_FLIGHT_STATUSES))
                    .group_by(Email.lease_owner)).all()
                dead = {owner: n for owner, n in leased if owner not in live}
                checks["dead_leases"] = "ok" if not dead else "; ".join(
                    f"dead worker {owner} holds {n} lease(s)" for owner, n in sorted(dead.items()))
                horizon = now - timedelta(seconds=settings.health_waiting_seconds)
                old_waiting = session.execute(
                    select(Email.id, Email.processing_status).where(
                        ((Email.processing_status == ProcessingStatus.RECEIVED) & (Email.received_at < horizon))
                        | ((Email.processing_status == ProcessingStatus.QUEUED) & (Email.queued_at < horizon)))
                    .order_by(Email.id).limit(1000)).all()
                failed = session.scalar(select(func.count()).select_from(Email).where(
                    Email.processing_status == ProcessingStatus.FAILED,
                    Email.finished_at >= now - timedelta(hours=1))) or 0
                quarantined = session.scalar(select(func.count()).select_from(Quarantine).where(
                    Quarantine.status == "waiting")) or 0
                since = now - timedelta(minutes=stall_minutes)
                arrived = session.scalar(select(func.count()).select_from(Email).where(Email.received_at >= since)) or 0
                finished = session.scalar(select(func.count()).select_from(Email).where(Email.finished_at >= since)) or 0
            stranded = [i for i, st in old_waiting if st == ProcessingStatus.RECEIVED]
            queued = [i for i, st in old_waiting if st == ProcessingStatus.QUEUED]
            if queued:
                if waiting is None:
                    stranded += queued
                else:
                    try:
                        pending, scheduled = waiting()
                    except Exception as exc:  # noqa: BLE001 - the queue check says it is down
                        pending = scheduled = None
                        checks["waiting"] = f"cannot read the queue ({type(exc).__name__})"
                    if pending is not None:
                        stranded += [i for i in queued if i not in pending and i not in (scheduled or set())]
            if "waiting" not in checks:
                checks["waiting"] = "ok" if not stranded else (
                    f"{len(stranded)} email(s) waiting without a queue message for more than "
                    f"{settings.health_waiting_seconds:g} s (ids {', '.join(map(str, sorted(stranded)[:10]))}); "
                    "run `creditctl retry ID` or `creditctl reprocess --stuck`")
            checks["failed_last_hour"] = "ok" if not failed else (
                f"{failed} email(s) failed permanently in the last hour (`creditctl retry --failed --since 1h`)")
            checks["quarantine"] = "ok" if not quarantined else (
                f"{quarantined} quarantined webhook body(ies) waiting (`creditctl quarantine list`)")
            oldest = doc["oldest_unfinished"]
            checks["oldest_unfinished"] = (
                "ok" if not oldest or oldest["age_s"] <= settings.health_oldest_unfinished_seconds
                else f"email {oldest['id']} unfinished for {oldest['age_s']:.0f} s "
                     f"(threshold {settings.health_oldest_unfinished_seconds:g} s)")
            checks["throughput"] = ("ok" if not arrived or finished
                                    else f"{arrived} emails arrived, none finished in {stall_minutes:g} min")
        except Exception as exc:  # noqa: BLE001 - the database went away between the checks
            checks["database"] = f"failed during the checks: {type(exc).__name__}"
    report["ready"] = all(v == "ok" for v in checks.values())
    report["reasons"] = [f"{name}: {value}" for name, value in checks.items() if value != "ok"]
    return report
