"""Prometheus metrics (prometheus-client) served at ``GET /metrics``.

Design (why the worker's numbers reach the ``serve`` endpoint): workers are separate
processes, possibly on other hosts, so their in-process counters could not be scraped
from ``serve`` (prometheus-client's multiprocess mode only covers processes sharing one
directory on one host). Everything a worker does is already written to the database —
the append-only ``events`` table (attempts with ``duration_ms`` and ``error_class``,
transitions, retries, failures) and the emails' token columns — so the worker-side
metrics are *derived from the database at scrape time* by ``DatabaseCollector``. That
works for any number of workers on any number of hosts, survives worker restarts, and
every ``serve`` replica reports the same totals (scrape one, or use ``max`` across
replicas, not ``sum``). Cost: the event-derived numbers are folded into
``metric_rollups`` up to a watermark (``advance_rollup``, at each scrape, events older
than ``ROLLUP_SETTLE_SECONDS``); a scrape aggregates only the events after the
watermark (a primary-key range), so its cost does not grow with the history. Counting
is by typed fields (``kind``, ``to_status``, ``error_class``), never by message text.

Only the webhook outcome counter is per process (it counts what this ``serve`` process
answered); sum it across replicas.

Metric names (all prefixed ``creditctl_``):

=====================================  =========  ==========================================
name                                   type       labels / meaning
=====================================  =========  ==========================================
webhook_requests_total                 counter    outcome: accepted, duplicate, bad_signature,
                                                  invalid, too_large, unavailable
step_duration_seconds                  histogram  step: clean, extract, decide, attempt
emails                                 gauge      status: processing_status
emails_by_match                        gauge      match_status (all emails, decided ones included)
review_waiting                         gauge      emails waiting for review, as ``creditctl review``
                                                  lists them (services/counts.waiting_clause)
review_decisions                       gauge      decision: approved, sold, rejected (a person's
                                                  decisions that stand; a sale is never a rejection)
oldest_unfinished_seconds              gauge      age of the oldest unfinished email (0: none)
queue_depth                            gauge      kind: pending, scheduled
retries_total                          counter    attempts that ended in ``retrying``
permanent_failures_total               counter    transitions to ``failed``
attempts_total                         counter    outcome: succeeded, failed
llm_tokens_total                       counter    kind: input, output, cache_read, cache_write
llm_calls_total                        counter    outcome: ok, or the SDK's error class name
emails_not_in_queue                    gauge      emails stored (received/queued/retrying) without a
                                                  queue message: the sweep re-enqueues them
                                                  (services/unqueued.py; needs the queue; while
                                                  queue_up is 0 only the never-enqueued ones,
                                                  re-enqueued once the queue answers)
mirror_writes_pending                  gauge      claim updates and holder changes applied in SQL, not
                                                  yet written to the MongoDB mirror (retried;
                                                  services/mirror_backlog.py)
mirror_writes_failed                   gauge      claim updates and holder changes whose mirror write
                                                  failed (MongoDB answered, the element was not found
                                                  or ambiguous)
mirror_oldest_owed_seconds             gauge      age of the oldest of those (0: none)
outbox_pending                         gauge      notifications (alerts, notes) not yet delivered
database_up                            gauge      1 when the scrape-time queries succeeded
queue_up                               gauge      1 when the queue probe answered
=====================================  =========  ==========================================
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector

WEBHOOK_OUTCOMES = ("accepted", "duplicate", "bad_signature", "invalid", "too_large", "unavailable")

STEP_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
"""Histogram bucket upper bounds, seconds (an LLM extraction takes 1–30 s)."""

LLM_MESSAGE_PREFIX = "extracted by claude"
"""Start of the message of the ``→ extracted`` transition event when Claude extracted
(``processing._run_steps``). Not counted any more: each successful LLM call is an
``llm_call`` event (a typed kind, indexed), no ``LIKE`` on prose."""


class Metrics:
    """One web app's registry: the webhook outcome counter plus ``DatabaseCollector``.

    ``queue_probe``: a callable returning ``{"pending": N, "scheduled": M}`` (raises
    when the queue is unreachable). One instance per app, so tests read exact values.
    """

    def __init__(self, ctx: Any, *, queue_probe: Callable[[], dict[str, int]] | None = None) -> None:
        self.registry = CollectorRegistry(auto_describe=False)
        self.webhooks = Counter(
            "creditctl_webhook_requests", "Webhook requests by outcome", ["outcome"], registry=self.registry
        )
        # each outcome's child, created at once (exported as 0) and kept: a request counts on
        # it without labels()' validation and lock per call
        self._by_outcome = {outcome: self.webhooks.labels(outcome) for outcome in WEBHOOK_OUTCOMES}
        self.registry.register(DatabaseCollector(ctx, queue_probe=queue_probe))

    def webhook(self, outcome: str) -> None:
        """Count one webhook answer; ``outcome`` is one of ``WEBHOOK_OUTCOMES``."""
        child = self._by_outcome.get(outcome)
        (self.webhooks.labels(outcome) if child is None else child).inc()

    def render(self) -> tuple[bytes, str]:
        """The Prometheus text exposition and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def step_of(kind: str, to_status: str | None) -> str | None:
    """The step an event with ``duration_ms`` measures: ``attempt`` events time a whole
    attempt; a transition times the step that led to it (→ parsed: clean, → extracted:
    extract, → a terminal status: decide)."""
    if kind == "attempt":
        return "attempt"
    if kind != "transition" or not to_status:
        return None
    return {"parsed": "clean", "extracted": "extract"}.get(
        to_status, "decide" if to_status in ("completed", "not_creditor_reply") else None
    )


