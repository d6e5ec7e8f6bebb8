"""Reading round 28 (read28): never a wrong figure, the current total exact
(docs/evaluation.md, "Reading round 28 (read28)").

Each family: positives in several languages and near-misses that must still apply (or keep
their reading)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.equal_figures import equal_figures, two_figures_reasons
from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.gate import hold_kind
from creditctl.pipeline.reply_wording import current_figure_reasons, labelled_figures
from creditctl.pipeline.safety import check

# --- two current figures of equal standing: the principal's and the writer's own -----------------

TWO_FIGURES = [
    (
        "Laut Forderungsaufstellung unserer Auftraggeberin beträgt die Forderung 544,20 EUR, laut unserem System "
        "598,10 EUR. Die Differenz klären wir derzeit mit der Auftraggeberin.",
        ("544.20", "598.10"),
    ),
    ("Nach Berechnung unserer Mandantin beträgt die Forderung 2.980,00 €, nach unserer Berechnung 3.104,22 €.", None),
    ("Die Forderung beträgt 544,20 EUR laut Auftraggeberin und 598,10 EUR laut unserem System.", None),
    ("The principal's claim is €1,840.00; our claim including our collection costs is €2,115.40.", None),
    ("According to our client the debt is £1,840.00; our records show £2,115.40.", None),
    (
        "Il credito della mandante ammonta a € 1.840,00; il nostro credito comprensivo delle spese di recupero è di "
        "€ 2.115,40. Vi preghiamo di attendere una nostra conferma.",
        None,
    ),
    (
        "La créance de notre mandant s'élève à 1.840,00 €, notre créance, frais de recouvrement compris, à 2.115,40 €.",
        None,
    ),
    (
        "De vordering van onze opdrachtgever bedraagt € 1.840,00; volgens onze berekening bedraagt de vordering € 2.115,40.",
        None,
    ),
    ("Según nuestro cliente la deuda asciende a 1.840,00 €; según nuestros cálculos asciende a 2.115,40 €.", None),
    ("Segundo o nosso cliente a dívida é de 1.840,00 €; segundo os nossos registos é de 2.115,40 €.", None),
    (
        "Enligt uppdragsgivaren uppgår fordran till 18 400,00 kr, enligt vår beräkning till 21 154,00 kr.",
        ("18400.00", "21154.00"),
    ),
    (
        "Ifølge opdragsgiveren udgør kravet 18.400,00 kr., ifølge vores opgørelse 21.154,00 kr.",
        ("18400.00", "21154.00"),
    ),
    (
        "Ifølge oppdragsgiveren er kravet kr 18 400,00, mens vårt krav inkludert salær er kr 21 154,00.",
        ("18400.00", "21154.00"),
    ),
    ("Toimeksiantajan mukaan saatava on 1 840,00 €, laskelmamme mukaan 2 115,40 €.", None),
    ("Według zleceniodawcy zadłużenie wynosi 1.840,00 zł, według naszych wyliczeń 2.115,40 zł.", None),
]


@pytest.mark.parametrize(("text", "pair"), TWO_FIGURES)
def test_two_parties_figures_of_equal_standing_are_a_pair(text: str, pair: tuple[str, str] | None) -> None:
    found = equal_figures(text)
    assert found is not None, text
    if pair is not None:
        assert found == (Decimal(pair[0]), Decimal(pair[1]))
    # whichever of the two an extractor reads, the safety layer holds it
    for value in found:
        reasons = two_figures_reasons({"body": text}, value)
        assert reasons and "two current figures" in reasons[0]
        assert hold_kind(reasons[0]) == "several_totals"  # review offers neither figure as the default


NOT_TWO_FIGURES = [
    # the difference stated: a breakdown, the collector's figure is the sum
    "Die Forderung unserer Auftraggeberin beträgt 1.840,00 €; zuzüglich unserer Inkassokosten von 275,40 € beträgt "
    "unsere Forderung 2.115,40 €.",
    "Il credito della mandante ammonta a € 1.840,00, oltre interessi di € 120,00 e spese di € 155,40, per un totale "
    "di € 2.115,40.",
    # the principal's figure named as a component, the other as the sum
    "Die Hauptforderung unserer Mandantin beträgt 1.840,00 €, unsere Gesamtforderung einschließlich Kosten 2.115,40 €.",
    "Our client's principal amount is £1,840.00; our claim in total, with interest and costs, is £2,115.40.",
    # one of them named as the binding figure
    "Die Forderung unserer Mandantin beträgt 1.840,00 €, maßgeblich ist jedoch unsere Gesamtforderung von 2.115,40 €.",
    # a past figure beside the current one
    "The principal's claim was €1,840.00; our claim including our collection costs is now €2,115.40.",
    "Your client's balance with our principal was €1,840.00 in May; our claim is now €2,115.40.",
    # the office's own figure corrected (the office is no party to the claim)
    "Laut Ihrem Schreiben beträgt die Forderung 544,20 EUR, laut unserem System 598,10 EUR.",
    # an instalment or an offer beside the claim
    "Die Forderung unserer Auftraggeberin beträgt 1.840,00 €. Wir bieten Ihrer Mandantin eine Ratenzahlung von "
    "50,00 € monatlich an.",
    "Our client's claim stands at £1,840.00. Our client would accept £1,200.00 in full and final settlement.",
    "Selon notre mandant, la créance s'élève à 1.840,00 €. Un échéancier de 100,00 € par mois est possible.",
    # one party, one figure
    "Nach Berechnung unserer Mandantin beträgt die Forderung 2.980,00 €.",
    # the same figure twice
    "Laut unserer Auftraggeberin beträgt die Forderung 544,20 EUR, laut unserem System ebenfalls 544,20 EUR.",
]


@pytest.mark.parametrize("text", NOT_TWO_FIGURES)
def test_a_sum_owed_beside_a_different_thing_is_no_pair(text: str) -> None:
    assert equal_figures(text) is None, text


def _read(body: str) -> tuple[Decimal | None, list[str]]:
    result = RulesExtractor().extract(
        ExtractionInput(reply_text=body, subject="AW: Forderung", from_name="Calder Recoveries Ltd")
    )
    return result.amounts.total, result.warnings


def test_the_rules_extractor_takes_neither_of_two_current_figures() -> None:
    body = (
        "Sehr geehrte Damen und Herren,\n\nlaut Forderungsaufstellung unserer Auftraggeberin beträgt die Forderung "
        "544,20 EUR, laut unserem System 598,10 EUR.\n\nMit freundlichen Grüßen\nMainfranken Inkasso KG"
    )
    total, warnings = _read(body)
    assert total is None
    assert any(w.startswith("two current figures of equal standing stated: 544.20, 598.10") for w in warnings)


def test_the_rules_extractor_still_reads_the_sum_beside_its_parts() -> None:
    body = (
        "Sehr geehrte Damen und Herren,\n\ndie Forderung unserer Auftraggeberin beträgt 1.840,00 €; zuzüglich "
        "unserer Inkassokosten von 275,40 € beträgt unsere Gesamtforderung 2.115,40 €.\n\nMit freundlichen Grüßen\n"
        "Mainfranken Inkasso KG"
    )
    total, _ = _read(body)
    assert total == Decimal("2115.40")


def test_the_safety_layer_holds_either_figure_whatever_the_extractor_read() -> None:
    text = "The principal's claim is €1,840.00; our claim including our collection costs is €2,115.40."
    for total in ("1840.00", "2115.40"):
        report = check(
            total=Decimal(total),
            reply_kind="claim_statement",
            own_texts={"body": text},
            quoted_text="",
            raw_texts=[text],
        )
        assert any("two current figures" in r for r in report.reasons)
    clear = "Our claim including our collection costs is €2,115.40."
    report = check(
        total=Decimal("2115.40"),
        reply_kind="claim_statement",
        own_texts={"body": clear},
        quoted_text="",
        raw_texts=[clear],
    )
    assert not any("two current figures" in r for r in report.reasons)


# --- a past "amounts to" after the figure (verb-last) ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wir teilen Ihnen mit, dass der Saldo per 31.12.2025 3.580,00 EUR betrug.",
        "Wir teilen mit, dass die Forderung zum Zeitpunkt der Kündigung 2.680,00 € betragen hatte.",
        "Wij delen u mee dat het saldo per 30-06-2026 € 742,85 bedroeg.",
    ],
)
def test_a_balance_whose_verb_is_in_the_past_is_not_current(text: str) -> None:
    (figure,) = labelled_figures(text)
    assert figure.kind == "other"
    assert current_figure_reasons({"body": text}, figure.value, text) != []


@pytest.mark.parametrize(
    "text",
    [
        "Wir teilen Ihnen mit, dass der Saldo heute 3.580,00 EUR beträgt.",
        "Wij delen u mee dat het saldo € 742,85 bedraagt.",
        "Der Saldo betrug am 31.12.2025 noch 3.800,00 EUR; heute beträgt er 3.580,00 EUR.",
    ],
)
def test_a_balance_in_the_present_is_still_current(text: str) -> None:
    figures = labelled_figures(text)
    assert figures[-1].kind == "claim"
    assert current_figure_reasons({"body": text}, figures[-1].value, text) == []


# --- a dotted identifier is no date: rows per notice, then their sum -------------------------------


def _several(text: str, ref: str, total: str) -> list[str]:
    from creditctl.pipeline.matching_types import ClaimCandidate
    from creditctl.pipeline.safety_several import several_claims_problems

    matched = ClaimCandidate(
        claim_id=1,
        client_id=1,
        client_file_number="BÖ-2025-0314",
        client_name="Katharina Schulz",
        creditor_name="Stadtkasse Köln",
        creditor_reference=ref,
    )
    return several_claims_problems(own_text=text, matched=matched, candidates=[matched], total=Decimal(total))


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        (
            "Kassenzeichen 5400.1120.7731 (Grundbesitzabgaben)  312,30 EUR\n"
            "Kassenzeichen 5400.1120.8842 (Hundesteuer)  163,80 EUR\nZusammen offen: 476,10 EUR",
            "540011207731",
        ),
        (
            "Aanslag 2024.5567.8812 (afvalstoffenheffing)  € 312,30\n"
            "Aanslag 2024.5567.9934 (hondenbelasting)  € 163,80\nTotaal openstaand: € 476,10",
            "202455678812",
        ),
        (
            "Avviso 7788.1120.7731 (TARI)  € 312,30\nAvviso 7788.1120.8842 (IMU)  € 163,80\nTotale dovuto: € 476,10",
            "778811207731",
        ),
    ],
)
def test_rows_per_dotted_identifier_then_their_sum_hold(text: str, ref: str) -> None:
    assert _several(text, ref, "476.10"), text


@pytest.mark.parametrize(
    "text",
    [
        # one identifier, a period written with dots or a slash beside it: one claim
        "Kassenzeichen 5400.1120.7731, Grundbesitzabgaben 2025/2026: offen 476,10 EUR",
        "Kassenzeichen 5400.1120.7731 (Abrechnungszeitraum 01.2026 bis 12.2026): offen 476,10 EUR",
    ],
)
def test_one_dotted_identifier_with_periods_is_one_claim(text: str) -> None:
    assert _several(text, "540011207731", "476.10") == [], text


# --- the claim as it would stand on a later date (conditional mood) is no second total --------------

LATER = [
    "Gesamtforderung heute: 407,55 EUR\n\nBei einer Zahlung bis zum 31.01.2027 wären Zinsen bis 31.01.2027 in Höhe "
    "von 20,75 EUR zu berücksichtigen, die Forderung betrüge dann 412,90 EUR.",
    "Total due today: EUR 407.55. If paid by 31 January 2027, interest to that date would be added and the balance "
    "would then amount to EUR 412.90.",
    "Le solde dû ce jour est de 407,55 €. Au 31/01/2027, le solde s'élèverait à 412,90 €.",
    "Il saldo dovuto ad oggi è di € 407,55. Al 31/01/2027 il saldo ammonterebbe a € 412,90.",
    "El saldo pendiente hoy es de 407,55 €. A 31/01/2027 la deuda ascendería a 412,90 €.",
]


@pytest.mark.parametrize("text", LATER)
def test_the_claim_as_it_would_stand_later_is_no_second_total(text: str) -> None:
    from creditctl.pipeline.extraction.amounts import amounts_with_labels, choose_amounts
    from creditctl.pipeline.reply_wording import several_totals_reasons

    assert several_totals_reasons({"body": text}, Decimal("407.55")) == []
    later = [f for f in labelled_figures(text) if f.value == Decimal("412.90")]
    assert later and later[0].kind == "other"
    items = [(f, "body") for f in amounts_with_labels(text)]
    assert choose_amounts(items, texts={"body": text}).amounts.total == Decimal("407.55")


def test_two_present_totals_still_hold() -> None:
    from creditctl.pipeline.reply_wording import several_totals_reasons

    text = "Der Saldo beträgt 407,55 EUR. Die Forderung beträgt 412,90 EUR."
    assert several_totals_reasons({"body": text}, Decimal("412.90")) != []


# --- another account settled, the figure's account open: the figure is read, never applied ---------

OTHER_ACCOUNT = [
    (
        "Dear Sir/Madam,\n\nPlease note that the credit card account BOI-CC-3318 was settled in full on 20/11/2026 "
        "and is now closed.\n\nThe personal loan BOI-PL-7702 remains open. The outstanding balance on the loan as at "
        "04/12/2026 is €5,180.00.\n\nYours faithfully,\nBank of Ireland",
        "5180.00",
    ),
    (
        "Kære modtager\n\nRestgælden på lån KL-441207 (Mette Jensen) er 22.840,00 kr. inkl. renter og gebyrer.\n\n"
        "Det tidligere lån KL-390114 blev indfriet i 2025 og er lukket; der er intet udestående på det.\n\n"
        "Med venlig hilsen\nKvik Lån A/S",
        "22840.00",
    ),
    (
        "Sehr geehrte Damen und Herren,\n\nder Kreditkartenvertrag KK-55120 ist vollständig ausgeglichen.\n\n"
        "Für den Ratenkredit RK-77031 beträgt der offene Saldo 3.412,50 EUR.\n\nMit freundlichen Grüßen\nNordbank AG",
        "3412.50",
    ),
]


@pytest.mark.parametrize(("body", "total"), OTHER_ACCOUNT)
def test_another_account_settled_keeps_the_open_figure_unapplied(body: str, total: str) -> None:
    from creditctl.pipeline.extraction.model import ReplyKind

    result = RulesExtractor().extract(ExtractionInput(reply_text=body, subject="Re: enquiry"))
    assert result.amounts.total == Decimal(total)
    assert result.reply_kind is ReplyKind.OTHER  # never applied: a person confirms which account is the claim


@pytest.mark.parametrize(
    "body",
    [
        # the same account settled and open: a contradiction, no figure taken
        "Dear Sir/Madam,\n\nThe account BOI-CC-3318 was settled in full on 20/11/2026.\n\n"
        "The outstanding balance on account BOI-CC-3318 is €5,180.00.\n\nBank of Ireland",
        # no identifier on either side
        "Sehr geehrte Damen und Herren,\n\ndie Forderung ist ausgeglichen.\n\nOffener Betrag: 312,00 €\n\nNordbank AG",
    ],
)
def test_settled_and_open_without_another_account_takes_no_figure(body: str) -> None:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, subject="Re: enquiry"))
    assert result.amounts.total is None
