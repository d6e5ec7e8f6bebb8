"""The texts of the labelled and tuning cases (``tests/data``; never ``tests/data/unseen``), for the
tests that compare a faster scanner with its plain form over every text the reader is tuned on."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from creditctl.pipeline import safety

DATA = Path(__file__).resolve().parent / "data"
ALL_SUITES = ("labelled", *sorted(p.name for p in DATA.glob("tuning*") if p.is_dir()))
"""The labelled set and every tuning suite."""


def case_texts(suites: tuple[str, ...] | list[str]) -> list[str]:
    """Each case's body text, body HTML, subject and attachment texts (the empty ones left out),
    then the same texts as ``safety.normalise`` gives them, in the suites' file order."""
    return file_texts(path for suite in suites for path in sorted((DATA / suite).rglob("*.json")))


def file_texts(paths: Iterable[Path]) -> list[str]:
    """``case_texts`` of the case files ``paths`` (a suite's ``records.json`` is skipped): their
    texts as written, then as ``safety.normalise`` gives them."""
    out: list[str] = []
    for path in paths:
        if path.name == "records.json":
            continue
        case = json.loads(path.read_text(encoding="utf-8"))
        out += [case.get("body_text") or "", case.get("body_html") or "", case.get("subject") or ""]
        out += [a.get("text") or "" for a in case.get("attachments") or []]
    texts = [t for t in out if t]
    return texts + [safety.normalise(t) for t in texts]


def with_lines(texts: list[str]) -> list[str]:
    """``texts`` and every non-blank line of them, each once, sorted."""
    return sorted(set(texts + [line for t in texts for line in t.splitlines() if line.strip()]))
