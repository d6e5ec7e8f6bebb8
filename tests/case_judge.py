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


def one_claim_records(
    *,
    file_number: str,
    name: str,
    creditor: tuple[str, str],
    reference: str,
    amount: str,
    date_of_birth: str = "1980-02-03",
    ticket_id: str | None = None,
) -> list[dict[str, Any]]:
    """Client records (README "Client records") of one client with one claim in EUR:
    ``creditor`` is (name, email), ``amount`` a decimal string ("994.40"), ``ticket_id`` the
    claim's Zendesk ticket or None — the set-up most reading-family tests judge against."""
    return [
        {
            "file_number": file_number,
            "name": name,
            "date_of_birth": date_of_birth,
            "claims": [
                {
                    "creditor_name": creditor[0],
                    "agent_name": None,
                    "creditor_emails": [creditor[1]],
                    "creditor_reference": reference,
                    "amount": amount,
                    "currency": "EUR",
                    "zendesk_ticket_id": ticket_id,
                }
            ],
        }
    ]


@contextmanager
def body_judge(
    records: list[dict[str, Any]], db_dir: Path, *, creditor: tuple[str, str], subject: str
) -> Iterator[Callable[[str], Any]]:
    """``judge(body)`` → the gate's verdict of a reply with that body text from ``creditor``
    ((name, email)) under ``subject``, judged against ``records`` as ``case_judge`` judges it."""
    with case_judge(records, db_dir) as judge_case:

        def judge(body: str) -> Any:
            case = {"subject": subject, "from_email": creditor[1], "from_name": creditor[0], "body_text": body}
            return judge_case(**case)[2]

        yield judge