class DatabaseCollector(Collector):
    """Computes the system-wide metrics from the database (and the queue probe) on
    every scrape. Never raises: an unreachable database yields ``database_up 0``."""

    def __init__(self, ctx: Any, *, queue_probe: Callable[[], dict[str, int]] | None = None) -> None:
        self.ctx = ctx
        self.queue_probe = queue_probe

    def collect(self) -> Iterator[Metric]:
        db_up = GaugeMetricFamily("creditctl_database_up", "1 when the scrape-time database queries succeeded")
        try:
            families = list(self._database_families())
            db_up.add_metric([], 1)
        except Exception:  # noqa: BLE001 - a probe: a scrape during a database outage still answers (database_up 0)
            families = []
            db_up.add_metric([], 0)
        yield from families
        yield db_up
        yield from self._queue_families()

    def _queue_families(self) -> Iterator[Metric]:
        depth = GaugeMetricFamily("creditctl_queue_depth", "Tasks waiting in the queue", labels=["kind"])
        up = GaugeMetricFamily("creditctl_queue_up", "1 when the queue answered the depth probe")
        if self.queue_probe is None:
            return
        try:
            for kind, value in self.queue_probe().items():
                depth.add_metric([kind], value)
            up.add_metric([], 1)
        except Exception:  # noqa: BLE001 - a probe: any failure of the queue reads as queue_up 0
            up.add_metric([], 0)
        yield depth
        yield up

    def _database_families(self) -> Iterator[Metric]:
        from sqlalchemy import func, select, text

        from creditctl.db import session_scope
        from creditctl.models import UNFINISHED_SQL, Email, utcnow
        from creditctl.services import counts

        advance_rollup(self.ctx)
        with session_scope(self.ctx.db_url) as session:
            counts.compact(session)
        with session_scope(self.ctx.db_url) as session:
            custom_plans(session)
            # per-state counts and token sums from the trigger-kept table (services/counts.py)
            state_rows = counts.state_counts(session)
            by_status_map: dict[str, int] = {}
            by_match_map: dict[str, int] = {}
            for row in state_rows:
                by_status_map[row.processing_status] = by_status_map.get(row.processing_status, 0) + row.n
                by_match_map[row.match_status] = by_match_map.get(row.match_status, 0) + row.n
            by_status, by_match = sorted(by_status_map.items()), sorted(by_match_map.items())
            waiting = counts.waiting_count(state_rows)  # the review queue's definition (counts.waiting_clause)
            decided = counts.decided_counts(session, state_rows)  # approved / sold / rejected
            tokens = tuple(
                sum(getattr(r, f"{k}_tokens") for r in state_rows)
                for k in ("input", "output", "cache_read", "cache_write")
            )
            # the index predicate's own text, not bound values: a prepared (generic) plan
            # could not prove the partial index ix_emails_unfinished_received applies
            oldest = session.scalar(select(func.min(Email.received_at)).where(text(UNFINISHED_SQL)))
            sums = event_totals(session)
            now = utcnow()
        stranded = self._not_in_queue()
        yield from self._owed_families()

        def total(name: str, label: str = "") -> float:
            return sums.get((name, label), 0.0)

        emails = GaugeMetricFamily("creditctl_emails", "Emails by processing status", labels=["status"])
        for status, n in by_status:
            emails.add_metric([str(status)], n)
        yield emails
        matches = GaugeMetricFamily("creditctl_emails_by_match", "Emails by match status", labels=["match_status"])
        for status, n in by_match:
            matches.add_metric([str(status)], n)
        yield matches
        yield GaugeMetricFamily(
            "creditctl_review_waiting",
            "Emails waiting for review: completed, needs_review or no_match, decided by nobody (as `creditctl review`)",
            value=waiting,
        )
        decisions = GaugeMetricFamily(
            "creditctl_review_decisions",
            "A person's decisions that stand, by kind (approved, sold: the new holder recorded, rejected)",
            labels=["decision"],
        )
        for kind, n in decided.items():
            decisions.add_metric([kind], n)
        yield decisions
        yield GaugeMetricFamily(
            "creditctl_oldest_unfinished_seconds",
            "Age of the oldest unfinished email, seconds",
            value=max(0.0, (now - oldest).total_seconds()) if oldest else 0.0,
        )
        if stranded is not None:
            yield GaugeMetricFamily(
                "creditctl_emails_not_in_queue",
                "Emails stored but without a queue message (the sweep re-enqueues them; "
                "while creditctl_queue_up is 0, only those never enqueued, taken once the queue answers)",
                value=stranded,
            )
        yield CounterMetricFamily(
            "creditctl_retries",
            "Failed attempts that were scheduled for a retry",
            value=total("transition", "retrying"),
        )
        yield CounterMetricFamily(
            "creditctl_permanent_failures",
            "Transitions to failed (permanent error or retries exhausted)",
            value=total("transition", "failed"),
        )
        attempt_family = CounterMetricFamily("creditctl_attempts", "Processing attempts by outcome", labels=["outcome"])
        for outcome in ("succeeded", "failed"):
            attempt_family.add_metric([outcome], total("attempt", outcome))
        yield attempt_family
        rows = []
        for (name, label), count in sums.items():
            if name == "dur_count":
                kind, _, to_status = label.partition("|")
                rows.append(
                    (
                        kind,
                        to_status or None,
                        count,
                        total("dur_sum", label) * 1000,
                        *[total(f"dur_le_{i}", label) for i in range(len(STEP_BUCKETS_S))],
                    )
                )
        yield self._histogram(rows)
        token_family = CounterMetricFamily(
            "creditctl_llm_tokens", "LLM tokens used (per email, last extraction)", labels=["kind"]
        )
        for kind, value in zip(("input", "output", "cache_read", "cache_write"), tokens, strict=True):
            token_family.add_metric([kind], value or 0)
        yield token_family
        calls = CounterMetricFamily("creditctl_llm_calls", "LLM extraction calls by outcome", labels=["outcome"])
        calls.add_metric(["ok"], total("llm_call"))
        for (name, label), errors in sorted(sums.items()):
            if name == "llm_error":
                calls.add_metric([label.rsplit(".", 1)[-1]], errors)
        yield calls

    def _owed_families(self) -> Iterator[Metric]:
        """The mirror writes (claim updates and holder changes) and notifications still owed
        (bounded reads: the partial index ``ix_claim_updates_mirror_owed``, ``ix_outbox_status``)."""
        from creditctl.dbapi import reading, utcnow
        from creditctl.services.mirror_backlog import COUNT_LIMIT, mirror_backlog

        outbox_sql = f"SELECT count(*) FROM (SELECT 1 FROM outbox WHERE status = 'pending' LIMIT {COUNT_LIMIT}) AS owed"  # noqa: S608 - constant
        with reading(self.ctx.db_url) as db:
            backlog = mirror_backlog(db, utcnow())
            outbox = db.scalar(outbox_sql) or 0
        yield GaugeMetricFamily(
            "creditctl_mirror_writes_pending",
            "Claim updates and holder changes applied in SQL, not yet written to the MongoDB mirror (retried)",
            value=backlog["pending"],
        )
        yield GaugeMetricFamily(
            "creditctl_mirror_writes_failed",
            "Claim updates and holder changes whose MongoDB mirror write failed (element not found or ambiguous)",
            value=backlog["failed"],
        )
        oldest = backlog["oldest"]
        yield GaugeMetricFamily(
            "creditctl_mirror_oldest_owed_seconds",
            "Age of the oldest claim update or holder change not written to the MongoDB mirror, seconds (0: none)",
            value=oldest["age_s"] if oldest else 0.0,
        )
        yield GaugeMetricFamily(
            "creditctl_outbox_pending", "Notifications (alerts, notes) not yet delivered", value=outbox
        )

    def _not_in_queue(self) -> int | None:
        """``unqueued.not_in_queue``'s count, or None without a queue to read (or too long)."""
        from creditctl.dbapi import reading
        from creditctl.queue import waiting_email_ids
        from creditctl.services import unqueued

        huey = getattr(self.ctx, "queue", None)
        if huey is None:
            return None
        with reading(self.ctx.db_url) as db:
            doc = unqueued.not_in_queue(
                db, self.ctx.settings, waiting=lambda: waiting_email_ids(huey, limit=unqueued.READ_LIMIT)
            )
        return None if doc is None else int(doc["count"])

    @staticmethod
    def _histogram(rows: list[Any]) -> HistogramMetricFamily:
        merged: dict[str, list[float]] = {}
        for kind, to_status, count, total_ms, *buckets in rows:
            step = step_of(kind, to_status)
            if step is None:
                continue
            acc = merged.setdefault(step, [0.0, 0.0] + [0.0] * len(STEP_BUCKETS_S))
            acc[0] += count
            acc[1] += float(total_ms or 0) / 1000
            for i, value in enumerate(buckets):
                acc[2 + i] += value or 0
        family = HistogramMetricFamily(
            "creditctl_step_duration_seconds", "Processing step duration, seconds", labels=["step"]
        )
        for step in sorted(merged):
            count, total_s, *cumulative = merged[step]
            pairs = [(_le(b), c) for b, c in zip(STEP_BUCKETS_S, cumulative, strict=True)] + [("+Inf", count)]
            family.add_metric([step], pairs, sum_value=total_s)
        return family


