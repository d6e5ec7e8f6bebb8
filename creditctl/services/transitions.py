"""The email's state machine: the one owner of every ``processing_status`` and
``match_status`` write (docs/state-machine.md is generated from this table and checked
by tests/unit/test_transitions.py, as is the README's arrow list).

``TRANSITIONS`` declares each allowed move of ``processing_status``: from which state
(``None``: the row is being inserted), to which, and who may make it (``Actor``).
``MATCH_TRANSITIONS`` does the same for ``match_status``. Every write goes through
``update_status`` / ``update_match`` (a compare-and-set UPDATE:
``… WHERE id = :id AND processing_status IN (:from…)``; the caller adds its own lease
conditions and columns and reads ``rowcount``) or ``initial_values`` (the insert). A
move that is not declared raises ``IllegalTransition`` before any SQL runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Update, update

from creditctl.exceptions import CreditctlError
from creditctl.models import Email, ProcessingStatus as S
from creditctl.pipeline.matching_types import MatchStatus as M


class Actor(StrEnum):
    """Who moves an email: the webhook intake, a worker running the job, the sweep, an
    operator (``retry``, ``reprocess``) or a reviewer (``review approve``)."""

    INTAKE = "intake"
    WORKER = "worker"
    SWEEP = "sweep"
    OPERATOR = "operator"
    REVIEWER = "reviewer"


class IllegalTransition(CreditctlError):
    """This state change is not in the email's transition table (a bug: report it)."""


@dataclass(frozen=True)
class Transition:
    """One declared move: ``source`` → ``target`` (``None``: the row is inserted), who may
    make it, and why it happens (shown in docs/state-machine.md)."""

    source: str | None
    target: str
    actors: frozenset[Actor]
    why: str


def _t(sources: Iterable[str | None], target: str, actors: Iterable[Actor], why: str) -> list[Transition]:
    return [Transition(s if s is None else str(s), str(target), frozenset(actors), why) for s in sources]


CLAIMABLE = (S.RECEIVED, S.QUEUED, S.RETRYING)
"""States a worker may claim at any time (in flight states only once their lease expired)."""
IN_FLIGHT = (S.PROCESSING, S.PARSED, S.EXTRACTED)
"""States in which a worker holds the row under a lease."""
UNFINISHED = CLAIMABLE + IN_FLIGHT
FINISHED = (S.COMPLETED, S.NOT_CREDITOR_REPLY, S.FAILED)

A = Actor
TRANSITIONS: tuple[Transition, ...] = tuple(
    _t([None], S.RECEIVED, [A.INTAKE], "stored durably (committed before the webhook answers)")
    + _t([S.RECEIVED], S.QUEUED, [A.INTAKE, A.SWEEP], "enqueued (by the intake, or by the sweep when it was not)")
    + _t([S.QUEUED], S.QUEUED, [A.SWEEP], "its queue message is gone: enqueued again")
    + _t([S.RETRYING], S.QUEUED, [A.SWEEP], "the retry is overdue: enqueued again")
    + _t(IN_FLIGHT, S.QUEUED, [A.SWEEP], "the lease expired (worker died): enqueued again")
    + _t(
        [S.QUEUED],
        S.RECEIVED,
        [A.INTAKE, A.SWEEP, A.OPERATOR],
        "the enqueue failed (queue down): back to received, the sweep enqueues it later",
    )
    + _t(CLAIMABLE, S.PROCESSING, [A.WORKER], "claimed: an attempt starts (attempts + 1)")
    + _t(IN_FLIGHT, S.PROCESSING, [A.WORKER], "claimed after the previous lease expired")
    + _t([S.PROCESSING], S.PARSED, [A.WORKER], "cleaned")
    + _t([S.PARSED], S.EXTRACTED, [A.WORKER], "extracted")
    + _t([S.EXTRACTED], S.COMPLETED, [A.WORKER], "matched and gated (claim written in the same transaction)")
    + _t([S.EXTRACTED], S.NOT_CREDITOR_REPLY, [A.WORKER], "not a creditor reply")
    + _t(UNFINISHED, S.RETRYING, [A.WORKER], "transient error, retries left (next_attempt_at set)")
    + _t(UNFINISHED, S.FAILED, [A.WORKER], "permanent error, retries exhausted, or the task ended")
    + _t([S.FAILED], S.QUEUED, [A.OPERATOR], "`creditctl retry`: a new run (attempts keep counting)")
    + _t(
        [S.RECEIVED, S.QUEUED, S.RETRYING, *IN_FLIGHT],
        S.QUEUED,
        [A.OPERATOR],
        "`creditctl retry`: pushed now (in flight only once its lease expired)",
    )
    + _t([S.COMPLETED, S.NOT_CREDITOR_REPLY], S.QUEUED, [A.OPERATOR], "`creditctl reprocess` (backfill)")
    + [
        t
        for back in (S.RETRYING, *IN_FLIGHT, *FINISHED)
        for t in _t(
            [S.QUEUED], back, [A.OPERATOR], "the operator's enqueue failed: put back as it was (the report stays true)"
        )
    ]
)
"""Every allowed ``processing_status`` move (``failed → queued`` is both retry and reprocess)."""

