"""The reading lane: one job's CPU-bound reading at a time per process, oldest job first.

A thread worker's jobs share one interpreter. When many of them start their Python work
together (32 answers of a 1-second model call arriving within a few milliseconds), the
GIL shares the core between all of them: each runs a 5 ms slice in turn, every job's
database round trip waits behind the others' slices to get the GIL back, and all of them
finish together, one round's CPU later — the next requests leave together again and the
rounds stay in lockstep (docs/worker-performance.md, "Round 7"). Run the CPU-bound
sections (cleaning, a local extractor, the evidence check, matching, the safety layer and
the gate) one at a time instead, and the other threads' waits (the model call, the
database) overlap with that one section's CPU.

Order: a job's sections are separated by database round trips, so with plain first come,
first served a job that comes back for its last section queues behind every job that
arrived meanwhile, and the jobs again progress together. The lane serves the waiting
section of the *oldest job* first (``job()`` marks the thread's job with its start time,
``time.monotonic()``; a section outside a job counts as a job started when it asks): jobs
finish one by one in the order they started, each thread sends its next request when its
own job ends, and the rounds de-synchronise. Within one job's age, first come first served.

``held()`` takes the lane (blocking; the lane is handed over on release, never barged) and
gives it back when the block ends, also when it raises. It is re-entrant: a thread that
holds it passes through. Hold it only around pure work — never around a network call or a
database round trip.
"""

from __future__ import annotations

import heapq
import itertools
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class ReadingLane:
    """A re-entrant lock handed to its waiters oldest job first (module docstring).

    ``acquire()`` blocks until the lane is this thread's; ``release()`` hands it to the
    waiter of the oldest job (or frees it). Raises ``RuntimeError`` when a thread releases
    a lane it does not hold.
    """

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        # (job start, arrival number, thread ident, the waiter's gate): a heap, oldest job first
        self._waiters: list[tuple[float, int, int, threading.Lock]] = []
        self._arrivals = itertools.count()
        self._owner: int | None = None
        self._depth = 0
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

    def acquire(self) -> None:
        """Wait for the lane (oldest job first); a thread holding it passes through."""
        me = threading.get_ident()
        started = getattr(self._job, "started", None)
        with self._mutex:
            if self._owner == me:
                self._depth += 1
                return
            if self._owner is None:
                self._owner, self._depth = me, 1
                return
            gate = threading.Lock()
            gate.acquire()
            entry = (time.monotonic() if started is None else started, next(self._arrivals), me, gate)
            heapq.heappush(self._waiters, entry)
        try:
            gate.acquire()  # released by ``release``, which made this thread the owner
        except BaseException:
            self._abandon(entry)
            raise

    def _abandon(self, entry: tuple[float, int, int, threading.Lock]) -> None:
        """A waiter interrupted while waiting: leave the queue, or pass on a lane it was given."""
        with self._mutex:
            if entry in self._waiters:
                self._waiters.remove(entry)
                heapq.heapify(self._waiters)
                return
        self.release()

    def release(self) -> None:
        """Give the lane back (the outermost ``release`` of the holder hands it on)."""
        with self._mutex:
            if self._owner != threading.get_ident():
                raise RuntimeError("the reading lane is released by a thread that does not hold it")
            self._depth -= 1
            if self._depth:
                return
            if self._waiters:  # hand over: the lane never looks free, so no late comer barges in
                _, _, self._owner, gate = heapq.heappop(self._waiters)
                self._depth = 1
                gate.release()
            else:
                self._owner = None

    @contextmanager
    def held(self) -> Iterator[None]:
        """The lane for the duration of the block (released when it ends or raises)."""
        self.acquire()
        try:
            yield
        finally:
            self.release()

    def waiting(self) -> int:
        """How many threads wait for the lane now."""
        with self._mutex:
            return len(self._waiters)

    def holder(self) -> int | None:
        """The thread ident holding the lane (None: free)."""
        with self._mutex:
            return self._owner


READING_LANE = ReadingLane()
"""The process's lane (a forked child starts with a fresh one: ``os.register_at_fork``)."""


def _fresh_lane_after_fork() -> None:
    global READING_LANE  # noqa: PLW0603 - a forked child must not inherit a lane held by a parent's thread
    READING_LANE = ReadingLane()


os.register_at_fork(after_in_child=_fresh_lane_after_fork)


def reading_lane() -> ReadingLane:
    """This process's reading lane (module docstring)."""
    return READING_LANE
