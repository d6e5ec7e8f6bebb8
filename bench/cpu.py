"""CPU accounting of the processes a bench row involves, from ``/proc`` (Linux).

A row's rate is set by whoever has the CPU: the product's process (one interpreter: at most
one core for Python code, whatever its thread count), PostgreSQL, Redis, the load generator
(wrk, or the bench driver with the local Messages API), and whatever else runs on the
machine. ``CpuMeter`` samples the utime + stime of each named group of process trees every
``interval_s`` over a window, and the machine's busy time from ``/proc/stat``; the rows print
it beside a missed target as the reason (docs/performance-limits.md).

A process born inside the window counts from zero; one that exits counts up to its last
sample (at most ``interval_s`` of its CPU is lost). Off Linux the meter reads nothing and
every figure is 0.0 (``CpuUse.measured`` is False).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_PROC = Path("/proc")
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> tuple[int, int, int, str] | None:
    """(ppid, utime + stime in ticks, start time in ticks, comm) of ``pid``, or None."""
    try:
        raw = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    right = raw.rfind(")")
    comm = raw[raw.find("(") + 1 : right]
    fields = raw[right + 2 :].split()
    # fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15, starttime 22
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[19]), comm


def _table() -> dict[int, tuple[int, int, int, str]]:
    out = {}
    for entry in _PROC.iterdir():
        if entry.name.isdigit():
            st = _stat(int(entry.name))
            if st is not None:
                out[int(entry.name)] = st
    return out


def _busy_ticks() -> tuple[int, int]:
    """(busy, total) ticks of all CPUs from ``/proc/stat``."""
    try:
        first = (_PROC / "stat").read_text().splitlines()[0].split()
    except OSError:
        return 0, 0
    ticks = [int(x) for x in first[1:9]]  # user nice system idle iowait irq softirq steal
    idle = ticks[3] + ticks[4]
    return sum(ticks) - idle, sum(ticks)


def pid_file(path: str | os.PathLike[str] | None) -> list[int]:
    """The pid on the first line of ``path`` (postmaster.pid, redis.pid), or [] if unreadable."""
    if not path:
        return []
    try:
        return [int(Path(path).read_text().split()[0])]
    except (OSError, ValueError, IndexError):
        return []


def postgres_pids() -> list[int]:
    """The bench's PostgreSQL postmaster (``$CREDITCTL_TEST_PG_DATA/postmaster.pid``, set by
    bench/run); its backends are its children."""
    data = os.environ.get("CREDITCTL_TEST_PG_DATA")
    return pid_file(Path(data) / "postmaster.pid") if data else []


def redis_pids() -> list[int]:
    """The bench's Redis server (``$CREDITCTL_TEST_REDIS_DIR/redis.pid``, set by bench/run)."""
    d = os.environ.get("CREDITCTL_TEST_REDIS_DIR")
    return pid_file(Path(d) / "redis.pid") if d else []


Roots = Callable[[], Iterable[int]]


@dataclass
class CpuUse:
    """What a ``CpuMeter`` window measured: ``wall_s`` seconds; ``cpu_s[name]`` CPU seconds
    of each group; ``machine_s`` CPU seconds of the whole machine (every process, the groups
    included); ``cores`` the CPUs."""

    wall_s: float = 0.0
    cpu_s: dict[str, float] = field(default_factory=dict)
    machine_s: float = 0.0
    cores: int = 1
    measured: bool = False

    def cores_of(self, name: str) -> float:
        """Mean cores ``name`` used over the window (1.0 = one core busy all the time)."""
        return self.cpu_s.get(name, 0.0) / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def others_s(self) -> float:
        """CPU seconds of everything outside the groups (other sessions, the kernel's own)."""
        return max(0.0, self.machine_s - sum(self.cpu_s.values()))

    def ms_per(self, name: str, items: int) -> float:
        """CPU milliseconds of ``name`` per item (email, request); 0.0 for no items."""
        return 1000 * self.cpu_s.get(name, 0.0) / items if items else 0.0

    def line(self, items: int = 0, unit: str = "email") -> str:
        """``"cores used: worker 0.98, postgres 0.21, ..., others 0.40 of 2; CPU ms per
        email: worker 26.3, ..."`` (the per-item part when ``items`` > 0)."""
        if not self.measured:
            return "CPU accounting not available (no /proc)"
        used = ", ".join(f"{k} {self.cores_of(k):.2f}" for k in self.cpu_s)
        text = (
            f"cores used over {self.wall_s:.1f} s: {used}, everything else {self.others_s / self.wall_s:.2f} "
            f"(machine {self.machine_s / self.wall_s:.2f} of {self.cores})"
        )
        if items:
            per = ", ".join(f"{k} {self.ms_per(k, items):.1f}" for k in self.cpu_s)
            text += f"; CPU ms per {unit} ({items}): {per}"
        return text