MATCH_TRANSITIONS: tuple[Transition, ...] = tuple(
    _t([None], M.PENDING, [A.INTAKE], "stored: not matched yet")
    + _t([M.PENDING], M.AUTO_MATCHED, [A.WORKER], "every gate condition holds: the claim is changed")
    + _t([M.PENDING], M.NEEDS_REVIEW, [A.WORKER], "a gate condition fails: waits in `creditctl review`")
    + _t([M.PENDING], M.NO_MATCH, [A.WORKER], "no claim matched (or not a creditor reply)")
    + _t([M.NEEDS_REVIEW, M.NO_MATCH], M.AUTO_MATCHED, [A.REVIEWER], "`creditctl review approve`")
    + _t(
        [M.AUTO_MATCHED],
        M.NEEDS_REVIEW,
        [A.REVIEWER],
        "`creditctl review undo`: the update is reverted, the email waits again",
    )
    + _t([M.PENDING, M.AUTO_MATCHED, M.NEEDS_REVIEW, M.NO_MATCH], M.PENDING, [A.OPERATOR], "`creditctl reprocess`")
    + [
        t
        for back in (M.AUTO_MATCHED, M.NEEDS_REVIEW, M.NO_MATCH)
        for t in _t([M.PENDING], back, [A.OPERATOR], "the reprocess enqueue failed: put back as it was")
    ]
)
"""Every allowed ``match_status`` move."""

_ALLOWED = {(t.source, t.target, a) for t in TRANSITIONS for a in t.actors}
_ALLOWED_MATCH = {(t.source, t.target, a) for t in MATCH_TRANSITIONS for a in t.actors}


def _sources(source: str | None | Iterable[str | None]) -> list[str | None]:
    """One state (``None``: an insert) or several, as a list."""
    if source is None or isinstance(source, str):
        return [None if source is None else str(source)]
    return [None if s is None else str(s) for s in source]


def check(source: str | None | Iterable[str | None], target: str, actor: Actor, *, table: str = "processing") -> None:
    """Raise ``IllegalTransition`` unless ``actor`` may move ``source`` (one state or
    several) to ``target`` in the processing (default) or the ``"match"`` table."""
    allowed = _ALLOWED if table == "processing" else _ALLOWED_MATCH
    for s in _sources(source):
        if (s, str(target), actor) not in allowed:
            raise IllegalTransition(
                f"{table} status {s or '(new)'} → {target} by {actor} is not in the transition "
                "table (creditctl/services/transitions.py)"
            )


