"""Whether the tests run under CI: the one reading of the ``CI`` flag for every test module
and helper (``conftest.py``, ``corpus.py``, ``realservices.py``, …). Under CI a missing
server, corpus or tool fails the test instead of skipping it. Standard library only, so the
lightest helper can import it."""

from __future__ import annotations

import os


def in_ci() -> bool:
    """True when the environment variable ``CI`` is ``true`` in any letter case, surrounding
    blanks ignored (``CI=true``, ``CI=True``); False when it is unset, empty or anything else
    (``false``, ``0``, ``1``). Read at each call, so a test may set it with monkeypatch."""
    return os.environ.get("CI", "").strip().lower() == "true"