ROLLUP_SETTLE_SECONDS = 60.0
"""Events older than this (seconds) are folded into ``metric_rollups``; younger ones are
aggregated at scrape time (a transaction may still commit a lower id)."""
WATERMARK = ("_watermark", "")


def _event_sums(session: Any, after_id: int, upto_id: int | None = None) -> dict[tuple[str, str], float]:
    """Every event-derived number over ``after_id < events.id <= upto_id`` (primary-key
    range: the cost is the range, not the history). Keys ``(name, label)``."""
    from sqlalchemy import case, func, select

    from creditctl.models import Event

    rng = [Event.id > after_id] + ([Event.id <= upto_id] if upto_id is not None else [])
    out: dict[tuple[str, str], float] = {}

    def add(key: tuple[str, str], value: Any) -> None:
        out[key] = out.get(key, 0.0) + float(value or 0)

    for to_status, n in session.execute(
        select(Event.to_status, func.count())
        .where(*rng, Event.kind == "transition", Event.to_status.in_(["retrying", "failed"]))
        .group_by(Event.to_status)
    ):
        add(("transition", to_status), n)
    outcome = case((Event.error_class.is_(None), "succeeded"), else_="failed")
    for name, n in session.execute(
        select(outcome, func.count()).where(*rng, Event.kind == "attempt").group_by(outcome)
    ):
        add(("attempt", name), n)
    bucket_cols = [func.sum(case((Event.duration_ms <= b * 1000, 1), else_=0)) for b in STEP_BUCKETS_S]
    for kind, to_status, count, total_ms, *buckets in session.execute(
        select(Event.kind, Event.to_status, func.count(), func.sum(Event.duration_ms), *bucket_cols)
        .where(*rng, Event.duration_ms.is_not(None), Event.kind.in_(["attempt", "transition"]))
        .group_by(Event.kind, Event.to_status)
    ):
        label = f"{kind}|{to_status or ''}"
        add(("dur_count", label), count)
        add(("dur_sum", label), float(total_ms or 0) / 1000)
        for i, value in enumerate(buckets):
            add((f"dur_le_{i}", label), value)
    add(("llm_call", ""), session.scalar(select(func.count()).select_from(Event).where(*rng, Event.kind == "llm_call")))
    for error_class, n in session.execute(
        select(Event.error_class, func.count())
        .where(*rng, Event.kind == "attempt", Event.error_class.startswith("anthropic."))
        .group_by(Event.error_class)
    ):
        add(("llm_error", str(error_class)), n)
    return {k: v for k, v in out.items() if v}


