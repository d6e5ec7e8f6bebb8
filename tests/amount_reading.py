"""What the amount-reading unit tests ask of one text, in one place: each figure's role, and
the total the reader chooses when the whole text is the creditor's body (docs/evaluation.md,
"How much")."""

from __future__ import annotations

from decimal import Decimal

from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels, choose_amounts, find_amounts


def roles(text: str) -> list[tuple[Decimal, str | None]]:
    """Every amount of ``text`` in order, with the role ``amount_role`` gives it (``"total"``,
    ``"other"``, … or None)."""
    return [(f.amount, amount_role(f)) for f in find_amounts(text)]


def body_total_certain(text: str) -> tuple[Decimal | None, bool]:
    """The total ``choose_amounts`` picks from ``text`` read as the body, and whether it is certain."""
    choice = choose_amounts([(f, "body") for f in amounts_with_labels(text)])
    return choice.amounts.total, choice.certain


def body_total(text: str) -> Decimal | None:
    """The total ``choose_amounts`` picks from ``text`` read as the body (None: no total)."""
    return body_total_certain(text)[0]
