"""The reading lane: one job's CPU-bound reading at a time per process, oldest job first.

A thread worker's jobs share one interpreter. When many of them start their Python work
together (32 answers of a 1-second model call arriving within a few milliseconds), the
GIL shares the core between all of them: each runs a 5 ms slice in turn, every job's
database round trip waits behind the others' slices to get the GIL back, and all of them
finish together, one round's CPU later — the next requests leave together again and the
rounds stay in lockstep (docs/worker-performance.md, "Round 7"). The lane runs the
CPU-bound sections (cleaning, a local extractor, the evidence check, matching, the safety
layer and the gate) one at a time instead, and the other threads' waits (the model call,
the database) overlap with that one section's CPU.

How (``run(fn)``): when the lane is free and nobody queues, the calling thread runs its
section itself (no hand-over, no wake-up). Otherwise the section is queued and the lane's
own reader thread runs the queue, one section after the other with no gap between them
(a lock handed from thread to thread would idle for every wake-up, milliseconds each on a
loaded machine); the caller waits for its result, or its exception, which ``run`` raises.
The queue is served oldest job first: a job's sections are separated by database round
trips, and with first come first served a job that comes back for its last section would
queue behind every job that arrived meanwhile, all jobs progressing together again.
``job(started)`` marks the thread's sections as one job's, started at ``started``
(``time.monotonic()``); a section outside a job counts as a job started when it asks.
Jobs then finish one by one in the order they started, each thread sends its next request
when its own job ends, and the rounds de-synchronise.

Run only pure work in the lane — never a network call or a database round trip. A section
that runs a section passes straight through (re-entrant).
"""

from __future__ import annotations

import contextvars
import heapq
import itertools
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(order=True)
class _Section:
    started: float
    arrival: int
    fn: Callable[[], Any] = field(compare=False)
    context: contextvars.Context = field(compare=False)
    done: threading.Event = field(default_factory=threading.Event, compare=False)
    value: Any = field(default=None, compare=False)
    error: BaseException | None = field(default=None, compare=False)


class ReadingLane:
    """Runs pure sections one at a time, queued ones oldest job first (module docstring)."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._work = threading.Condition(self._mutex)
        self._queue: list[_Section] = []  # a heap: oldest job first, then arrival
        self._arrivals = itertools.count()
        self._running: int | None = None  # the thread running a section now
        self._reader: threading.Thread | None = None
        self._job = threading.local()

    @contextmanager
    def job(self, started: float | None = None) -> Iterator[None]:
        """Mark this thread's sections, for the block, as one job's, started at ``started``
        (``time.monotonic()`` seconds; None: now)."""
        previous = getattr(self._job, "started", None)
        self._job.started = time.monotonic() if started is None else started
        try:
            yield
        finally:
            self._job.started = previous

    def run(self, fn: Callable[[], T]) -> T:
        """``fn()`` in the lane; returns its value or raises its exception (the lane is free
        for the next section either way)."""
        me = threading.get_ident()
        section = None
        with self._mutex:
            if self._running == me:
                nested = True  # a section's own sub-section: already in the lane
            elif self._running is None and not self._queue:
                self._running, nested = me, False
            else:
                started = getattr(self._job, "started", None)
                section = _Section(
                    time.monotonic() if started is None else started,
                    next(self._arrivals),
                    fn,
                    contextvars.copy_context(),
                )
                heapq.heappush(self._queue, section)
                self._start_reader()
                self._work.notify()
        if section is not None:
            section.done.wait()
            if section.error is not None:
                raise section.error
            return section.value  # type: ignore[no-any-return]
        if nested:
            return fn()
        try:
            return fn()
        finally:
            with self._mutex:
                self._running = None
                if self._queue:
                    self._work.notify()

    def _start_reader(self) -> None:
        """Start the reader thread (holding the mutex) unless it runs."""
        if self._reader is None or not self._reader.is_alive():
            self._reader = threading.Thread(target=self._read, name="reading-lane", daemon=True)
            self._reader.start()

    def _read(self) -> None:
        me = threading.get_ident()
        while True:
            with self._mutex:
                while not self._queue or self._running is not None:
                    self._work.wait()
                section = heapq.heappop(self._queue)
                self._running = me
            try:
                section.value = section.context.run(section.fn)
            except BaseException as exc:  # noqa: BLE001 - raised in the thread that asked (``run``)
                section.error = exc
            finally:
                with self._mutex:
                    self._running = None
                section.done.set()

    def waiting(self) -> int:
        """How many sections wait in the queue now."""
        with self._mutex:
            return len(self._queue)

    def running(self) -> int | None:
        """The thread ident running a section now (None: the lane is free)."""
        with self._mutex:
            return self._running


READING_LANE = ReadingLane()
"""The process's lane (a forked child starts with a fresh one: ``os.register_at_fork``)."""


def _fresh_lane_after_fork() -> None:
    global READING_LANE  # noqa: PLW0603 - a forked child has no reader thread and must not inherit a running section
    READING_LANE = ReadingLane()


os.register_at_fork(after_in_child=_fresh_lane_after_fork)


def reading_lane() -> ReadingLane:
    """This process's reading lane (module docstring)."""
    return READING_LANE
