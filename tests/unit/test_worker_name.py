"""``default_worker_name`` is ``host:pid`` of the process asking, a forked child included
(the name is kept per process instead of asked from the kernel per call; docs/worker-performance.md,
"Round 7 — status and webhook")."""

from __future__ import annotations

import os
import socket

from creditctl.services.context import default_worker_name


def test_the_name_is_this_process():
    assert default_worker_name() == f"{socket.gethostname()}:{os.getpid()}"


def test_a_forked_child_has_its_own_name():
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its name, leave at once
        try:
            os.write(write, default_worker_name().encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        child_name = pipe.read().decode()
    os.waitpid(pid, 0)
    assert child_name == f"{socket.gethostname()}:{pid}"
    assert default_worker_name() == f"{socket.gethostname()}:{os.getpid()}"  # the parent's is unchanged
