"""Readiness and health: is the database reachable, the queue, are workers alive,
is work flowing? Used by ``GET /readyz`` and ``creditctl health``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from creditctl.db import session_scope
from creditctl.services.context import AppContext


def readiness(ctx: AppContext, *, queue_probe: Callable[[], dict[str, int]] | None = None) -> dict[str, Any]:
    """``{"ready": bool, "checks": {"database": "ok"|reason, "queue": ...}, "degraded": [name, …],
    "quarantined": N}``.

    ``ready``: the server can accept and store a webhook — the database answers. A queue
    outage does not refuse Zendesk's deliveries (they are stored ``received`` and the sweep
    enqueues them when the queue is back, docs/zendesk-contract.md): it is listed in
    ``degraded`` (the checks other than the database that failed) and its reason in
    ``checks``; ``health`` and ``/metrics`` still count it as a failure.
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
            quarantined = (
                session.scalar(select(func.count()).select_from(Quarantine).where(Quarantine.status == "waiting")) or 0
            )
    except Exception as exc:  # noqa: BLE001 - the health probe: any failure reads as "unreachable: <error>"
        if "database" not in checks:
            checks["database"] = _unreachable(exc)
    if queue_probe is not None:
        try:
            queue_probe()
            checks["queue"] = "ok"
        except Exception as exc:  # noqa: BLE001 - the health probe: any failure reads as "unreachable: <error>"
            checks["queue"] = _unreachable(exc)
    degraded = [name for name, value in checks.items() if name != "database" and value != "ok"]
    return {
        "ready": checks.get("database") == "ok",
        "checks": checks,
        "degraded": degraded,
        "quarantined": quarantined,
    }


def _unreachable(exc: BaseException) -> str:
    from creditctl.outages import classify

    found = classify(exc)  # the probe talks to one server only: any error means it is not usable
    return f"unreachable: {found.error}" if found else f"unreachable: {type(exc).__name__}"


@dataclass(frozen=True)
class _Counts:
    """What the health checks read from the database in one session."""

    dead: dict[str, int]  # lease owner without a live worker -> leases held
    old_waiting: list[tuple[int, str]]  # (id, status) received/queued for too long
    failed: int  # permanent failures in the last hour
    quarantined: int  # quarantined bodies waiting
    arrived: int  # emails received in the stall window
    finished: int  # emails finished in the stall window


def _counts(ctx: AppContext, live: set[str], stall_minutes: float) -> _Counts:
    """One session's reads for ``health`` (raises when the database goes away)."""
    from datetime import timedelta

    from sqlalchemy import func, select

    from creditctl.models import IN_FLIGHT_STATUSES, Email, ProcessingStatus, Quarantine, utcnow

    now = utcnow()
    horizon = now - timedelta(seconds=ctx.settings.health_waiting_seconds)
    since = now - timedelta(minutes=stall_minutes)

    def count(model: Any, *where: Any) -> int:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    with session_scope(ctx.db_url) as session:
        leased = session.execute(
            select(Email.lease_owner, func.count())
            .where(Email.lease_owner.is_not(None), Email.processing_status.in_(IN_FLIGHT_STATUSES))
            .group_by(Email.lease_owner)
        ).all()
        old_waiting = session.execute(
            select(Email.id, Email.processing_status)
            .where(
                ((Email.processing_status == ProcessingStatus.RECEIVED) & (Email.received_at < horizon))
                | ((Email.processing_status == ProcessingStatus.QUEUED) & (Email.queued_at < horizon))
            )
            .order_by(Email.id)
            .limit(1000)
        ).all()
        return _Counts(
            dead={owner: n for owner, n in leased if owner is not None and owner not in live},
            old_waiting=[(i, st) for i, st in old_waiting],
            failed=count(
                Email, Email.processing_status == ProcessingStatus.FAILED, Email.finished_at >= now - timedelta(hours=1)
            ),
            quarantined=count(Quarantine, Quarantine.status == "waiting"),
            arrived=count(Email, Email.received_at >= since),
            finished=count(Email, Email.finished_at >= since),
        )


def _stranded(
    old_waiting: list[tuple[int, str]],
    checks: dict[str, str],
    waiting: Callable[[], tuple[set[int] | None, set[int] | None]] | None,
) -> list[int]:
    """Ids waiting without a queue message: every old ``received`` one, and old ``queued``
    ones the queue does not hold (all of them when ``waiting`` is None). A queue that
    cannot be read sets ``checks["waiting"]``."""
    from creditctl.models import ProcessingStatus

    stranded = [i for i, st in old_waiting if st == ProcessingStatus.RECEIVED]
    queued = [i for i, st in old_waiting if st == ProcessingStatus.QUEUED]
    if not queued:
        return stranded
    if waiting is None:
        return stranded + queued
    try:
        pending, scheduled = waiting()
    except Exception as exc:  # noqa: BLE001 - the queue check says it is down
        checks["waiting"] = f"cannot read the queue ({type(exc).__name__})"
        return stranded
    if pending is not None:
        stranded += [i for i in queued if i not in pending and i not in (scheduled or set())]
    return stranded


