"""Profile the real processes of a bench run while it runs (round 11, docs/performance-limits.md).

    python docs/measurements/limits-round11/profile_bench.py OUT_DIR -- bash bench/run --quick --only worker webhook

Starts the command, polls the process table every 0.1 s, and when a process of interest
appears attaches py-spy to it (root needed): the rules worker with 4 threads and the
2-process worker (``py-spy record --subprocesses``), the Claude workers with 8 and 32
threads (``py-spy record --gil``: the thread holding the GIL, once past the start-up), and, for every wrk run at 16
connections of 3 s or more, the server it loads (``serve`` / the reference app, one or two
processes: found by the ``--port`` of wrk's URL). Raw profiles (``--format raw``: one
collapsed stack and its count per line) go to OUT_DIR. Every py-spy it starts it waits for.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from pathlib import Path


def _procs() -> dict[int, str]:
    out = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                out[int(d.name)] = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            except OSError:
                pass
    return out


def main() -> int:
    out_dir = Path(sys.argv[1])
    cmd = sys.argv[sys.argv.index("--") + 1 :]
    out_dir.mkdir(parents=True, exist_ok=True)
    bench = subprocess.Popen(cmd)
    seen: set[int] = set()
    spies: list[subprocess.Popen] = []
    count: dict[str, int] = {}
    timers: list[threading.Timer] = []

    def later(delay_s: float, label: str, args: list[str]) -> None:
        """``spy`` after ``delay_s`` (past the process's start-up and warm-up emails)."""
        timer = threading.Timer(delay_s, spy, (label, args))
        timers.append(timer)
        timer.start()

    def spy(label: str, args: list[str]) -> None:
        count[label] = count.get(label, 0) + 1
        name = f"{label}-{count[label]}"
        log = open(out_dir / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        if args[0] == "dump":
            spies.append(subprocess.Popen(["py-spy", *args], stdout=open(out_dir / f"{name}.txt", "w"), stderr=log))
        else:
            spies.append(
                subprocess.Popen(["py-spy", *args, "-f", "raw", "-o", str(out_dir / f"{name}.txt")], stdout=log, stderr=log)
            )

    while bench.poll() is None:
        procs = _procs()
        for pid, line in procs.items():
            if pid in seen:
                continue
            seen.add(pid)
            if "creditctl worker --workers 4 --worker-type thread" in line:
                # the start-up and the 8 warm-up emails first (section 2's timed window is 4 s)
                later(3.0, "worker-4threads", ["record", "--nonblocking", "--gil", "-r", "200", "-d", "3", "--pid", str(pid)])
            elif "creditctl worker --workers 2 --worker-type process" in line:
                later(4.0, "worker-2processes", ["record", "--nonblocking", "-r", "100", "-d", "4", "--subprocesses", "--pid", str(pid)])
            elif "creditctl worker --workers 32 --worker-type thread" in line or (
                "creditctl worker --workers 8 --worker-type thread" in line
            ):
                threads = "32" if "--workers 32" in line else "8"
                # past start-up and the first round (4 rounds of 1 s and more)
                later(3.5, f"claude-{threads}threads", ["record", "--nonblocking", "--gil", "-r", "200", "-d", "3", "--pid", str(pid)])
            elif line.startswith("wrk ") and " -c16 " in line and not line.split(" -d")[1].startswith("1s"):
                port = re.search(r"127\.0\.0\.1:(\d+)/", line)
                server = [p for p, c in procs.items() if port and f"--port {port.group(1)}" in c and "wrk" not in c]
                if server:
                    sline = procs[server[0]]
                    kind = "serve" if "creditctl serve" in sline else "reference"
                    workers = "2" if "--workers 2" in sline else "1"
                    spy(f"{kind}-{workers}proc", ["record", "--nonblocking", "-r", "100", "-d", "2", "--subprocesses", "--pid", str(server[0])])
        time.sleep(0.1)
    for t in timers:
        t.join()
    for s in spies:
        s.wait()
    return bench.returncode


if __name__ == "__main__":
    raise SystemExit(main())
