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
from creditctl.pipeline.reply_wording import current_figure_reasons, labelled_figures
from creditctl.pipeline.safety import settled_phrase
from creditctl.pipeline.safety_thread import pointed_block_span


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


# --- the figure then and the figure now; what remains ("era … ora", "ad oggi residuano") -----------------

_THEN_NOW = [
    (
        "il debito era di € 820,00 alla data della Vostra lettera; dopo i versamenti di ottobre e novembre ora è di € 595,00.",
        "595.00",
    ),
    ("il saldo era di € 820,00; ora è di € 595,00.", "595.00"),
    ("die Forderung betrug 820,00 €, jetzt sind es noch 595,00 €.", "595.00"),
    (
        "the balance was €820.00 at the date of your letter; after the October and November payments it is now €595.00.",
        "595.00",
    ),
    (
        "la dette était de 820,00 € à la date de votre courrier ; après les versements d'octobre et novembre, elle est maintenant de 595,00 €.",
        "595.00",
    ),
    (
        "la deuda era de 820,00 € a la fecha de su carta; tras los pagos de octubre y noviembre ahora es de 595,00 €.",
        "595.00",
    ),
    (
        "bedroeg de schuld € 820,00 op de datum van uw brief; na de betalingen van oktober en november is deze nu € 595,00.",
        "595.00",
    ),
    (
        "a dívida era de 820,00 € à data da vossa carta; após os pagamentos de outubro e novembro é agora de 595,00 €.",
        "595.00",
    ),
    (
        "var skulden 820,00 EUR vid datumet för ert brev; efter betalningarna i oktober och november är den nu 595,00 EUR.",
        "595.00",
    ),
    (
        "var gælden 820,00 EUR på datoen for jeres brev; efter indbetalingerne i oktober og november er den nu 595,00 EUR.",
        "595.00",
    ),
]
_REMAINS = [
    (
        "l'importo originario del finanziamento era di € 3.000,00; ad oggi residuano € 1.425,30, comprensivi di interessi di mora.",
        "1425.30",
    ),
    (
        "le montant initial du prêt était de 3 000,00 € ; à ce jour il reste 1 425,30 €, intérêts de retard compris.",
        "1425.30",
    ),
    (
        "el importe original del préstamo era de 3.000,00 €; a día de hoy quedan 1.425,30 €, intereses de demora incluidos.",
        "1425.30",
    ),
    (
        "was het oorspronkelijke leenbedrag € 3.000,00; per vandaag resteert € 1.425,30, inclusief vertragingsrente.",
        "1425.30",
    ),
    (
        "o montante inicialmente financiado era de 3.000,00 €; à data de hoje restam 1.425,30 €, incluindo juros de mora.",
        "1425.30",
    ),
    (
        "var det ursprungliga lånebeloppet 3 000,00 EUR; i dag återstår 1 425,30 EUR inklusive dröjsmålsränta.",
        "1425.30",
    ),
]


@pytest.mark.parametrize(("sentence", "total"), _THEN_NOW + _REMAINS)
def test_the_figure_now_is_the_current_claim(sentence: str, total: str) -> None:
    text = f"Katrin Meyer, WI-2026-448812:\n{sentence}\n"
    assert _read(text).amounts.total == Decimal(total)
    kinds = {f.value: f.kind for f in labelled_figures(text)}
    assert kinds[Decimal(total)] == "claim"
    assert current_figure_reasons({"body": text}, Decimal(total), text) == []


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # the instalment then and now: not the claim
        ("la rata era di € 120,00; ora è di € 95,00.", "95.00"),
        ("die monatliche Rate betrug 120,00 €, jetzt sind es 95,00 €.", "95.00"),
        ("the monthly fee was €12.00; it is now €9.50.", "9.50"),
        # another label before the figure now
        ("the balance was €820.00; the monthly instalment is now €95.00.", "95.00"),
        ("il debito era di € 820,00; la rata ora è di € 95,00.", "95.00"),
        # another sentence
        ("Der Saldo betrug 820,00 €. Jetzt ist eine Rate von 95,00 € fällig.", "95.00"),
        # the claim word not in the earlier figure's own words
        ("Die Forderung ist bekannt; die Rate betrug 120,00 €, jetzt 95,00 €.", "95.00"),
    ],
)
def test_a_figure_now_of_something_else_is_not_the_claim(sentence: str, figure: str) -> None:
    kinds = {f.value: f.kind for f in labelled_figures(f"Katrin Meyer:\n{sentence}\n")}
    assert kinds[Decimal(figure)] != "claim"


