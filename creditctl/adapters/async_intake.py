"""The webhook intake with its waits on the event loop: PostgreSQL deployments with a queue.

``creditctl serve`` used to run the whole intake (``services/intake.receive_webhook``) in one
of anyio's worker threads per request; the hand-off to that thread and back, and the GIL
convoys it causes while the thread runs Python, cost the serve process more CPU than the
statement itself (docs/measurements/webhook-profile.txt). ``AsyncIntake`` runs the same
steps of the same rule (``services/intake.py`` owns every decision: signature, validation,
keys, the one statement, which answer a conflict gets) with the waits asynchronous:

* the one intake statement (``intake.plan_queued``) on a small pool of psycopg
  ``AsyncConnection``s in autocommit (``AsyncPgPool``): committed before the answer, as
  before; a connection the server dropped is replaced and the statement sent once more
  (it is idempotent), as ``intake._with_reconnect`` does;
* the Huey message through ``QueueFeeder``: one thread calls ``intake.send_to_queue`` (Huey's
  API is synchronous) for every email the loop hands it, many per wake-up, and the answer
  waits until its message is sent or its failure recorded — the order of
  docs/zendesk-contract.md ("commit ``received`` → enqueue → answer") holds unchanged;
* the rare paths (a duplicate, an invalid body to quarantine) run the synchronous rule in a
  worker thread, as every request did before.

SQLite deployments (the embedded default) keep the threaded path: ``for_context`` returns None.
"""

from __future__ import annotations

import asyncio
import math
import threading
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import anyio.to_thread
import psycopg
import structlog

from creditctl.services import intake
from creditctl.services.context import AppContext

log = structlog.get_logger(__name__)

POOL_SIZE = 12
"""At most this many PostgreSQL connections per serve process for the intake statement;
requests beyond wait for one on the loop (``POOL_TIMEOUT_S``). A statement holds its
connection ~1 ms, so a serve process at ~1,000 requests/s keeps one or two busy; more
connections only add PostgreSQL backends competing for the same cores: at 64 client
connections 12 gave 375-515 requests/s and 1.0-1.1 ms serve CPU per request, 40 (the
threaded path's pool, ``creditctl/db.py``) 285-314 and 1.1 ms
(docs/measurements/webhook-profile.txt, round 4)."""
POOL_TIMEOUT_S = 30.0
CONNECT_TIMEOUT_S = 5

_DISCONNECT_ERRORS = (psycopg.OperationalError, psycopg.InterfaceError)


def libpq_url(sqlalchemy_url: str) -> str:
    """``postgresql+psycopg://…`` (SQLAlchemy's form) → ``postgresql://…`` (libpq's)."""
    return "postgresql://" + sqlalchemy_url.split("://", 1)[1]


