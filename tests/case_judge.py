"""A labelled case judged as ``creditctl eval`` judges it (clean, extract, match, gate), against
client records given in the test (README "Client records"), writing nothing: the shared set-up
of the reading-family tests that judge whole mails rather than one function."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from creditctl.services import evaluation
from creditctl.services.context import AppContext
from creditctl.settings import Settings

CaseJudge = Callable[..., tuple[Any, Any, Any, Any]]
"""``judge(**case)`` → ``(result, match, verdict, parsed)`` of ``evaluation.judge_case``; ``case`` has
the fields of a labelled case (``subject``, ``from_email``, ``from_name``, ``body_text`` …)."""


@contextmanager
def case_judge(records: list[dict[str, Any]], db_dir: Path) -> Iterator[CaseJudge]:
    """A judge of cases against ``records`` with the rules extractor; ``db_dir`` is where the
    (never created) database of the context would live. The records' temporary candidates are
    disposed of on exit."""
    ctx = AppContext(settings=Settings(database_url=f"sqlite:///{db_dir / 'none.db'}"))
    with tempfile.TemporaryDirectory() as tmp:
        candidates = evaluation._temp_candidates(ctx, records, Path(tmp))

        def judge(**case: Any) -> tuple[Any, Any, Any, Any]:
            return evaluation.judge_case(ctx, evaluation.case_row(case), candidates, None)

        try:
            yield judge
        finally:
            evaluation._dispose(Path(tmp))
