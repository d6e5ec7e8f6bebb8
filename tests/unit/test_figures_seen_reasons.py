"""A reply held without a total says what it found instead of "reply states no claim" / "no
claim total found": the figures of the creditor's own text and why none is the claim's current
total (``reply_wording.figures_seen``, ``safety.SafetyReport.figures``, ``gate._figures_reason``):
figures none labelled as the claim (a payment and the next instalment), several different claim
figures, one claim figure not read as the total. The outcome is the same hold; the desk renders
and groups each reason. Near-misses: a reply without a figure keeps the old reason, a clear
statement still applies."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from creditctl.desk.i18n import Formatter
from creditctl.desk.reasons import family_of, known
from creditctl.pipeline.gate import CLAIM_FIGURE_NOT_TOTAL, CLAIM_FIGURES_DISAGREE, FIGURES_NOT_TOTAL
from creditctl.pipeline.reply_wording import FIGURES_SEEN_MAX, figures_seen
from tests.case_judge import body_judge, one_claim_records

CREDITOR = ("Ratenkauf Nord GmbH", "service@ratenkauf-nord.example")
RECORDS = one_claim_records(
    file_number="FIG-0001", name="Jonas Petersen", creditor=CREDITOR, reference="RK-4410227", amount="994.40"
)

Judge = Callable[[str], Any]


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Judge]:
    with body_judge(RECORDS, tmp_path_factory.mktemp("db"), creditor=CREDITOR, subject="RE: RK-4410227") as judge:
        yield judge


OLD_REASONS = ("reply states no claim: a person decides", "no claim total found")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Nous avons reçu votre paiement de 100,00 € ; la prochaine mensualité est de 50,00 €.", {"100.00", "50.00"}),
        (
            "Wir haben Ihre Zahlung über 100,00 EUR erhalten, die nächste Rate über 50,00 EUR folgt.",
            {"100.00", "50.00"},
        ),
        ("We received your payment of £100.00; the next instalment is £50.00.", {"100.00", "50.00"}),
        ("Wij ontvingen uw betaling van € 100,00; de volgende termijn is € 50,00.", {"100.00", "50.00"}),
    ],
)
def test_figures_seen_names_each_figure_with_its_label_kind(text: str, found: set[str]) -> None:
    seen = figures_seen(text)
    assert {str(v) for v, _ in seen} == found, seen
    assert all(kind == "other" for _, kind in seen), seen


def test_figures_seen_marks_claim_figures_and_is_bounded() -> None:
    assert figures_seen("Forderung 0,00 EUR, Restschuld 300,00 EUR.") == (
        (Decimal("0.00"), "claim"),
        (Decimal("300.00"), "claim"),
    )
    assert figures_seen("Wir melden uns in Kürze.") == ()
    many = " ".join(f"Zahlung {i},00 EUR erhalten." for i in range(1, 20))
    assert len(figures_seen(many)) == FIGURES_SEEN_MAX
    # a long text is read in linear work (labelled_figures reads each figure within a window) and named bounded
    assert figures_seen("Rate 40,00 EUR offen\n" * 5000) == ((Decimal("40.00"), "other"),)


PAYMENT_AND_INSTALMENT = [
    "Madame, Monsieur,\n\nconcernant le contrat RK-4410227 de M. Jonas Petersen, nous avons bien reçu votre "
    "paiement de 100,00 €. La prochaine échéance de 50,00 € est due le 1er janvier.\n\nCordialement\n"
    "Ratenkauf Nord GmbH",
    "Sehr geehrte Damen und Herren,\n\nzum Vertrag RK-4410227 von Herrn Jonas Petersen haben wir Ihre Zahlung "
    "über 100,00 EUR erhalten. Die nächste Rate über 50,00 EUR ist am 1. Januar fällig.\n\nMit freundlichen "
    "Grüßen\nRatenkauf Nord GmbH",
]


@pytest.mark.parametrize("body", PAYMENT_AND_INSTALMENT)
def test_a_held_reply_naming_figures_says_which_and_why_none_is_the_total(judge: Judge, body: str) -> None:
    verdict = judge(body)
    assert not verdict.apply
    assert not any(r in OLD_REASONS for r in verdict.reasons), verdict.reasons
    said = [r for r in verdict.reasons if r.startswith("the reply ")]
    assert said and "100.00" in said[0], verdict.reasons


def test_a_reply_without_any_figure_keeps_its_reason(judge: Judge) -> None:
    body = (
        "Sehr geehrte Damen und Herren,\n\nzum Vertrag RK-4410227 von Herrn Jonas Petersen prüfen wir die "
        "Forderung noch und melden uns in Kürze.\n\nMit freundlichen Grüßen\nRatenkauf Nord GmbH"
    )
    verdict = judge(body)
    assert not verdict.apply
    assert not any("names" in r and "figure" in r for r in verdict.reasons), verdict.reasons


def test_a_clear_statement_still_applies(judge: Judge) -> None:
    body = (
        "Sehr geehrte Damen und Herren,\n\nzum Vertrag RK-4410227 von Herrn Jonas Petersen beträgt die offene "
        "Forderung 960,00 EUR.\n\nMit freundlichen Grüßen\nRatenkauf Nord GmbH"
    )
    verdict = judge(body)
    assert verdict.apply and verdict.amount == Decimal("960.00"), verdict.reasons


@pytest.mark.parametrize(
    ("template", "one", "other"),
    [
        (FIGURES_NOT_TOTAL, "100.00, 50.00", "12.00"),
        (CLAIM_FIGURES_DISAGREE, "0.00, 300.00", "10.00, 20.00, 30.00"),
        (CLAIM_FIGURE_NOT_TOTAL, "1500.00", "2.50"),
    ],
)
def test_the_desk_renders_and_groups_each_reason(template: str, one: str, other: str) -> None:
    first, second = template.format(figures=one), template.format(figures=other)
    assert known(first, Formatter("de_DE", "Europe/Berlin")), first
    assert family_of(first) is not None and family_of(first) == family_of(second)
    assert len({family_of(t.format(figures="1.00")) for t in (FIGURES_NOT_TOTAL, CLAIM_FIGURES_DISAGREE)}) == 2
