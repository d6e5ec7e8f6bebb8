"""The reader keeps its reading when a mail changes only in ways that change nothing — one test
per family the apply harness found (tests/apply_families, docs/evaluation.md "Apply families").
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.cleaning import parse_parts
from creditctl.pipeline.cleaning_language import letter_language
from creditctl.pipeline.reply_wording import labelled_figures, settled_reasons
from creditctl.pipeline.safety import number_tokens

# re-wrapped lines: a figure at the start of a line -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Die Forderung besteht aktuell in Höhe von\n301,90 € (Kaufpreis 269,00 €).", Decimal("301.90")),
        ("beläuft sich der rückständige Betrag derzeit auf\n411,50 Euro.", Decimal("411.50")),
        ("the balance outstanding is\n1,234.56 GBP", Decimal("1234.56")),
    ],
)
def test_a_figure_opening_a_wrapped_line_is_a_whole_number(text: str, value: Decimal) -> None:
    assert value in {t.value for t in number_tokens(text)}


def test_an_identifier_glued_to_a_word_on_its_own_line_is_still_none() -> None:
    tokens = number_tokens("Vertrag A12\nKonto NI-30411")
    assert all(t.value is None for t in tokens)


# language: ticket markers and a footer in another language -----------------------------------------


def test_a_ticket_marker_in_another_language_does_not_set_the_letter_language() -> None:
    reply = "##- Please type your reply above this line -##\n\nHej,\n\nAtt betala totalt: 2 144,50 kr\n\nMvh\nNorrland"
    assert letter_language(reply) == "sv"
    de_marker = "##- Bitte geben Sie Ihre Antwort über dieser Zeile ein. -##\n\nSaldo: 19 212,00 kr\n\n/Elin"
    parts, language = parse_parts(
        None,
        de_marker + "\n\nDen 1 dec. 2026 kl. 14:02 skrev X <x@y.example>:\n"
        "> Hej,\n> vi företräder Lars (vår referens BÖ-1).\n> Med vänlig hälsning\n> X\n",
    )
    assert language == "sv", parts


def test_a_marketing_line_below_the_signature_does_not_set_the_letter_language() -> None:
    reply = (
        "Hej\n\nSamlet gæld for Søren Nielsen: 12.450,00 kr.\n\nMed venlig hilsen\nJylland Inkasso A/S\n\n"
        "Rated 4.8/5 by 96% of our customers – manage your account 24/7 in our app."
    )
    assert letter_language(reply) == "da"


def test_a_letter_without_a_recognisable_part_above_the_closing_reads_the_whole() -> None:
    assert letter_language("Hallo,\n\nGruß\nund vielen Dank für die Anfrage, die Forderung ist beglichen.") == "de"


# a legal footer's capital is no claim ---------------------------------------------------------------

FOOTER = (
    "Nordhafen Forderungsmanagement GmbH · Hafenstraße 12 · 20457 Hamburg\n"
    "Sitz der Gesellschaft: Hamburg · Amtsgericht Hamburg HRB 123456 · Stammkapital 25.000,00 EUR\n"
)


@pytest.mark.parametrize(
    "line",
    [
        FOOTER,
        "Northfield Collections Ltd · Registered in England No. 04123456 · share capital £50,000.00",
        "Recouvra SAS au capital de 50 000,00 € · RCS Lyon 123 456 789",
        "Recupera S.r.l. · Capitale sociale € 100.000,00 i.v.",
    ],
)
def test_a_company_capital_is_not_a_claim_figure(line: str) -> None:
    assert [f.kind for f in labelled_figures(line)] == ["other"]


def test_a_settled_reply_with_a_legal_footer_stays_settled() -> None:
    text = "Die Forderung ist vollständig beglichen.\n\nMit freundlichen Grüßen\nNordhafen\n\n" + FOOTER
    assert settled_reasons({"body": text}, text, Decimal("0.00")) == []
    owed = "Die Forderung beträgt noch 120,00 EUR.\n\n" + FOOTER
    assert settled_reasons({"body": owed}, owed, Decimal("0.00"))  # a real figure owed still holds


# the total's number format: a column gap is no group separator ------------------------------------


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Openstaand per 28-11-2026                          558,77 €", Decimal("558.77")),
        ("Restgæld pr. 1. december 2026             6 128,50 kr", Decimal("6128.50")),
    ],
)
def test_a_figure_after_a_date_column_is_its_own_token(line: str, value: Decimal) -> None:
    assert value in {t.value for t in number_tokens(line)}


def test_a_single_space_still_groups_thousands_and_a_split_number_proves_nothing() -> None:
    assert [t.value for t in number_tokens("1 234,56 €")] == [Decimal("1234.56")]
    assert all(t.value is None for t in number_tokens("4. 018,75 €"))


# the currency: "kr" beside figures written with a krone code ---------------------------------------


def test_kr_takes_the_krone_code_the_letter_writes_elsewhere() -> None:
    from creditctl.pipeline.extraction.rules import _krona_code_of

    text = "Der Restbetrag beläuft sich auf NOK 6.742,00 plus Zinsen von NOK 210,40, insgesamt 6 952,40 kr."
    assert _krona_code_of([("reply", text)]) == "NOK"
    assert _krona_code_of([("reply", "SEK 10,00 und DKK 5,00, insgesamt 15,00 kr")]) is None
    assert _krona_code_of([("reply", "insgesamt 15,00 kr")]) is None


# rendering: Outlook's MsoNormal paragraphs are lines ---------------------------------------------------


def test_outlook_msonormal_paragraphs_are_lines_and_empty_ones_blank_lines() -> None:
    from creditctl.pipeline.cleaning_html import html_to_text

    html = (
        "<html><body><div class=WordSection1><p class=MsoNormal><span>Mehmet (Ratenwerk Kundenservice)<o:p></o:p>"
        "</span></p><p class=MsoNormal>1. Dez. 2026, 10:14 MEZ<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
        "<p class=MsoNormal>Hallo,</p><p>Ein gewöhnlicher Absatz.</p></div></body></html>"
    )
    assert html_to_text(html) == (
        "Mehmet (Ratenwerk Kundenservice)\n1. Dez. 2026, 10:14 MEZ\n\nHallo,\n\nEin gewöhnlicher Absatz."
    )


# an itemised list: a sentence written right below it is no row ------------------------------


def _itemised(text: str) -> Decimal | None:
    from creditctl.pipeline.extraction.amounts import amounts_with_labels
    from creditctl.pipeline.extraction.itemised import itemised_total

    items = [(f, "reply") for f in amounts_with_labels(text)]
    found = itemised_total(items, {"reply": text})
    return found[0] if found else None


LIST = (
    "Pour M. Brunner les montants suivants restent ouverts à ce jour :\n"
    "  primes impayées octobre–novembre 2026 ........ CHF 637.40\n"
    "  participation aux coûts (franchise 2026) ..... CHF 618.70\n"
    "  frais de rappel ............................... CHF 40.00\n"
)


@pytest.mark.parametrize(
    "below",
    [
        "La prime mensuelle s'élève à CHF 318.70. Un arrangement de paiement peut être convenu.\n",
        "Les frais de dossier s'élèvent à CHF 25.00.\n",
    ],
)
def test_a_sentence_right_below_a_list_is_not_summed(below: str) -> None:
    assert _itemised(LIST + "\n" + below) == Decimal("1296.10")
    assert _itemised(LIST + below) == Decimal("1296.10")  # the blank line removed


def test_a_sentence_among_the_rows_stops_the_list() -> None:
    rows = LIST.splitlines()
    text = "\n".join([rows[0], rows[1], "La prime mensuelle s'élève à CHF 318.70. Merci.", rows[2], rows[3]]) + "\n"
    assert _itemised(text) is None


def test_norwegian_counts_its_own_i_and_a_danish_letter_stays_danish() -> None:
    no = (
        "Hei Jana,\n\nTakk for henvendelsen. Samlet restgjeld per 31.10.2026: kr 12 987,-\n"
        "Inndrivelsen er ikke stilt i bero.\n\nVi kan vurdere en nedbetalingsplan når vi har mottatt budsjett.\n\n"
        "Med hilsen\nOla Berg"
    )
    assert letter_language(no) == "no"
    da = "Hej,\n\nSom aftalt sender vi kontoudtog på sagen. Restgælden er 6.128,50 kr. i alt.\n\nVenlig hilsen\nJonas"
    assert letter_language(da) == "da"
