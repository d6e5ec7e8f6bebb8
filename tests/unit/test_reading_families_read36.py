"""Reading round 36 (read36): statements that close at zero, the creditor's figure beside the office's, short
answers (docs/evaluation.md, "Reading round 36 (read36)").

Each family: positives in several languages, near-misses that must keep their reading or still hold, and whole
mails judged against records."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from creditctl.pipeline.cleaning import parse_email
from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels, letter_column_total
from creditctl.pipeline.extraction.labels import confirms_figure
from creditctl.pipeline.extraction.model import ExtractionInput
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.reply_wording import (
    balance_rows_closed_at_zero,
    normalise_text,
    pause_for_the_plan,
    several_totals_reasons,
)
from tests.amount_reading import body_total
from tests.case_judge import case_judge

_SENDER = ("Nordbank AG", "forderungen@nordbank.example")
RECORDS = [
    {
        "file_number": "R36-0001",
        "name": "Jonas Petersen",
        "date_of_birth": "1980-02-03",
        "claims": [
            {
                "creditor_name": _SENDER[0],
                "agent_name": None,
                "creditor_emails": [_SENDER[1]],
                "creditor_reference": "NB-4410227",
                "amount": "540.00",
                "currency": "EUR",
                "zendesk_ticket_id": None,
            }
        ],
    }
]
_OFFICE_LETTER = (
    "\n\nAm 02.12.2026 um 10:14 schrieb Schuldnerberatung <post@beratung.example>:\n"
    "> wir vertreten Jonas Petersen (unser Aktenzeichen R36-0001). Zu Ihrem Zeichen NB-4410227 ist bei uns eine "
    "Forderung von 540,00 € vermerkt.\n> Bitte teilen Sie uns die aktuelle Gesamtforderung mit.\n"
)


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with case_judge(RECORDS, tmp_path_factory.mktemp("db")) as judge_case:

        def run(*, text: str | None = None, html: str | None = None) -> Any:
            case = {"subject": "AW: Jonas Petersen NB-4410227", "from_email": _SENDER[1], "from_name": _SENDER[0]}
            if text is not None:
                case["body_text"] = text + _OFFICE_LETTER
            if html is not None:
                case["body_html"] = html
            return judge_case(**case)[2]

        yield run


# --- 1. a statement whose running balance closes at 0.00 ----------------------------------------------------------

CLOSED_AT_ZERO = [
    # Swiss German, aligned columns, a trailing minus on the payments
    "Datum        Buchung                 Betrag        Saldo\n"
    "01.10.2026   Saldovortrag                          CHF 412.35\n"
    "31.10.2026   Zahlung                 CHF 200.00-   CHF 212.35\n"
    "28.11.2026   Zahlung                 CHF 212.35-   CHF 0.00",
    # French, cells apart by bars, debit and credit columns unsigned
    "Date | Libellé | Débit | Crédit | Solde\n01/09/2026 | Solde reporté | 1 875,40 € | | 1 875,40 €\n"
    "15/10/2026 | Versement | | 900,00 € | 975,40 €\n20/11/2026 | Versement | | 975,40 € | 0,00 €",
    # English, a closing row restating the balance
    "Date | Description | Amount | Balance\n01/10/2026 | Opening balance | | €145.60\n"
    "22/10/2026 | Payment - thank you | -€70.00 | €75.60\n19/11/2026 | Payment - thank you | -€75.60 | €0.00\n"
    "Closing balance | €0.00",
    # Dutch and Italian, tab-separated
    "Datum\tOmschrijving\tBedrag\tSaldo\n01-10-2026\tBeginsaldo\t\t€ 310,00\n15-11-2026\tBetaling\t€ 310,00\t€ 0,00",
    "Data\tDescrizione\tImporto\tSaldo\n01/10/2026\tSaldo iniziale\t\t€ 520,00\n"
    "10/11/2026\tPagamento\t-€ 300,00\t€ 220,00\n25/11/2026\tPagamento\t-€ 220,00\t€ 0,00",
]


@pytest.mark.parametrize("table", CLOSED_AT_ZERO)
def test_a_running_balance_closing_at_zero_makes_its_rows_history(table: str) -> None:
    rows = balance_rows_closed_at_zero(normalise_text(table))
    assert len(rows) >= 2
    assert not any("Datum" in r or r.startswith("Date |") for r in rows)


@pytest.mark.parametrize(
    "text",
    [
        # the last balance is not zero
        "Datum        Buchung                 Betrag        Saldo\n01.10.2026   Saldovortrag                          "
        "CHF 412.35\n31.10.2026   Zahlung                 CHF 200.00-   CHF 212.35",
        # the rows do not add up to their balances
        "Date | Description | Amount | Balance\n01/10/2026 | Opening balance | | €145.60\n"
        "22/10/2026 | Payment | -€70.00 | €0.00",
        # prose lines, no table row
        "Die Forderung betrug 500,00 EUR.\nNach Ihrer Zahlung von 500,00 EUR beträgt der Saldo 0,00 EUR.",
    ],
)
def test_no_statement_closing_at_zero_books_nothing(text: str) -> None:
    assert balance_rows_closed_at_zero(normalise_text(text)) == set()


_SETTLED_STATEMENT = (
    "Sehr geehrte Damen und Herren,\n\nzum Konto NB-4410227 von Herrn Jonas Petersen:\n\n"
    "Datum        Buchung                 Betrag        Saldo\n"
    "01.10.2026   Saldovortrag                          EUR 540.00\n"
    "31.10.2026   Zahlung                 EUR 300.00-   EUR 240.00\n"
    "28.11.2026   Zahlung                 EUR 240.00-   EUR 0.00\n{last}\n"
    "Das Konto ist ausgeglichen, es besteht keine Forderung mehr.{extra}\n\nMit freundlichen Grüßen\nNordbank AG"
)


def test_a_settled_statement_closing_at_zero_applies_zero(judge: Any) -> None:
    verdict = judge(text=_SETTLED_STATEMENT.format(last="", extra=""))
    assert verdict.apply and verdict.amount == Decimal("0.00"), verdict.reasons


@pytest.mark.parametrize(
    ("last", "extra"),
    [
        # the table's last balance is not zero while the text says settled
        ("05.12.2026   Mahngebühr              EUR 15.00     EUR 15.00", ""),
        # a second account's row still owing
        ("\nKonto NB-4410228   Saldo                             EUR 120.00", ""),
        # "settled" beside a figure still due in a sentence
        ("", " Aus der Schlussrechnung sind noch 85,00 EUR offen."),
    ],
)
def test_a_figure_still_owed_beside_the_statement_still_holds(judge: Any, last: str, extra: str) -> None:
    verdict = judge(text=_SETTLED_STATEMENT.format(last=last, extra=extra))
    assert not verdict.apply, verdict.reasons


# --- 2a. a table setting the office's figure beside the current one ------------------------------------------------


@pytest.mark.parametrize(
    ("header", "row", "total"),
    [
        ("Kundenkonto | laut Ihrem Schreiben | aktueller Stand", "A1-55012394 | EUR 384,20 | EUR 402,95", "402.95"),
        ("Your letter | Current balance", "£896.40 | £912.15", "912.15"),
        ("Uw brief | Huidig saldo", "€ 734,15 | € 768,90", "768.90"),
        ("Selon votre courrier | Solde actuel", "1 210,00 € | 1 262,35 €", "1262.35"),
        ("Secondo la vostra lettera | Saldo attuale", "€ 2.860,00 | € 2.947,20", "2947.20"),
        ("Según su carta | Saldo actual", "5.120,00 € | 5.287,45 €", "5287.45"),
        ("Enligt ert brev | Aktuellt saldo", "1 890,00 kr | 1 975,00 kr", "1975.00"),
        ("Ifølge jeres brev | Saldo i dag", "3.412,00 kr. | 3.566,25 kr.", "3566.25"),
    ],
)
def test_the_current_column_beside_the_offices_figure_is_the_total(header: str, row: str, total: str) -> None:
    text = f"Zum Konto folgender Stand:\n\n{header}\n{row}\n"
    assert body_total(text) == Decimal(total)
    assert letter_column_total(text) == Decimal(total)


@pytest.mark.parametrize(
    "text",
    [
        # two current columns, no column of the office's letter
        "Konto | Saldo | aktueller Stand\n4711 | 384,20 EUR | 402,95 EUR",
        # the office's letter beside another of its figures, none current
        "Ihr Schreiben | Ihre Angabe\n384,20 EUR | 402,95 EUR",
        # a plain amount column
        "Position | Betrag\nHauptforderung | 384,20 EUR\nZinsen | 18,75 EUR",
    ],
)
def test_a_table_without_the_letter_and_current_pair_names_no_current_column(text: str) -> None:
    assert letter_column_total(text) is None


def test_the_letter_column_table_applies_in_a_whole_mail(judge: Any) -> None:
    html = (
        "<p>Sehr geehrte Damen und Herren,</p><p>zu Herrn Jonas Petersen (NB-4410227):</p><table border='1'>"
        "<tr><th>Konto</th><th>laut Ihrem Schreiben</th><th>aktueller Stand</th></tr>"
        "<tr><td>NB-4410227</td><td>EUR 540,00</td><td>EUR 561,30</td></tr></table>"
        "<p>Mit freundlichen Grüßen<br>Nordbank AG</p>"
    )
    verdict = judge(html=html)
    assert verdict.apply and verdict.amount == Decimal("561.30"), verdict.reasons


# --- 2b. the office's figure confirmed in the creditor's own words -------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        "Der in Ihrem Schreiben genannte Betrag von 540,00 € ist zutreffend.",
        "The amount you quote of £540.00 is correct.",
        "Het bedrag in uw brief is juist: er staat € 540,00 open.",
        "Le montant indiqué dans votre courrier, 540,00 €, est exact.",
        "L'importo da voi indicato di € 540,00 è corretto.",
        "El importe indicado en su carta, 540,00 €, es correcto.",
        "Beloppet i ert brev stämmer: skulden är fortfarande 540,00 kr.",
        "Det beløb, I angiver, på 540,00 kr. er korrekt.",
    ],
)
def test_a_confirmation_in_own_words_is_read(words: str) -> None:
    assert confirms_figure(words)


@pytest.mark.parametrize(
    "words",
    [
        "Der in Ihrem Schreiben genannte Betrag von 540,00 € ist nicht mehr zutreffend.",
        "The amount you quote of £540.00 is not correct.",
        "Le montant indiqué dans votre courrier n'est pas exact.",
        "L'importo da voi indicato non è corretto.",
        "Ist der Betrag von 540,00 € korrekt?",
        "Falls der Betrag zutreffend ist, bitten wir um Nachricht.",
        "Beloppet i ert brev stämmer inte.",
    ],
)
def test_a_negated_conditional_or_asked_confirmation_is_none(words: str) -> None:
    assert not confirms_figure(words)


@pytest.mark.parametrize(
    "text",
    [
        "Der in Ihrem Schreiben genannte Betrag von 540,00 € ist zutreffend. Weitere Kosten sind nicht angefallen.",
        "Der von Ihnen genannte Betrag von 540,00 € für Herrn Jonas Petersen (Konto NB-4410227) ist korrekt.",
    ],
)
def test_the_confirmed_office_figure_applies(judge: Any, text: str) -> None:
    verdict = judge(text=f"Sehr geehrte Damen und Herren,\n\n{text}\n\nMit freundlichen Grüßen\nNordbank AG")
    assert verdict.apply and verdict.amount == Decimal("540.00"), verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        # not confirmed
        "Der in Ihrem Schreiben genannte Betrag von 540,00 € ist nicht mehr zutreffend.",
        # confirmed, but interest added on top: the whole claim is more
        "Der in Ihrem Schreiben genannte Betrag von 540,00 € ist zutreffend; hinzu kommen Zinsen von 12,40 €.",
        # an instalment confirmed, not the claim
        "Die von Ihnen genannte Rate von 540,00 € ist korrekt.",
    ],
)
def test_an_unconfirmed_or_partial_office_figure_still_holds(judge: Any, text: str) -> None:
    verdict = judge(text=f"Sehr geehrte Damen und Herren,\n\n{text}\n\nMit freundlichen Grüßen\nNordbank AG")
    assert not (verdict.apply and verdict.amount == Decimal("540.00")), verdict.reasons


# --- 2c. the balance with its costs beside the balance without them ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Saldo ohne Mahnspesen: EUR 384,20\nSaldo inkl. Mahnspesen: EUR 399,20", "399.20"),
        (
            "Balance excluding charges: €246.70\nBalance including late payment and collection charges: €281.70",
            "281.70",
        ),
        ("Solde hors frais : 4 210,60 €\nSolde frais compris : 4 389,10 €", "4389.10"),
        ("Saldo escluse spese: 2.860,00 €\nSaldo comprensivo di spese e interessi: 2.947,20 €", "2947.20"),
        ("Saldo ilman kuluja: 2 980,00 €\nSaldo kuluineen: 3 124,50 €", "3124.50"),
    ],
)
def test_the_balance_with_costs_is_the_total_and_no_rival(text: str, total: str) -> None:
    assert body_total(text) == Decimal(total)
    assert several_totals_reasons({"body": text}, Decimal(total)) == []


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # the figure without its costs is never applied beside the one with them
        ("Saldo ohne Mahnspesen: EUR 384,20\nSaldo inkl. Mahnspesen: EUR 399,20", "384.20"),
        # both on one line: not told apart by line
        ("Saldo ohne Mahnspesen EUR 384,20, Saldo inkl. Mahnspesen EUR 399,20", "399.20"),
        # two balances, neither said to be with or without costs
        ("Saldo per 30.09.: EUR 384,20\nSaldo: EUR 399,20", "399.20"),
    ],
)
def test_other_pairs_of_balances_still_hold(text: str, total: str) -> None:
    assert several_totals_reasons({"body": text}, Decimal(total))


# --- 2d. the figure of the office's letter beside the figure of today ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Forderung Stand 30.09.2026 (Ihr Schreiben): 6.480,00 EUR\nForderung Stand heute: 6.612,75 EUR", "6612.75"),
        ("Saldo pr. 01.10.2026 (jf. jeres brev): 3.412,00 kr.\nSaldo i dag: 3.566,25 kr.", "3566.25"),
        ("Balance per your letter: £1,204.00\nBalance today: £1,236.80", "1236.80"),
    ],
)
def test_the_figure_of_today_beside_the_letters_is_the_total(text: str, total: str) -> None:
    assert _total(text) == Decimal(total)


@pytest.mark.parametrize(
    "text",
    [
        # the earlier one not tied to the office's letter
        "Forderung Stand 30.09.2026: 6.480,00 EUR\nForderung: 6.612,75 EUR",
        # both tied to now
        "Forderung aktuell: 6.480,00 EUR\nForderung Stand heute: 6.612,75 EUR",
    ],
)
def test_two_figures_not_told_apart_by_the_letter_take_no_total(text: str) -> None:
    assert _total(text) is None


def _total(body: str) -> Decimal | None:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, subject="Re: claim", from_name="Creditor"))
    return result.amounts.total


# --- 3. a pause while the client's plan runs -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Wir haben das Kundenkonto für die Dauer des Schuldenbereinigungsplans ruhend gestellt.",
            "ruhend gestellt",
        ),
        ("No, the account is on hold while the plan is kept.", "on hold"),
        ("Sak KR 551 2098 er satt på vent mens betalingsplanen behandles.", "på vent"),
        ("Het dossier is aangehouden zolang de betalingsregeling loopt.", "aangehouden"),
        ("Le dossier est suspendu pendant la durée de l'échéancier.", "suspendu"),
    ],
)
def test_a_pause_for_the_plan_is_no_suspension(text: str, phrase: str) -> None:
    norm = normalise_text(text)
    at = norm.index(phrase)
    assert pause_for_the_plan(norm, at, at + len(phrase))


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The account is on hold while the complaint about the plan is investigated.", "on hold"),
        (
            "Wir haben das Konto ruhend gestellt, bis der Widerspruch gegen den Vergleich geklärt ist.",
            "ruhend gestellt",
        ),
        ("The account is on hold pending the ombudsman's decision.", "on hold"),
        ("Le dossier est suspendu dans l'attente de la décision du médiateur.", "suspendu"),
    ],
)
def test_a_pause_pending_a_dispute_is_still_one(text: str, phrase: str) -> None:
    norm = normalise_text(text)
    at = norm.index(phrase)
    assert not pause_for_the_plan(norm, at, at + len(phrase))


def test_the_claim_paused_for_the_plan_applies_and_one_paused_for_a_complaint_holds(judge: Any) -> None:
    frame = "Sehr geehrte Damen und Herren,\n\n{}\n\nMit freundlichen Grüßen\nNordbank AG"
    plan = (
        "wir haben das Konto NB-4410227 von Herrn Jonas Petersen für die Dauer des Schuldenbereinigungsplans ruhend "
        "gestellt. Die Forderung besteht fort; sie beläuft sich aktuell auf 561,30 €."
    )
    complaint = (
        "wir haben das Konto NB-4410227 von Herrn Jonas Petersen ruhend gestellt, bis seine Beschwerde geklärt ist. "
        "Die Forderung beläuft sich aktuell auf 561,30 €."
    )
    applied = judge(text=frame.format(plan))
    assert applied.apply and applied.amount == Decimal("561.30"), applied.reasons
    assert not judge(text=frame.format(complaint)).apply


# --- 4. short answers: under the office's request, a bare figure before its parts ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Antwort: 1.318,44 EUR (Hauptforderung 1.240,00 EUR, Zinsen 22,44 EUR, Inkassokosten 56,00 EUR)",
        "236,45 EUR (Hauptforderung 199,99 EUR, Zinsen 4,46 EUR, Kosten 32,00 EUR)",
        "ANSWER: £1,118.25 (premiums £1,044.90, interest £21.35, charges £52.00)",
        "Réponse : 2 488,60 € (capital 2 300,00 €, intérêts 88,60 €, frais 100,00 €)",
    ],
)
def test_a_bare_figure_before_the_parts_it_sums_is_the_total(text: str) -> None:
    first = amounts_with_labels(text)[0]
    assert amount_role(first) == "total"


@pytest.mark.parametrize(
    "text",
    [
        # the bracket's figures do not add up to it: a part and an aside
        "236,45 EUR (Hauptforderung 199,99 EUR, Zinsen 4,46 EUR)",
        # its own label names it a part
        "Hauptforderung 236,45 EUR (Kapital 199,99 EUR, Zinsen 36,46 EUR)",
        # one figure in the bracket is no breakdown
        "€ 1.920,00 (de huur van december, € 640,00, zit hier niet in)",
    ],
)
def test_other_figures_before_a_bracket_keep_their_role(text: str) -> None:
    assert amount_role(amounts_with_labels(text)[0]) != "total"


@pytest.mark.parametrize(
    ("asked", "answer", "total"),
    [
        (
            "Bitte teilen Sie uns die aktuelle Gesamtforderung einschließlich Zinsen und Kosten mit.",
            "Antwort: 1.318,44 EUR",
            "1318.44",
        ),
        ("Please let us know the current total claim including interest and charges.", "ANSWER: €912.15", "912.15"),
        ("Merci de nous indiquer le solde actuel du dossier.", "Réponse : 4 402,75 €", "4402.75"),
    ],
)
def test_a_marked_answer_under_the_offices_request_joins_the_reply(asked: str, answer: str, total: str) -> None:
    html = (
        "<html><body><p>Ihre Anfrage beantworten wir wie folgt:</p>"
        f"<blockquote>{asked}</blockquote><p><b>{answer}</b></p><p>Mit freundlichen Grüßen<br>Team</p></body></html>"
    )
    parsed = parse_email(html, None)
    assert answer.split(":")[-1].strip() in parsed.reply
    assert body_total(parsed.reply) == Decimal(total)


def test_an_unmarked_line_under_the_request_stays_quoted() -> None:
    html = (
        "<html><body><p>Siehe unten.</p><blockquote>Bitte teilen Sie uns die aktuelle Gesamtforderung mit.</blockquote>"
        "<p>Nach unseren Unterlagen 540,00 EUR.</p></body></html>"
    )
    parsed = parse_email(html, None)
    assert "540,00" not in parsed.reply
