"""Reading round 37 (docs/evaluation.md, "Reading round 37 (read37)"): the issue's fault kinds as
families — settled replies in Portuguese and Spanish status wording, letter-spaced PDF labels, column
headings a PDF ran together — each with positives in several languages and near-misses that must not
change."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.cleaning_text import attachment_text
from creditctl.pipeline.extraction.model import AttachmentText, ExtractionInput, ReplyKind
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.safety import settled_phrase


def _read(text: str):
    return RulesExtractor().extract(ExtractionInput(reply_text=text))


# --- settled: "se encontra liquidado", "não existe qualquer valor em dívida", "se encuentra saldada" ------


@pytest.mark.parametrize(
    "text",
    [
        "Exmos. Senhores,\nInformamos que o contrato n.º CFP-99120344 se encontra liquidado.",
        "Exmos. Senhores,\nA conta do vosso cliente encontra-se totalmente regularizada.",
        "Exmos. Senhores,\nNão existe qualquer valor em dívida.",
        "Prezados senhores,\nnão há nenhum montante em aberto em nome do cliente.",
        "Estimados señores:\nla deuda de su clienta se encuentra totalmente saldada.",
        "Estimados señores:\nel contrato se encuentra liquidado desde el 19/11/2026.",
    ],
)
def test_settled_status_wording_is_a_settled_reply(text: str) -> None:
    assert _read(text).reply_kind is ReplyKind.CLAIM_SETTLED
    assert settled_phrase(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Exmos. Senhores,\nO contrato não se encontra liquidado: o valor em dívida é de 1.150,00 €.",
        "Exmos. Senhores,\nO contrato encontra-se parcialmente liquidado; o valor em dívida é de 1.150,00 €.",
        "Exmos. Senhores,\nExiste um valor em dívida de 1.150,00 €.",
        "Estimados señores:\nla deuda no se encuentra saldada; el importe pendiente es de 1.150,00 €.",
    ],
)
def test_near_misses_stay_a_claim_statement(text: str) -> None:
    result = _read(text)
    assert result.reply_kind is ReplyKind.CLAIM_STATEMENT
    assert result.amounts.total == Decimal("1150.00")
    assert settled_phrase(text) is None


# --- a PDF's letter-spaced labels and figures ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("G e s a m t f o r d e r u n g          5 4 1 , 8 0  EUR", "Gesamtforderung          541,80  EUR"),
        ("T o t a l   b a l a n c e :  1 , 2 3 4 . 5 6  G B P", "Total   balance :  1,234.56  GBP"),
        ("S o l d e   r e s t a n t : 1 2 3 4 , 5 6  E U R", "Solde   restant : 1234,56  EUR"),
        ("O p e n s t a a n d   s a l d o | € 7 1 2 , 4 0", "Openstaand   saldo | € 712,40"),
        ("Gesamtforderung: 1\u2009.\u20092\u20093\u20094\u2009,\u20095\u20096 EUR", "Gesamtforderung: 1.234,56 EUR"),
    ],
)
def test_letter_spaced_labels_and_figures_are_rejoined(text: str, joined: str) -> None:
    assert attachment_text(text) == joined
    assert attachment_text(joined) == joined  # the reader's own output comes through unchanged


@pytest.mark.parametrize(
    "text",
    [
        "Creditreform Hannover Wolff K G",  # two letters
        "Punkte a, b, c und d",
        "siehe Anlage 1 a b",  # a digit before the letters: not a letter-spaced word
        "Seite 1 2 3",
        "Forderung 1 234,56 EUR",
    ],
)
def test_text_that_is_not_letter_spaced_stays(text: str) -> None:
    assert attachment_text(text) == text


def test_letter_spaced_pdf_statement_is_read_by_the_extractor() -> None:
    pdf = attachment_text(
        "H a u p t f o r d e r u n g            4 1 2 , 3 0  EUR\nZ i n s e n                               2 0 , 5 0  EUR\n"
        "K o s t e n                             1 0 9 , 0 0  EUR\nG e s a m t f o r d e r u n g          5 4 1 , 8 0  EUR\n"
    )
    result = RulesExtractor().extract(
        ExtractionInput(
            reply_text="Sehr geehrte Frau Brandt,\nanbei die aktuelle Forderungsaufstellung.\nMit freundlichen Grüßen",
            attachments=(AttachmentText(file_name="Aufstellung.pdf", text=pdf, content_type="application/pdf"),),
        )
    )
    assert result.amounts.total == Decimal("541.80")


# --- a PDF's column headings run together above a row of figures -----------------------------------------


@pytest.mark.parametrize(
    ("heading", "row", "lines"),
    [
        (
            "KapitalZinsenKostenGesamt",
            "2.640,00 188,20 211,80 3.040,00",
            ["Kapital: 2.640,00", "Zinsen: 188,20", "Kosten: 211,80", "Gesamt: 3.040,00"],
        ),
        (
            "PrincipalInterestChargesBalance",
            "1,100.00 98.00 36.56 1,234.56",
            ["Principal: 1,100.00", "Interest: 98.00", "Charges: 36.56", "Balance: 1,234.56"],
        ),
        (
            "PrincipalIntérêtsFraisSolde",
            "1.100,00 98,00 36,56 1.234,56",
            ["Principal: 1.100,00", "Intérêts: 98,00", "Frais: 36,56", "Solde: 1.234,56"],
        ),
        (
            "HoofdsomRenteKostenTotaal",
            "1.100,00 98,00 36,56 1.234,56",
            ["Hoofdsom: 1.100,00", "Rente: 98,00", "Kosten: 36,56", "Totaal: 1.234,56"],
        ),
    ],
)
def test_glued_column_headings_go_beside_their_figures(heading: str, row: str, lines: list[str]) -> None:
    assert attachment_text(f"Offene Forderung per 03.12.2026\n{heading}\n{row}\nAlle Beträge in EUR.") == "\n".join(
        ["Offene Forderung per 03.12.2026", *lines, "Alle Beträge in EUR."]
    )


@pytest.mark.parametrize(
    "text",
    [
        "KapitalZinsenKostenGesamt\n2.640,00 188,20 3.040,00",  # three figures for four headings
        "KapitalZinsen\n1 234,56 12,00",  # a space inside a figure: not a row of whole figures
        "Kapital Zinsen Kosten Gesamt\n2.640,00 188,20 211,80 3.040,00",  # headings not run together
        "McDonald\n12,00 13,00",  # a name: two capitalised parts, one of two letters
        "KapitalZinsen\nsiehe Anlage 2.640,00 188,20",
    ],
)
def test_other_heading_lines_stay(text: str) -> None:
    assert attachment_text(text) == text


def test_glued_headings_statement_is_read_by_the_extractor() -> None:
    pdf = attachment_text(
        "Oﬀene Forderung per 03.12.2026\nKapitalZinsenKostenGesamt\n2.640,00 188,20 211,80 3.040,00\n"
        "Alle Beträge in EUR."
    )
    result = RulesExtractor().extract(
        ExtractionInput(
            reply_text="Sehr geehrte Damen und Herren,\nim Anhang die Forderungsaufstellung.\nFreundliche Grüße",
            attachments=(AttachmentText(file_name="Aufstellung.pdf", text=pdf, content_type="application/pdf"),),
        )
    )
    assert result.amounts.total == Decimal("3040.00")