class CpuMeter:
    """``with CpuMeter({"worker": lambda: [pid], ...}) as m: ...`` then ``m.use``.

    Each group is a callable returning its root pids (called at every sample: processes
    started inside the window join); a group counts its roots and all their descendants,
    except the trees of earlier groups (so ``{"serve": ..., "driver": [os.getpid()]}`` does
    not count the server twice when the driver started it)."""

    def __init__(self, groups: dict[str, Roots], *, interval_s: float = 0.2) -> None:
        self.groups = groups
        self.interval_s = interval_s
        self.use = CpuUse(cores=os.cpu_count() or 1)
        # (pid, start time) -> (group, ticks at first sight, ticks at last sight)
        self._seen: dict[tuple[int, int], tuple[str, int, int]] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._t0 = 0.0
        self._busy0 = 0
        self._first = True

    def _sample(self) -> None:
        table = _table()
        children: dict[int, list[int]] = {}
        for pid, (ppid, *_rest) in table.items():
            children.setdefault(ppid, []).append(pid)
        taken: set[int] = set()
        for name, roots in self.groups.items():
            stack = [p for p in roots() if p in table]
            while stack:
                pid = stack.pop()
                if pid in taken:
                    continue
                taken.add(pid)
                stack.extend(children.get(pid, ()))
                _, ticks, start, _ = table[pid]
                key = (pid, start)
                if key in self._seen:
                    group, base, _ = self._seen[key]
                    self._seen[key] = (group, base, ticks)
                else:  # present at the start: counted from here; born inside: from zero
                    self._seen[key] = (name, ticks if self._first else 0, ticks)
        self._first = False

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            self._sample()

    def __enter__(self) -> CpuMeter:
        if not (_PROC / "stat").exists():
            return self
        self._t0 = time.perf_counter()
        self._busy0 = _busy_ticks()[0]
        self._sample()
        self._thread = threading.Thread(target=self._run, name="bench-cpu-meter", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_: Any) -> None:
        if self._thread is None:
            return
        self._stop.set()
        self._thread.join()
        self._sample()
        use = self.use
        use.wall_s = time.perf_counter() - self._t0
        use.machine_s = (_busy_ticks()[0] - self._busy0) / _TICK
        use.cpu_s = dict.fromkeys(self.groups, 0.0)
        for group, base, last in self._seen.values():
            use.cpu_s[group] += (last - base) / _TICK
        use.measured = True


def children_named(parent: int, comm: str) -> list[int]:
    """Pids of ``parent``'s direct children whose command name is ``comm`` (e.g. wrk)."""
    return [pid for pid, (ppid, _, _, c) in _table().items() if ppid == parent and c == comm]


def combine(uses: Iterable[CpuUse]) -> CpuUse:
    """One ``CpuUse`` of several windows (their seconds and CPU summed, per group)."""
    out = CpuUse()
    for use in uses:
        out.wall_s += use.wall_s
        out.machine_s += use.machine_s
        out.cores = use.cores
        out.measured = out.measured or use.measured
        for k, v in use.cpu_s.items():
            out.cpu_s[k] = out.cpu_s.get(k, 0.0) + v
    return out