def _live_checks(
    ctx: AppContext,
    checks: dict[str, str],
    stall_minutes: float,
    waiting: Callable[[], tuple[set[int] | None, set[int] | None]] | None,
) -> dict[str, Any] | None:
    """The checks beyond readiness, written into ``checks`` (raises when the database goes
    away). Returns the emails stored but not in the queue (``unqueued.not_in_queue``; None
    without ``waiting``): shown, not a failed check, while the sweep will take them back."""
    from creditctl.services.status import system_status

    settings = ctx.settings
    doc = system_status(ctx, waiting=waiting)
    live = {w["name"] for w in doc["workers"]}
    checks["workers"] = "ok" if live else "no live worker (start `creditctl worker`)"
    counts = _counts(ctx, live, stall_minutes)
    checks["dead_leases"] = (
        "ok"
        if not counts.dead
        else "; ".join(f"dead worker {owner} holds {n} lease(s)" for owner, n in sorted(counts.dead.items()))
    )
    stranded = _stranded(counts.old_waiting, checks, waiting)
    if "waiting" not in checks:
        checks["waiting"] = (
            "ok"
            if not stranded
            else (
                f"{len(stranded)} email(s) waiting without a queue message for more than "
                f"{settings.health_waiting_seconds:g} s (ids {', '.join(map(str, sorted(stranded)[:10]))}); "
                "run `creditctl retry ID` or `creditctl reprocess --stuck`"
            )
        )
    checks["failed_last_hour"] = (
        "ok"
        if not counts.failed
        else (f"{counts.failed} email(s) failed permanently in the last hour (`creditctl retry --failed --since 1h`)")
    )
    checks["quarantine"] = (
        "ok"
        if not counts.quarantined
        else (f"{counts.quarantined} quarantined webhook body(ies) waiting (`creditctl quarantine list`)")
    )
    oldest = doc["oldest_unfinished"]
    checks["oldest_unfinished"] = (
        "ok"
        if not oldest or oldest["age_s"] <= settings.health_oldest_unfinished_seconds
        else f"email {oldest['id']} unfinished for {oldest['age_s']:.0f} s "
        f"(threshold {settings.health_oldest_unfinished_seconds:g} s)"
    )
    checks["mirror"] = _mirror_check(doc.get("mirror_backlog"), settings.health_mirror_seconds)
    checks["throughput"] = (
        "ok"
        if not counts.arrived or counts.finished
        else f"{counts.arrived} emails arrived, none finished in {stall_minutes:g} min"
    )
    return doc["not_in_queue"]  # type: ignore[no-any-return]


def _mirror_check(backlog: dict[str, Any] | None, threshold_s: float) -> str:
    """``ok``, or the backlog's line (``mirror_backlog.backlog_line``) when a mirror write
    failed or the oldest pending one is older than ``threshold_s`` seconds."""
    from creditctl.services.mirror_backlog import backlog_line

    if not backlog:
        return "ok"
    oldest = backlog.get("oldest")
    late = oldest is not None and oldest["age_s"] > threshold_s
    if not backlog["failed"] and not late:
        return "ok"
    return backlog_line(backlog) or "ok"


def health(
    ctx: AppContext,
    *,
    queue_probe: Callable[[], dict[str, int]] | None = None,
    waiting: Callable[[], tuple[set[int] | None, set[int] | None]] | None = None,
    stall_minutes: float = 15.0,
) -> dict[str, Any]:
    """Readiness plus the live path's health. Never raises for an outage: a check that
    cannot run says why.

    Returns ``{"ready": bool, "checks": {name: "ok" | reason}, "reasons": [reason, …]}``.
    Checks (thresholds in seconds from settings): ``database``, ``queue``, ``workers``
    (a live worker), ``dead_leases`` (no email leased by a worker without a heartbeat),
    ``waiting`` (no ``received``/``queued`` email without a queue message for longer
    than CREDITCTL_HEALTH_WAITING_SECONDS; ``waiting`` gives the queued ids),
    ``failed_last_hour`` (no permanent failure in the last hour), ``quarantine`` (no
    quarantined body waiting), ``oldest_unfinished`` (younger than
    CREDITCTL_HEALTH_OLDEST_UNFINISHED_SECONDS), ``mirror`` (no MongoDB mirror write
    failed, none pending for longer than CREDITCTL_HEALTH_MIRROR_SECONDS), ``throughput``. ``not_in_queue``: the
    emails stored but not in the queue (``unqueued.not_in_queue``; None when unknown), a
    note rather than a check: the sweep re-enqueues them within ``requeue_within_s``.
    """
    report = readiness(ctx, queue_probe=queue_probe)
    checks = report["checks"]
    report["not_in_queue"] = None
    if checks.get("database") == "ok":
        try:
            report["not_in_queue"] = _live_checks(ctx, checks, stall_minutes, waiting)
        except Exception as exc:  # noqa: BLE001 - the database went away between the checks
            checks["database"] = f"failed during the checks: {type(exc).__name__}"
    report["ready"] = all(v == "ok" for v in checks.values())
    report["reasons"] = [f"{name}: {value}" for name, value in checks.items() if value != "ok"]
    return report