class AsyncPgPool:
    """Up to ``size`` psycopg ``AsyncConnection``s in autocommit, for one event loop.

    Connections are opened on demand and reused last-in first-out. A statement that fails
    with a connection error on a reused connection (the server restarted meanwhile) drops
    every idle connection and runs once more on a new one; the second failure is raised.
    ``fetch_one`` raises psycopg's errors (``OperationalError`` when the server is down,
    ``IntegrityError`` …) and ``TimeoutError`` when no connection frees up in ``timeout_s``.
    """

    def __init__(
        self,
        url: str,
        *,
        size: int = POOL_SIZE,
        timeout_s: float = POOL_TIMEOUT_S,
        statement_timeout_s: float | None = None,
    ) -> None:
        self.conninfo = libpq_url(url)
        self.size = size
        self.timeout_s = timeout_s
        self.statement_timeout_s = statement_timeout_s
        """Server-side ``statement_timeout`` of every connection (None: the server's): a
        statement waiting on a lock is cancelled by PostgreSQL itself, so it cannot commit
        after the webhook answered 503 (docs/zendesk-contract.md, "Answers")."""
        self._idle: list[psycopg.AsyncConnection[Any]] = []
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.opened = 0
        """Connections opened so far (tests, the profile)."""

    def _bind_loop(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._loop is not loop or self._slots is None:  # a new loop (a test client): start afresh
            self._forget_idle()
            self._loop, self._slots = loop, asyncio.Semaphore(self.size)
        return self._slots

    def _forget_idle(self) -> None:
        idle, self._idle = self._idle, []
        for conn in idle:
            _finish(conn)

    async def _connect(self) -> psycopg.AsyncConnection[Any]:
        extra: dict[str, Any] = {}
        connect_timeout = CONNECT_TIMEOUT_S
        if self.statement_timeout_s is not None:
            extra["options"] = f"-c statement_timeout={max(1, int(self.statement_timeout_s * 1000))}"
            # libpq takes whole seconds, at least 2
            connect_timeout = max(2, min(CONNECT_TIMEOUT_S, math.ceil(self.statement_timeout_s)))
        conn = await psycopg.AsyncConnection.connect(
            self.conninfo, autocommit=True, connect_timeout=connect_timeout, **extra
        )
        self.opened += 1
        return conn

    async def fetch_one(self, sql: str, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """Run ``sql`` (psycopg's ``%(name)s`` placeholders) with ``params`` in autocommit;
        its first row, or None when it returned none."""
        slots = self._bind_loop()
        if slots.locked():  # every connection busy: wait for one, bounded
            try:
                await asyncio.wait_for(slots.acquire(), self.timeout_s)
            except TimeoutError:
                raise TimeoutError(f"no PostgreSQL connection free within {self.timeout_s:g} s") from None
        else:
            # a free slot is taken without waiting: no timer and no task of wait_for's per
            # request (2-3 % of the serve process's CPU under load; docs/worker-performance.md,
            # "Round 7 — status and webhook")
            await slots.acquire()
        try:
            reused = bool(self._idle)
            conn = self._idle.pop() if reused else await self._connect()
            try:
                row = await _one(conn, sql, params)
            except psycopg.Error as exc:
                dropped = conn.closed  # the server closed it (restart, terminated backend)
                if not dropped:
                    self._idle.append(conn)  # an error of the statement: the connection is fine
                    raise
                _finish(conn)
                if not (reused and isinstance(exc, _DISCONNECT_ERRORS)):
                    raise
                self._forget_idle()  # they were opened before the restart too
                log.info("db_reconnect", error=type(exc).__name__)
                conn = await self._connect()
                try:
                    row = await _one(conn, sql, params)
                except BaseException:
                    _finish(conn)
                    raise
            except BaseException:  # cancelled mid-statement: the connection's state is unknown
                _finish(conn)
                raise
            self._idle.append(conn)
            return row
        finally:
            slots.release()

    async def aclose(self) -> None:
        """Close the idle connections (the app's shutdown)."""
        idle, self._idle = self._idle, []
        for conn in idle:
            try:
                await conn.close()
            except psycopg.Error:
                pass


async def _one(conn: psycopg.AsyncConnection[Any], sql: str, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
    cursor = await conn.execute(sql, params)
    return await cursor.fetchone()


def _finish(conn: psycopg.AsyncConnection[Any]) -> None:
    """Close ``conn`` without waiting (it may belong to a loop that is gone)."""
    try:
        conn.pgconn.finish()
    except Exception:  # noqa: BLE001 - already closed
        pass


Send = Callable[[int, datetime | None], bool]
"""``send(email_id, marked_at) -> queued?`` (``intake.send_to_queue``): never raises for an outage."""


class QueueFeeder:
    """One thread that puts accepted emails on the queue for the event loop.

    ``await feeder.send(email_id, marked_at)`` hands the email to the thread and returns
    ``send``'s answer (False: the queue was down and the row is back to ``received`` for the
    sweep) once its message is sent. The thread takes everything handed to it since its
    last round in one go and answers the whole batch with one call into the loop: under
    load one wake-up and one hand-back serve many requests, where ``anyio.to_thread``
    pays both per request (docs/scaling.md).
    """

    def __init__(self, send: Send) -> None:
        self._send = send
        self._lock = threading.Lock()
        self._items: list[tuple[int, datetime | None, asyncio.Future[bool]]] = []
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._closing = False
        self.rounds = 0
        """Batches taken so far (tests, the profile)."""

    async def send(self, email_id: int, marked_at: datetime | None) -> bool:
        """Queue ``email_id`` through the thread; ``send``'s answer, or what it raised."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[bool] = loop.create_future()
        with self._lock:
            if self._closing:
                raise RuntimeError("the queue feeder is closed")
            self._items.append((email_id, marked_at, future))
            first = len(self._items) == 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="creditctl-queue-feeder", daemon=True)
                self._thread.start()
        if first:
            # wake the thread once the loop has run what else is ready now: the requests whose
            # statements committed in the same round of the loop go in one batch
            loop.call_soon(self._wake.set)
        return await future

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            with self._lock:
                batch, self._items = self._items, []
                closing = self._closing
            if batch:
                self.rounds += 1
                self._answer([(future, *self._send_one(email_id, marked_at)) for email_id, marked_at, future in batch])
            if closing and not batch:
                return

    def _send_one(self, email_id: int, marked_at: datetime | None) -> tuple[bool, BaseException | None]:
        try:
            return self._send(email_id, marked_at), None
        except Exception as exc:  # noqa: BLE001 - handed to the request that waits for it
            return False, exc

    @staticmethod
    def _answer(results: list[tuple[asyncio.Future[bool], bool, BaseException | None]]) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[bool], bool, BaseException | None]]] = {}
        for item in results:
            by_loop.setdefault(item[0].get_loop(), []).append(item)
        for loop, items in by_loop.items():
            try:
                loop.call_soon_threadsafe(_resolve, items)
            except RuntimeError:  # that loop is closed: nobody waits any more
                pass

    def close(self, timeout_s: float = 10.0) -> None:
        """Send what was handed over, then stop the thread (waits up to ``timeout_s``)."""
        with self._lock:
            self._closing = True
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join(timeout_s)


def _resolve(items: list[tuple[asyncio.Future[bool], bool, BaseException | None]]) -> None:
    for future, queued, error in items:
        if future.done():  # the request was cancelled meanwhile
            continue
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(queued)


class AsyncIntake:
    """``intake.receive_webhook`` for the event loop (module docstring): same answers, same
    errors (``SignatureInvalid``, ``InvalidPayload``, ``StorageUnavailable``)."""

    def __init__(self, ctx: AppContext, *, pool: AsyncPgPool | None = None) -> None:
        self.ctx = ctx
        self.url = ctx.db_url
        bound_s = ctx.settings.webhook_db_timeout_seconds  # the answer's bound (creditctl/web.py)
        self.pool = pool or AsyncPgPool(self.url, timeout_s=bound_s, statement_timeout_s=bound_s)
        self.feeder: QueueFeeder | None = None

    def serves(self, ctx: AppContext) -> bool:
        """Whether this intake may answer for ``ctx`` now (a queue is configured and the
        database is still the one the pool connects to); else the threaded path answers."""
        return ctx.enqueue is not None and ctx.db_url == self.url

    async def receive(
        self, raw_body: bytes, headers: Mapping[str, str], *, verify_signature: bool
    ) -> intake.IntakeResult:
        """Store one webhook request durably and enqueue it (``intake.receive_webhook``)."""
        ctx = self.ctx
        delivery = intake.read_delivery(ctx, raw_body=raw_body, headers=headers, verify_signature=verify_signature)
        payload = delivery.payload
        if payload is None:
            await anyio.to_thread.run_sync(intake.refuse_invalid, ctx, delivery)  # raises InvalidPayload
            raise AssertionError("refuse_invalid returned")  # pragma: no cover
        plan = intake.plan_queued(ctx, payload, raw_body, delivery.invocation_id)
        result = await self._store(plan)
        if result.status == "accepted":
            await self._feeder().send(result.email_id, result.queued_at)
        return result

    async def _store(self, plan: intake.QueuedInsert) -> intake.IntakeResult:
        for _ in range(3):
            conflict: Exception | None = None
            try:
                row = await self.pool.fetch_one(plan.sql, plan.params)
            except psycopg.IntegrityError as exc:
                row, conflict = None, exc
            except (psycopg.OperationalError, psycopg.InterfaceError, TimeoutError) as exc:
                raise intake.unavailable(exc) from exc
            result = plan.accepted(row)
            if result is None:
                try:
                    result = await anyio.to_thread.run_sync(intake.settle_conflict, self.ctx, plan, row, conflict)
                except intake.STORAGE_ERRORS as exc:
                    raise intake.unavailable(exc) from exc
            if result is not None:
                return result
            # the conflicting row vanished between the two statements (deleted): insert again
        raise RuntimeError(f"email with key {plan.key!r} conflicted but was not found, three times")

    def _feeder(self) -> QueueFeeder:
        if self.feeder is None:
            ctx = self.ctx
            self.feeder = QueueFeeder(lambda email_id, at: intake.send_to_queue(ctx, email_id, marked_at=at))
        return self.feeder

    async def aclose(self) -> None:
        """Send what waits for the queue, close the connections (the app's shutdown)."""
        feeder, self.feeder = self.feeder, None
        if feeder is not None:
            await anyio.to_thread.run_sync(feeder.close)
        await self.pool.aclose()


def for_context(ctx: AppContext) -> AsyncIntake | None:
    """The asynchronous intake for ``ctx``: an ``AsyncIntake`` on PostgreSQL with a queue
    (``intake.uses_one_statement``), None otherwise (SQLite: the threaded path)."""
    if not intake.uses_one_statement(ctx):
        return None
    return AsyncIntake(ctx)
