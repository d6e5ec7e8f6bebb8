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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sqlalchemy import Update, bindparam, update

from creditctl.exceptions import CreditctlError
from creditctl.models import Email, ProcessingStatus as S, table_of
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


def leased_update(path: Sequence[str], *, match_target: str | None = None) -> Update:
    """The compare-and-set a worker holding the lease runs to move its email along
    ``path`` (``path[0]`` → ``path[1]`` → … → ``path[-1]``, each hop a declared worker
    move; ``match_target``: ``match_status`` moves too, as in ``update_status``) in one
    statement: ``UPDATE emails SET processing_status = :last … WHERE id = :w_id AND
    processing_status = :first AND lease_owner = :w_owner AND attempts = :w_attempt``.

    Several hops in one statement are the moves of one transaction (docs/state-machine.md,
    "Transactions of one attempt"): nobody outside the transaction can see the states in
    between, so one compare-and-set from the first state is the same guard as one per hop.
    Built once per (path, match_target) and reused, so SQLAlchemy's compiled cache serves
    every execution; execute it with ``w_id``, ``w_owner``, ``w_attempt`` and the other
    columns to set as parameters (named as the columns) and read ``rowcount``.
    Raises ``IllegalTransition`` when a hop is not declared or ``path`` is shorter than 2.
    """
    return _leased_update(tuple(str(s) for s in path), None if match_target is None else str(match_target))


@lru_cache(maxsize=64)
def _leased_update(path: tuple[str, ...], match_target: str | None) -> Update:
    if len(path) < 2:
        raise IllegalTransition(f"a move needs a source and a target, got {path}")
    for source, target in zip(path, path[1:], strict=False):
        check(source, target, Actor.WORKER)
    table = table_of(Email)
    cols = table.c
    stmt = update(table).where(
        cols.id == bindparam("w_id"),
        cols.processing_status == path[0],
        cols.lease_owner == bindparam("w_owner"),
        cols.attempts == bindparam("w_attempt"),
    )
    values: dict[str, Any] = {"processing_status": path[-1]}
    if match_target is not None:
        froms = allowed_sources(match_target, Actor.WORKER, table="match")
        if not froms:
            raise IllegalTransition(f"match status → {match_target} by worker is not in the transition table")
        # one state: ``=`` (an IN list is re-rendered at every execution: "expanding" parameters)
        stmt = stmt.where(cols.match_status == froms[0] if len(froms) == 1 else cols.match_status.in_(froms))
        values["match_status"] = match_target
    return stmt.values(**values)


def claim_update(source: str, claimable: Sequence[str], in_flight: Sequence[str]) -> Update:
    """The worker's claim of an email read in state ``source``: the compare-and-set
    ``source`` → ``processing`` (checked), valid while the row is still claimable —
    in one of ``claimable``, or in one of ``in_flight`` with its lease run out
    (``lease_expires_at < :w_now``) — and its attempt count is still ``:w_attempts``.
    Built once per state and reused (see ``leased_update``); execute it with ``w_id``,
    ``w_now`` (ignored for a claimable state), ``w_attempts`` and the columns to set by
    name. Raises ``IllegalTransition`` (also for a ``source`` in neither list)."""
    return _claim_update(str(source), tuple(map(str, claimable)), tuple(map(str, in_flight)))


@lru_cache(maxsize=32)
def _claim_update(source: str, claimable: tuple[str, ...], in_flight: tuple[str, ...]) -> Update:
    check(source, "processing", Actor.WORKER)
    table = table_of(Email)
    cols = table.c
    if source in claimable:  # claimable whatever its lease: the state is the condition
        lease_ran_out = None
    elif source in in_flight:
        lease_ran_out = cols.lease_expires_at < bindparam("w_now")
    else:
        raise IllegalTransition(f"a worker claims {claimable} or {in_flight} rows, not {source}")
    stmt = update(table).where(
        cols.id == bindparam("w_id"), cols.processing_status == source, cols.attempts == bindparam("w_attempts")
    )
    if lease_ran_out is not None:
        stmt = stmt.where(lease_ran_out)
    return stmt.values(processing_status="processing")


def markdown_table() -> str:
    """docs/state-machine.md's tables, generated from ``TRANSITIONS`` and ``MATCH_TRANSITIONS``."""
    lines = ["| from | to | who | why |", "|---|---|---|---|"]
    for t in TRANSITIONS:
        lines.append(f"| {t.source or '(new)'} | {t.target} | {', '.join(sorted(t.actors))} | {t.why} |")
    lines += ["", "`match_status`:", "", "| from | to | who | why |", "|---|---|---|---|"]
    for t in MATCH_TRANSITIONS:
        lines.append(f"| {t.source or '(new)'} | {t.target} | {', '.join(sorted(t.actors))} | {t.why} |")
    return "\n".join(lines) + "\n"
