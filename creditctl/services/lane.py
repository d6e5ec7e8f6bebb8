"""The reading lane: one job's CPU-bound reading at a time per process, in arrival order.

A thread worker's jobs share one interpreter. When many of them start their Python work
together (32 answers of a 1-second model call arriving within a few milliseconds), the
GIL shares the core between all of them: each runs a 5 ms slice in turn, every job's
database round trip waits behind the others' slices to get the GIL back, and all of them
finish together, one round's CPU later — the next requests leave together again and the
rounds stay in lockstep (docs/worker-performance.md, "Round 7"). Run the CPU-bound
sections (cleaning, a local extractor, the evidence check, matching, the safety layer and
the gate) one job at a time, first come first served, and the other threads' waits (the
model call, the database) overlap with that one job's CPU: jobs finish one by one, each
thread sends its next request when its own job ends, and the rounds de-synchronise.

``held()`` takes the lane (blocking; FIFO: a thread that asks first gets it first, handed
over on release, never barged) and gives it back when the block ends, also when it raises.
It is re-entrant: a thread that holds it passes through. Hold it only around pure work —
never around a network call or a database round trip.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager


class FifoLane:
    """A fair, re-entrant lock: waiters are served in the order they asked.

    ``acquire()`` blocks until the lane is this thread's; ``release()`` hands it to the
    longest waiter (or frees it). Raises ``RuntimeError`` when a thread releases a lane it
    does not hold.
    """

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: deque[tuple[int, threading.Lock]] = deque()  # (thread ident, its gate)
        self._owner: int | None = None
        self._depth = 0

    def acquire(self) -> None:
        """Wait for the lane (in arrival order); a thread holding it passes through."""
        me = threading.get_ident()
        with self._mutex:
            if self._owner == me:
                self._depth += 1
                return
            if self._owner is None:
                self._owner, self._depth = me, 1
                return
            gate = threading.Lock()
            gate.acquire()
            self._waiters.append((me, gate))
        try:
            gate.acquire()  # released by ``release``, which made this thread the owner
        except BaseException:
            self._abandon(me, gate)
            raise

    def _abandon(self, me: int, gate: threading.Lock) -> None:
        """A waiter interrupted while waiting: leave the queue, or pass on a lane it was given."""
        with self._mutex:
            if (me, gate) in self._waiters:
                self._waiters.remove((me, gate))
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
                self._owner, gate = self._waiters.popleft()
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


READING_LANE = FifoLane()
"""The process's lane (a forked child starts with a fresh one: ``os.register_at_fork``)."""


def _fresh_lane_after_fork() -> None:
    global READING_LANE  # noqa: PLW0603 - a forked child must not inherit a lane held by a parent's thread
    READING_LANE = FifoLane()


os.register_at_fork(after_in_child=_fresh_lane_after_fork)


def reading_lane() -> FifoLane:
    """This process's reading lane (module docstring)."""
    return READING_LANE