# --- the newest message points to the figure in the block below its sign-off -----------------------------

_BLOCK = "\n\n+------------------------------+\n| Vorgang: WI-2026-512004      |\n| Offener Saldo: 781,44 EUR    |\n+------------------------------+\n"


@pytest.mark.parametrize(
    ("pointer", "closing"),
    [
        ("Der aktuelle Saldo ist unten im Vorgangsblock ausgewiesen.", "Mit freundlichen Grüßen"),
        ("Die aktuelle Forderung entnehmen Sie bitte der Übersicht unten.", "Freundliche Grüße"),
        ("The current balance is shown below.", "Kind regards"),
        ("Le solde actuel figure ci-dessous.", "Cordialement,"),
        ("Het actuele saldo vindt u hieronder.", "Met vriendelijke groet,"),
        ("Il saldo attuale è riportato qui sotto.", "Cordiali saluti"),
        ("El saldo actual figura más abajo.", "Atentamente,"),
        ("O saldo atual encontra-se abaixo.", "Com os melhores cumprimentos,"),
        ("Det aktuella saldot framgår nedan.", "Med vänliga hälsningar"),
        ("Den aktuelle saldo fremgår nedenfor.", "Med venlig hilsen"),
    ],
)
def test_a_pointer_to_the_block_below_admits_its_figure(pointer: str, closing: str) -> None:
    text = f"Sehr geehrte Damen und Herren,\n\n{pointer}\n\n{closing}\nServiceteam{_BLOCK}"
    span = pointed_block_span(text)
    assert span is not None
    assert "781,44" in text[span[0] : span[1]]


@pytest.mark.parametrize(
    "text",
    [
        # no pointer: the figure below the sign-off stays outside the newest message
        f"Sehr geehrte Damen und Herren,\n\nanbei die gewünschten Informationen.\n\nMit freundlichen Grüßen\nTeam{_BLOCK}",
        # "below" without a claim word
        f"Dear Sirs,\n\nPlease find our bank details below.\n\nKind regards\nTeam{_BLOCK}",
        # the pointer only in the older message below a header, not in the newest one
        "Danke.\n\nMit freundlichen Grüßen\nTeam\n\nVon: Beratung <post@beratung.example>\n"
        "Gesendet: Montag, 23. November 2026 10:14\nAn: team@firm.example\nBetreff: Saldo\n\n"
        f"Der aktuelle Saldo ist unten ausgewiesen.{_BLOCK}",
    ],
)
def test_no_pointer_no_block(text: str) -> None:
    assert pointed_block_span(text) is None


def test_the_block_ends_at_the_next_message_header() -> None:
    text = (
        "Sehr geehrte Damen und Herren,\n\nder aktuelle Saldo steht unten.\n\nMit freundlichen Grüßen\nTeam\n"
        "Offener Saldo: 781,44 EUR\n\nVon: Beratung <post@beratung.example>\nGesendet: Montag, 23. November 2026 10:14\n"
        "An: team@firm.example\nBetreff: Saldo\n\nNach unseren Unterlagen beträgt die Forderung 1.000,00 EUR.\n"
    )
    span = pointed_block_span(text)
    assert span is not None
    block = text[span[0] : span[1]]
    assert "781,44" in block
    assert "1.000,00" not in block
