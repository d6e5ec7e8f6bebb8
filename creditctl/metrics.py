"""Prometheus metrics (prometheus-client). Counters are per process; gauges that
describe the whole system (emails by state, oldest unfinished, queue depth) are read
from the database at scrape time, so every worker's work shows at ``GET /metrics``."""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client import CONTENT_TYPE_LATEST

REGISTRY = CollectorRegistry(auto_describe=True)

WEBHOOKS = Counter("creditctl_webhook_requests_total", "Webhook requests by outcome", ["outcome"], registry=REGISTRY)
STEP_SECONDS = Histogram("creditctl_step_duration_seconds", "Processing step duration", ["step"], registry=REGISTRY)
EMAILS = Gauge("creditctl_emails", "Emails by processing status", ["status"], registry=REGISTRY)
MATCHES = Gauge("creditctl_emails_by_match", "Emails by match status", ["match_status"], registry=REGISTRY)
OLDEST = Gauge("creditctl_oldest_unfinished_seconds", "Age of the oldest unfinished email", registry=REGISTRY)
QUEUE = Gauge("creditctl_queue_depth", "Tasks waiting in the queue", ["kind"], registry=REGISTRY)
RETRIES = Gauge("creditctl_retries_total", "Failed attempts that were retried (from the event log)", registry=REGISTRY)
FAILURES = Gauge("creditctl_permanent_failures_total", "Emails that failed permanently", registry=REGISTRY)
LLM_TOKENS = Gauge("creditctl_llm_tokens_total", "LLM tokens used", ["kind"], registry=REGISTRY)

for _outcome in ("accepted", "duplicate", "bad_signature", "invalid", "too_large", "unavailable"):
    WEBHOOKS.labels(_outcome)


def render(ctx: Any, *, queue_probe: Any = None) -> tuple[bytes, str]:
    """Refresh the database-backed gauges and render the registry as Prometheus text."""
    from sqlalchemy import func, select

    from creditctl.db import session_scope
    from creditctl.models import Email, Event

    try:
        from creditctl.services.status import system_status

        doc = system_status(ctx)
        EMAILS.clear()
        for state, count in doc["by_status"].items():
            EMAILS.labels(state).set(count)
        MATCHES.clear()
        for state, count in doc["by_match_status"].items():
            MATCHES.labels(state).set(count)
        OLDEST.set(doc["oldest_unfinished"]["age_s"] if doc["oldest_unfinished"] else 0)
        FAILURES.set(doc["by_status"].get("failed", 0))
        with session_scope(ctx.db_url) as session:
            RETRIES.set(session.scalar(select(func.count()).select_from(Event).where(Event.to_status == "retrying")) or 0)
            tokens = session.execute(select(func.sum(Email.input_tokens), func.sum(Email.output_tokens),
                                            func.sum(Email.cache_read_tokens))).one()
        for kind, value in zip(("input", "output", "cache_read"), tokens):
            LLM_TOKENS.labels(kind).set(value or 0)
    except Exception:  # a scrape during a database outage still answers
        pass
    if queue_probe is not None:
        try:
            for kind, value in queue_probe().items():
                QUEUE.labels(kind).set(value)
        except Exception:
            pass
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