def _watermark(session: Any) -> int:
    from creditctl.models import MetricRollup

    row = session.get(MetricRollup, WATERMARK)
    return int(row.value) if row is not None else 0


def event_totals(session: Any) -> dict[tuple[str, str], float]:
    """The rolled-up totals plus the events after the watermark (``_event_sums``)."""
    from sqlalchemy import select

    from creditctl.models import MetricRollup

    totals = {
        (r.name, r.label): float(r.value)
        for r in session.scalars(select(MetricRollup))
        if (r.name, r.label) != WATERMARK
    }
    for key, value in _event_sums(session, _watermark(session)).items():
        totals[key] = totals.get(key, 0.0) + value
    return totals


def advance_rollup(ctx: Any, *, settle_s: float = ROLLUP_SETTLE_SECONDS) -> int:
    """Fold events older than ``settle_s`` seconds and after the watermark into
    ``metric_rollups`` and move the watermark (one transaction; the watermark row is
    locked, so concurrent scrapes fold each event once). Returns the new watermark."""
    from datetime import timedelta

    from sqlalchemy import func, select
    from sqlalchemy.dialects import postgresql, sqlite

    from creditctl.db import is_sqlite, session_scope
    from creditctl.models import Event, MetricRollup, utcnow

    insert = sqlite.insert if is_sqlite(ctx.db_url) else postgresql.insert
    with session_scope(ctx.db_url) as session:
        custom_plans(session)
        session.execute(
            insert(MetricRollup)
            .values(name=WATERMARK[0], label=WATERMARK[1], value=0)
            .on_conflict_do_nothing(index_elements=["name", "label"])
        )
        mark = session.scalars(
            select(MetricRollup)
            .where(
                MetricRollup.name == WATERMARK[0],  # inserted above
                MetricRollup.label == WATERMARK[1],
            )
            .with_for_update()
        ).one()
        low = int(mark.value)
        high = session.scalar(
            select(func.max(Event.id)).where(Event.id > low, Event.at < utcnow() - timedelta(seconds=settle_s))
        )
        if high is None:
            return low
        for (name, label), value in _event_sums(session, low, high).items():
            session.execute(
                insert(MetricRollup)
                .values(name=name, label=label, value=value)
                .on_conflict_do_update(index_elements=["name", "label"], set_={"value": MetricRollup.value + value})
            )
        mark.value = high
        return high


def custom_plans(session: Any) -> None:
    """PostgreSQL: plan this transaction's statements for their actual values
    (``SET LOCAL plan_cache_mode = force_custom_plan``). The event reads are bounded by
    ``id > watermark``; a prepared statement's generic plan does not know the watermark
    is near the end of the table and scanned far more (bench/reads.py). Transaction-scoped,
    so it holds under a transaction-mode pooler (docs/scaling.md)."""
    from sqlalchemy import text

    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))


def _le(bound: float) -> str:
    return repr(float(bound))


def monotonic_ms(started: float) -> float:
    """Milliseconds since ``started`` (a ``time.monotonic()`` value), rounded to 0.001."""
    return round((time.monotonic() - started) * 1000, 3)