def allowed_sources(target: str, actor: Actor, *, table: str = "processing") -> list[str]:
    """The states ``actor`` may move to ``target`` from (declaration order, inserts excluded)."""
    transitions = TRANSITIONS if table == "processing" else MATCH_TRANSITIONS
    return [t.source for t in transitions if t.target == str(target) and actor in t.actors and t.source is not None]


def _target(entity: bool) -> tuple[Any, Any]:
    """(what to UPDATE, where its columns are): the ``Email`` entity or its table."""
    return (Email, Email) if entity else (Email.__table__, Email.__table__.c)


def initial_values(actor: Actor = Actor.INTAKE, *, queued: bool = False) -> dict[str, str]:
    """The state columns of a new email row (``received``, match ``pending``).

    ``queued``: the row is inserted and moved ``received`` → ``queued`` in one statement
    (the intake on PostgreSQL, which writes both events with it): both moves are checked
    and the row's state is ``queued``."""
    check(None, S.RECEIVED, actor)
    check(None, M.PENDING, actor, table="match")
    if queued:
        check(S.RECEIVED, S.QUEUED, actor)
        return {"processing_status": S.QUEUED.value, "match_status": M.PENDING.value}
    return {"processing_status": S.RECEIVED.value, "match_status": M.PENDING.value}


def update_status(
    source: str | Iterable[str],
    target: str,
    actor: Actor,
    *,
    email_id: Any,
    match_target: str | None = None,
    entity: bool = False,
) -> Update:
    """The compare-and-set UPDATE moving email ``email_id`` (a value or a bind parameter)
    from ``source`` (one state or several) to ``target``, by ``actor``.

    ``match_target``: also move ``match_status`` there, from whatever match state the
    match table lets ``actor`` leave for it (part of the same WHERE). ``entity``: an
    ORM-enabled UPDATE on ``Email`` (for sessions holding loaded rows) instead of the
    table. Chain ``.where(…)`` for lease conditions and ``.values(…)`` for the other
    columns; execute it and read ``rowcount`` (0: the row was not in ``source``).
    Raises ``IllegalTransition`` when a move is not declared.
    """
    sources = _sources(source)
    check(sources, target, actor)
    target_, cols = _target(entity)
    stmt = update(target_).where(cols.id == email_id)
    stmt = (
        stmt.where(cols.processing_status == sources[0])
        if len(sources) == 1
        else stmt.where(cols.processing_status.in_(sources))
    )
    values: dict[str, Any] = {"processing_status": str(target)}
    if match_target is not None:
        froms = allowed_sources(match_target, actor, table="match")
        if not froms:
            raise IllegalTransition(f"match status → {match_target} by {actor} is not in the transition table")
        stmt = stmt.where(cols.match_status.in_(froms))
        values["match_status"] = str(match_target)
    return stmt.values(**values)


def update_match(
    source: str | Iterable[str], target: str, actor: Actor, *, email_id: Any, entity: bool = False
) -> Update:
    """The compare-and-set UPDATE moving ``match_status`` of ``email_id`` from ``source``
    to ``target`` (``processing_status`` unchanged). Raises ``IllegalTransition``."""
    sources = _sources(source)
    check(sources, target, actor, table="match")
    target_, cols = _target(entity)
    return update(target_).where(cols.id == email_id, cols.match_status.in_(sources)).values(match_status=str(target))


def markdown_table() -> str:
    """docs/state-machine.md's tables, generated from ``TRANSITIONS`` and ``MATCH_TRANSITIONS``."""
    lines = ["| from | to | who | why |", "|---|---|---|---|"]
    for t in TRANSITIONS:
        lines.append(f"| {t.source or '(new)'} | {t.target} | {', '.join(sorted(t.actors))} | {t.why} |")
    lines += ["", "`match_status`:", "", "| from | to | who | why |", "|---|---|---|---|"]
    for t in MATCH_TRANSITIONS:
        lines.append(f"| {t.source or '(new)'} | {t.target} | {', '.join(sorted(t.actors))} | {t.why} |")
    return "\n".join(lines) + "\n"
