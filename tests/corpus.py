"""Where the shared public test fixtures live: ``CREDITCTL_CORPUS`` or ``<repo>/../shared/corpus``
(CI lays ``shared/`` beside the clone). Missing under CI=true: the test fails; elsewhere it
says how to point at the corpus and skips."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.ci import in_ci

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("CREDITCTL_CORPUS", REPO.parent / "shared" / "corpus"))


def require(relative: str) -> Path:
    """The corpus path ``relative``; fails (CI) or skips when it is missing."""
    path = CORPUS / relative
    if path.exists():
        return path
    message = f"test corpus not found at {path}: set CREDITCTL_CORPUS to the shared/corpus directory"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)
