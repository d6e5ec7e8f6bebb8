"""The CI flag is read in one place, one form (``tests.ci.in_ci``)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.ci import in_ci

TESTS = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("value", ["true", "True", "TRUE", " true\n"])
def test_ci_true_in_any_case_is_ci(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    assert in_ci()


@pytest.mark.parametrize("value", [None, "", "false", "False", "0", "1", "yes", "truthy"])
def test_anything_else_is_not_ci(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    assert not in_ci()


def test_no_test_module_reads_the_ci_variable_itself() -> None:
    """Every reader goes through ``in_ci`` (setting it with monkeypatch in a test is fine)."""
    reading = re.compile(r"""(?:environ\.get|getenv)\(\s*["']CI["']|environ\[\s*["']CI["']\s*\]""")
    own = TESTS / "ci.py"
    readers = []
    for root, dirs, files in os.walk(TESTS):
        dirs[:] = [d for d in dirs if not (Path(root) == TESTS and d == "data")]  # fixtures, never walked
        for name in files:
            path = Path(root) / name
            if name.endswith(".py") and path != own and reading.search(path.read_text(encoding="utf-8")):
                readers.append(str(path.relative_to(TESTS)))
    assert readers == []
