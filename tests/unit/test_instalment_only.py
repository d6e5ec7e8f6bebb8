"""An instalment-only reply ("monatliche Rate von 40,00 EUR", "monthly instalment of £40.00",
"maandtermijn van € 40,00") is held as before, and its reason says what it found: the reply
states an instalment, not the claim's total (``reply_wording.stated_instalments``,
``safety.SafetyReport.instalments``, ``gate.INSTALMENT_ONLY``). Near-misses: a total beside an
instalment still applies; an interest rate, a payment received and a plain "no claim" reply are
no instalment."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from creditctl.desk.i18n import Formatter
from creditctl.desk.reasons import family_of, known
from creditctl.pipeline.gate import INSTALMENT_ONLY
from creditctl.pipeline.reply_wording import stated_instalments
from tests.case_judge import body_judge, one_claim_records

CREDITOR = ("Ratenkauf Nord GmbH", "service@ratenkauf-nord.example")
RECORDS = one_claim_records(
    file_number="INS-0001", name="Jonas Petersen", creditor=CREDITOR, reference="RK-4410227", amount="994.40"
)

Judge = Callable[[str], Any]


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Judge]:
    with body_judge(RECORDS, tmp_path_factory.mktemp("db"), creditor=CREDITOR, subject="RE: RK-4410227") as judge:
        yield judge


INSTALMENT_ONLY_REPLIES = [
    "Sehr geehrte Damen und Herren,\n\nzum Vertrag RK-4410227 von Herrn Jonas Petersen bestätigen wir die "
    "monatliche Rate von 40,00 EUR.\n\nMit freundlichen Grüßen\nRatenkauf Nord GmbH",
    "Dear Sir or Madam,\n\nRegarding agreement RK-4410227 of Mr Jonas Petersen, we confirm the monthly "
    "instalment of £40.00.\n\nKind regards\nRatenkauf Nord GmbH",
    "Geachte heer, mevrouw,\n\nInzake overeenkomst RK-4410227 van de heer Jonas Petersen bevestigen wij de "
    "maandtermijn van € 40,00.\n\nMet vriendelijke groet\nRatenkauf Nord GmbH",
    "Estimados señores:\n\nEl contrato RK-4410227 de D. Jonas Petersen tiene una cuota mensual de 40,00 €.\n\n"
    "Atentamente\nRatenkauf Nord GmbH",
]


@pytest.mark.parametrize("body", INSTALMENT_ONLY_REPLIES)
def test_an_instalment_only_reply_is_held_saying_what_it_found(judge: Judge, body: str) -> None:
    verdict = judge(body)
    assert not verdict.apply
    assert INSTALMENT_ONLY.format(figures="40.00") in verdict.reasons, verdict.reasons
    assert "reply states no claim: a person decides" not in verdict.reasons


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Wir bestätigen die monatliche Rate von 40,00 EUR.", ("40.00",)),
        ("We confirm the monthly instalment of £40.00.", ("40.00",)),
        ("Wij bevestigen de maandtermijn van € 40,00.", ("40.00",)),
        ("La mensualité de 40,00 € est confirmée.", ("40.00",)),
        ("Confermiamo la rata mensile di 40,00 €.", ("40.00",)),
        ("Vi bekräftar avbetalning om 400 kr per månad.", ("400.00",)),
        # near misses: a claim figure, an interest rate, a payment received
        ("Die offene Forderung beträgt 994,40 €.", ()),
        ("Der Zinssatz beträgt 5,00 % auf 994,40 €.", ()),
        ("Hemos recibido su pago de 40,00 €.", ()),
        # the remaining claim after the instalments received is no instalment
        ("Die Restforderung beträgt nach Eingang der Raten bis einschließlich November 2026 noch 1.905,00 Euro.", ()),
        ("The remaining balance after your monthly instalments is £1,905.00.", ()),
    ],
)
def test_stated_instalments(text: str, found: tuple[str, ...]) -> None:
    assert stated_instalments(text) == tuple(Decimal(v) for v in found)


def test_a_total_beside_an_instalment_still_applies(judge: Judge) -> None:
    body = (
        "Sehr geehrte Damen und Herren,\n\nzum Vertrag RK-4410227 von Herrn Jonas Petersen beträgt die offene "
        "Forderung 960,00 EUR. Die monatliche Rate bleibt bei 40,00 EUR.\n\nMit freundlichen Grüßen\nRatenkauf Nord GmbH"
    )
    verdict = judge(body)
    assert verdict.apply and verdict.amount == Decimal("960.00"), verdict.reasons


def test_a_reply_without_any_figure_still_states_no_claim(judge: Judge) -> None:
    body = (
        "Sehr geehrte Damen und Herren,\n\nzum Vertrag RK-4410227 von Herrn Jonas Petersen melden wir uns in "
        "Kürze.\n\nMit freundlichen Grüßen\nRatenkauf Nord GmbH"
    )
    verdict = judge(body)
    assert not verdict.apply
    assert not any(str(r).startswith("the reply states an instalment") for r in verdict.reasons)


def test_the_desk_renders_and_groups_the_instalment_reason() -> None:
    one = INSTALMENT_ONLY.format(figures="40.00")
    other = INSTALMENT_ONLY.format(figures="248.60")
    assert known(one, Formatter("de_DE", "Europe/Berlin"))
    assert family_of(one) is not None and family_of(one) == family_of(other)


def test_a_statement_of_thousands_of_rows_is_read_for_instalments_in_bounded_work():
    """A huge statement once made the per-figure sentences of ``labelled_figures`` quadratic in
    time and memory (a 90,000-row table took gigabytes) and was left unread; each figure is now
    read within ``SENTENCE_WINDOW``, so the rows' instalments are named like a short text's."""
    from creditctl.pipeline.reply_wording import stated_instalments

    rows = "".join(f"Position {i}: {i % 50},00 EUR offen\n" for i in range(3_000))
    assert len(rows) > 60_000
    assert stated_instalments(rows + "\nWir bestätigen die monatliche Rate von 40,00 EUR.\n") == (Decimal("40.00"),)
    assert stated_instalments("Rate 1: 40,00 EUR offen\n" + rows) == ()  # an open amount: no instalment
    assert stated_instalments("Position 1: 40,00 EUR offen") == ()
    assert stated_instalments("Wir bestätigen die monatliche Rate von 40,00 EUR.") == (Decimal("40.00"),)
