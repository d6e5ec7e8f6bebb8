"""Families of creditor wording and layout (reading round on ``tests/data/tuning_g``, mail
written by an outside writer): each table mixes languages and forms beyond the example
that showed the gap, and keeps near-misses that must NOT trip.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.cleaning_quotes import split_text
from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels
from creditctl.pipeline.extraction.model import ReplyKind
from creditctl.pipeline.extraction.reply_kind import classify_text
from creditctl.pipeline.reply_wording import find_phrases, labelled_figures, wording_reasons
from creditctl.pipeline.safety import find_assignment, find_credit_marks, settled_phrase
from tests.amount_reading import body_total_certain as _total

# ------------------------------------------------- a sum rule above the result is no signature


@pytest.mark.parametrize(
    ("rows", "result"),
    [
        (
            "Balance transferred    £1,463.18\nPayment received         -£25.00\nCollection fee            £90.00",
            "Balance outstanding    £1,528.18",
        ),
        ("Saldo alt      CHF 1'200.00\nVerzugszins    CHF    25.50", "Saldo neu      CHF 1'225.50"),
        ("Saldo 01.11.    1.000,00 kr\nRenter            12,00 kr", "Saldo 30.11.    1.012,00 kr"),
        ("Solde reporté       980,00 €\nFrais                20,00 €", "Solde à payer      1 000,00 €"),
    ],
)
@pytest.mark.parametrize("rule", ["                ----------", "=============", "------------------------"])
def test_a_rule_above_a_result_line_keeps_the_result_in_the_reply(rows: str, result: str, rule: str) -> None:
    body = f"Dear Sir,\n\n{rows}\n{rule}\n{result}\n\nKind regards\nJane Roe\nRegistered office: 3 Quay Street"
    parts = split_text(body)
    assert result.split()[-1] in parts.reply, parts


def test_a_rule_above_a_footer_without_money_is_still_the_signature() -> None:
    body = "Please find the statement attached.\n\n----------\nRegistered office: 3 Quay Street\nTel. 0161 496 0772"
    assert "Registered office" in split_text(body).signature


# ----------------------------------- a running statement whose movements add up is certain


@pytest.mark.parametrize(
    "text",
    [
        "Balance transferred to us 02/02/2026   £1,463.18\nPayment received 28/02/2026   -£25.00\n"
        "Payment received 31/03/2026   -£25.00\nStatutory interest added   £74.45\nCollection fee   £90.00\n"
        "Balance outstanding   £1,577.63",
        "Saldo per 31.10.2026   1.463,18 EUR\nZahlung erhalten   -25,00 EUR\nZahlung erhalten   -25,00 EUR\n"
        "Verzugszinsen   74,45 EUR\nMahnkosten   90,00 EUR\nSaldo per 30.11.2026   1.577,63 EUR",
    ],
)
def test_a_statement_that_adds_up_gives_its_last_balance_with_certainty(text: str) -> None:
    assert _total(text) == (Decimal("1577.63"), True)


def test_a_statement_that_does_not_add_up_gives_no_certain_total() -> None:
    text = (
        "Balance transferred to us   £1,463.18\nPayment received   -£25.00\nCollection fee   £90.00\n"
        "Balance outstanding   £1,600.00"
    )
    total, certain = _total(text)
    assert not (certain and total == Decimal("1600.00"))


# ------------------------------------------ a hard-wrapped sentence names its figure as one


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Nach Kündigung beläuft sich unsere Gesamtforderung einschließlich Kündigungs- und\n"
            "Bearbeitungskosten sowie Verzugszinsen aktuell auf 2.318,40 EUR.",
            "total",
        ),
        (
            "Thanks for waiting. I've checked the account. The current outstanding balance is\n£1,601.05 as of today.",
            "total",
        ),
        (
            "Le confermiamo che il saldo ancora dovuto dal Sig. Russo alla data odierna, spese\ne interessi di mora inclusi, ammonta a 4.312,90 €.",
            "total",
        ),
        (
            "We confirm that the monthly instalment agreed with your client last spring remains\nat £25.00 per month.",
            "other",
        ),
        (
            "Nous vous confirmons que le solde restant dû, frais de recouvrement et intérêts\n"
            "compris, est de 812,40 €.",
            "total",
        ),
        ("Der Saldo, Zinsen und Kosten inbegriffen, beträgt 1.204,50 EUR.", "total"),
        ("The balance, costs and interest included, is £640.00.", "total"),
    ],
)
def test_the_label_of_a_wrapped_sentence_starts_on_the_line_above(text: str, role: str) -> None:
    found = amounts_with_labels(text)
    assert [amount_role(f) for f in found] == [role]


def test_a_line_above_that_ends_its_sentence_names_nothing() -> None:
    text = "Die Ratenvereinbarung ist erloschen, da keine Zahlungen eingegangen sind.\nSaldo: 1.200,00 EUR"
    assert [amount_role(f) for f in amounts_with_labels(text)] == ["total"]


def test_two_wrapped_current_totals_are_not_picked_between() -> None:
    text = (
        "das Konto von Frau Maier weist per 30.11.2026 einen Saldo von 2.261,06 EUR Soll aus.\n\n"
        "Nach Kündigung der Geschäftsverbindung beläuft sich unsere Gesamtforderung einschließlich Kündigungs- und\n"
        "Bearbeitungskosten sowie Verzugszinsen aktuell auf 2.318,40 EUR."
    )
    assert _total(text)[0] is None


# ---------------------------------------------- time-barred / no longer pursued is a hold


@pytest.mark.parametrize(
    "text",
    [
        "The debt is statute-barred under the Limitation Act 1980.",
        "We will therefore not pursue it further.",
        "This account is time-barred and we shall take no further action.",
        "Die Forderung ist inzwischen verjährt.",
        "Uw vordering is inmiddels verjaard.",
        "La créance est prescrite depuis 2024.",
        "Il credito è ormai prescritto.",
        "La deuda ha prescrito.",
        "Fordran är preskriberad.",
        "Fordringen er forældet.",
        "Kravet er foreldet.",
        "Saatava on vanhentunut.",
    ],
)
def test_time_barred_or_not_pursued_is_written_off_wording(text: str) -> None:
    assert find_phrases("written_off", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Die Forderung ist nicht verjährt.",
        "De vordering is niet verjaard.",
        "Fordringen er ikke forældet.",
        "The debt is not statute-barred: the last payment was in 2024.",
        "Merci de répondre dans le délai prescrit.",
        "La reclamación debe presentarse en el plazo prescrito.",
        "We will pursue the balance of £388.20.",
    ],
)
def test_near_misses_of_time_barred_wording(text: str) -> None:
    assert not find_phrases("written_off", text), text


# ------------------------------------------------ a helpdesk ticket's history is quoted


@pytest.mark.parametrize(
    ("author", "stamp"),
    [
        ("Callum (Lowmoor Credit Services)", "Dec 3, 2026, 14:18 GMT"),
        ("Sabine Krüger (Forderungsmanagement)", "03.12.2026 14:18"),
        ("Service client", "2026-12-03 14:18"),
    ],
)
def test_later_entries_of_a_helpdesk_ticket_are_quoted(author: str, stamp: str) -> None:
    rule = "-" * 40
    body = (
        "##- Please type your reply above this line -##\n\nYour request (#77120) has been updated.\n\n"
        f"{rule}\n\n{author}\n\n{stamp}\n\nHi,\n\nThe current balance is £1,601.05.\n\n"
        f"{rule}\n\nSchuldnerberatung\n\nNov 24, 2026, 09:02 GMT\n\nWe hold a balance of £1,463.18. Please confirm."
    )
    parts = split_text(body)
    assert "1,601.05" in parts.reply and "1,463.18" not in parts.reply
    assert "1,463.18" in parts.quoted


def test_a_single_rule_and_a_dated_line_is_no_ticket_history() -> None:
    body = (
        "Guten Tag,\n\n" + "-" * 20 + "\nKontoauszug\n03.12.2026 14:18\nSaldo 1.200,00 EUR\n\nMit freundlichen Grüßen"
    )
    assert "1.200,00" in split_text(body).reply


# ------------------------------------------ a figure opening a line, a figure in parentheses


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Prämien à CHF 318.70, zuzüglich Mahngebühren CHF 60.00 und Verzugszins 5 %. Der offene Betrag beläuft sich auf\n"
            "CHF 1'402.35.",
            "1402.35",
        ),
        ("Fees of £60.00 were added on 3 November and the balance now outstanding is\n£1,402.35 in total.", "1402.35"),
        (
            "Unter Berücksichtigung der Zahlung vom 05.05.2026 (16,42 Euro) beläuft sich der rückständige Betrag auf 411,50 Euro.",
            "411.50",
        ),
        ("Taking into account your payment of 2 May (£16.42) the balance owed is £411.50.", "411.50"),
        (
            "Nach Eingang der Teilzahlung über 20,00 EUR am 28.11.2026\noffen sind noch 171,35 EUR (darin enthalten Zinsen i.H.v. 6,15 EUR).",
            "171.35",
        ),
    ],
)
def test_the_figure_named_by_its_sentence_not_by_its_neighbours(text: str, total: str) -> None:
    assert _total(text)[0] == Decimal(total)


def test_a_sum_rule_above_a_balance_without_currency_keeps_it_in_the_reply() -> None:
    body = (
        "Datum        Buchungstext        Soll (EUR)    Haben (EUR)\n01.10.2026   Saldovortrag   2.380,55\n"
        "------------------------------------------------------------------------\n"
        "Saldo per 30.11.2026                            2.261,06 S\n\nFreundliche Grüße\nIhre Sparkasse\n"
        "Vorstand: H. Peters · HRA 2077 AG Lüneburg"
    )
    assert "2.261,06" in split_text(body).reply


# ------------------------------------------ a negated sale; a footer's paid-up share capital


@pytest.mark.parametrize(
    "text",
    [
        "the claim is not sold and has not been assigned to any third party",
        "die Forderung wurde weder verkauft noch abgetreten",
        "Die Forderung ist nicht abgetreten.",
        "The account has neither been sold nor assigned to another creditor.",
    ],
)
def test_a_negated_sale_is_no_sale(text: str) -> None:
    assert find_assignment(text) is None
    assert not find_phrases("sold", text), text


@pytest.mark.parametrize(
    "text",
    [
        "The debt was sold to Lantern Capital Ltd on 3 May.",
        "Die Forderung wurde an die Nordstern GmbH abgetreten.",
        "We are not the creditor any more: the account was assigned to Cabot Financial.",
    ],
)
def test_a_stated_sale_still_holds(text: str) -> None:
    assert find_assignment(text) is not None


@pytest.mark.parametrize(
    "text",
    ["KRS 0000123456, share capital PLN 250,000,000 fully paid up", "Share capital £1,000,000 fully paid up."],
)
def test_paid_up_share_capital_is_not_a_settled_claim(text: str) -> None:
    assert settled_phrase(text) is None
    assert not find_phrases("settled", text)


def test_a_fully_paid_claim_is_still_settled() -> None:
    assert settled_phrase("The balance has been fully paid.") == "fully paid"


# ---------------------------------- an objection whose rejection is stated is no open dispute


@pytest.mark.parametrize(
    "text",
    [
        "wir haben den Widerspruch Ihrer Mandantin vom 03.11.2026 geprüft und zurückgewiesen.",
        "Eine Reklamation ist bei uns jedoch nie eingegangen, der Vertrag ist somit nicht strittig.",
        "Klagen fra kunden ble avvist av Finansklagenemnda 14.11.2026.",
        "Your client's complaint was not upheld by the Ombudsman.",
        "La reclamación presentada fue desestimada el 3 de noviembre.",
        "Het bezwaar van uw cliënt is afgewezen.",
        "La contestation de votre cliente a été rejetée.",
        "Il reclamo è stato respinto.",
    ],
)
def test_a_rejected_objection_is_no_dispute(text: str) -> None:
    assert classify_text(text + " Saldo 301,90 €.", has_claim_amount=True).kind is not ReplyKind.DISPUTE
    assert not find_phrases("dispute", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Der Widerspruch Ihrer Mandantin ist noch nicht abgelehnt; wir prüfen derzeit die Unterlagen.",
        "Your client's complaint has been received and is under investigation.",
        "Wir haben den Widerspruch zurückgewiesen. Die Buchungen werden derzeit noch geprüft.",
        "Het bezwaar is ontvangen en wordt behandeld; de vordering is betwist.",
    ],
)
def test_an_open_dispute_beside_a_rejection_still_holds(text: str) -> None:
    assert find_phrases("dispute", text), text


# -------------------------------------- a payment line or a list dash is no credit balance


@pytest.mark.parametrize(
    "line",
    [
        "Indbetalt 15.09.2026                                -500,00 kr.",
        "Innbetalt 15.09.2026   -500,00 kr",
        "Betaling ontvangen 01.10.2026   -€ 50,00",
        "Versement du 02/10/2026   -50,00 €",
        "• Bestellung 1188-2231 (Modewelt Online) vom 02.07.2026 – 89,99 €",
        "Invoice 44120 of 02/07/2026 - £89.99",
    ],
)
def test_a_payment_line_or_a_list_dash_is_no_credit(line: str) -> None:
    assert find_credit_marks(line, Decimal("14118.25")) == []


@pytest.mark.parametrize(
    "line",
    ["Saldo: - 150,00 €", "Ihr Guthaben beträgt 150,00 €", "Saldo per 30.11.2026: -150,00 EUR", "Balance £150.00 CR"],
)
def test_a_credit_balance_is_still_found(line: str) -> None:
    assert find_credit_marks(line, Decimal("150.00"))


@pytest.mark.parametrize(
    "text",
    ["I alt til betaling   14.118,25 kr.", "Totalt til betaling: kr 14 118,25", "Restgæld til betaling 14.118,25 kr."],
)
def test_til_betaling_names_the_total(text: str) -> None:
    assert not [r for r in wording_reasons_for(text) if "not stated as the current claim" in r]


def wording_reasons_for(text: str) -> list[str]:
    return wording_reasons(total=Decimal("14118.25"), own_texts={"body": text})


# ------------------------------- a label before appositions still names the figure after them


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Beitragsrückstand Herr W. Maier, Police LV-3300918-2, per 01.12.2026: 452,00 EUR (4 Monatsbeiträge).",
            "452.00",
        ),
        ("Die Forderung besteht daher weiterhin, aktuell in Höhe von 301,90 € (Kaufpreis 269,00 €).", "301.90"),
        ("Restgjeld per 01.12.2026: kr 24 310,50 (nominell rente 14,9 %, månedlig termin kr 1 250,00).", "24310.50"),
        ("Restgæld pr. 01.12.2026: 24.310,50 kr.", "24310.50"),
        ("Outstanding balance for Mr G Pryce, account LCS-00877410, as at 1 December: £388.20.", "388.20"),
    ],
)
def test_the_label_before_appositions_names_the_figure(text: str, total: str) -> None:
    figures = [f for f in labelled_figures(text) if f.value == Decimal(total)]
    assert figures and figures[0].kind == "claim"


@pytest.mark.parametrize(
    "text",
    [
        "Ihre Zahlung vom 03.11.2026, eingegangen am 05.11.2026, über 50,00 € wurde verbucht.",
        "The monthly instalment, as agreed with your client, is £25.00.",
    ],
)
def test_a_payment_before_appositions_stays_other(text: str) -> None:
    assert [f.kind for f in labelled_figures(text)] == ["other"]


# ----------------------------- a sum of payments is no second total; repeated movements count


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Ontvangen op 01-10 en 03-11: totaal € 70,00. Resterend saldo: € 463,60.", ["other", "claim"]),
        ("Zahlungen erhalten: insgesamt 70,00 €. Restforderung: 463,60 €.", ["other", "claim"]),
        ("Payments received to date total £70.00; the balance outstanding is £463.60.", ["other", "claim"]),
        ("Nach Eingang Ihrer Zahlung beträgt die Forderung insgesamt 480,00 €.", ["claim"]),
        (
            "Einkommensteuer   95,92 EUR\nVorauszahlung   318,58 EUR\n   ------\nSumme der Rückstände   2.312,50 EUR",
            ["none", "other", "claim"],
        ),
    ],
)
def test_a_sum_word_after_payments_sums_the_payments(text: str, kinds: list[str]) -> None:
    assert [f.kind for f in labelled_figures(text)] == kinds


def test_a_statement_repeating_a_payment_is_one_total() -> None:
    text = (
        "Balance transferred to us 02/02/2026   £1,463.18\nPayment received 28/02/2026   -£25.00\n"
        "Payment received 31/03/2026   -£25.00\nStatutory interest added   £74.45\nCollection fee   £90.00\n"
        "Balance outstanding   £1,577.63\n"
    )
    reasons = wording_reasons(total=Decimal("1577.63"), own_texts={"body": text})
    assert not [r for r in reasons if "several different totals" in r]
    wrong = wording_reasons(total=Decimal("1577.63"), own_texts={"body": text.replace("£90.00", "£95.00")})
    assert [r for r in wrong if "several different totals" in r]


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("--> aktuell 296,85 EUR (inkl. Abschlag November 62,00 und Mahnkosten 2 x 5,00)", "296.85"),
        ("After adding interest for the hold period (£91.72) the balance now\nstands at £4,011.72.", "4011.72"),
    ],
)
def test_a_figure_as_it_stands_now_is_the_total(text: str, total: str) -> None:
    assert _total(text)[0] == Decimal(total)


# ------------------------------------------------------- a waived enforcement step is no step


@pytest.mark.parametrize(
    "text",
    [
        "Im Hinblick auf die laufende Schuldenberatung verzichten wir vorerst auf die Einleitung der Betreibung.",
        "We will refrain from enforcement action while the plan runs.",
        "Nous renonçons à toute saisie pour le moment.",
        "Rinunciamo ad avviare il pignoramento finché il piano è rispettato.",
        "Wij zien voorlopig af van beslaglegging.",
    ],
)
def test_a_waived_enforcement_step_is_no_enforcement(text: str) -> None:
    assert not find_phrases("enforcement", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Wir verzichten nicht länger auf die Einleitung der Betreibung.",
        "Wir verzichten auf Zinsen. Die Betreibung ist eingeleitet.",
        "Wir haben die Betreibung eingeleitet.",
    ],
)
def test_an_enforcement_step_not_waived_still_holds(text: str) -> None:
    assert find_phrases("enforcement", text), text


# ------------------------------ an arrangement's arrears; Flemish interest; a mid-line figure


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Mrs O'Rourke has missed two payments of €75.00 under her arrangement. Arrears on the arrangement: €150.00.\n"
            "Balance on account: €2,605.00 (after 2 payments received in September and October).",
            "2605.00",
        ),
        (
            "Wij bevestigen dat het dossier betreffende uw cliënt, geboren op 27/10/1979, nog openstaat voor onze\n"
            "opdrachtgever. Openstaand saldo op 02/12/2026: € 2.944,18 (hoofdsom 2.870,00 + nalatigheidsintresten 74,18).",
            "2944.18",
        ),
    ],
)
def test_the_balance_beside_arrangement_arrears_or_flemish_interest(text: str, total: str) -> None:
    assert _total(text) == (Decimal(total), True)


def test_a_figure_inside_its_line_takes_no_label_from_the_line_above() -> None:
    text = "Het saldo van uw cliënt bij onze opdrachtgever\nbedraagt thans: hoofdsom 2.870,00 en verder 74,18."
    found = amounts_with_labels(text)
    assert "opdrachtgever" not in found[-1].label


# --------------------------------- a part the total includes, bracketed right after its words


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "dass sich die Forderung unserer Mandantin einschließlich der bereits festgesetzten Kosten des "
            "Mahnverfahrens (114,50 €) und unserer Gebühren auf\nper heute 2.611,84 € beläuft.",
            "2611.84",
        ),
        ("The balance, including the court fee (£35.00), now stands at £1,240.00.", "1240.00"),
        ("Le solde, y compris les frais de procédure (52,00 €), s'élève à 3 611,48 €.", "3611.48"),
    ],
)
def test_a_bracketed_included_part_is_no_second_total(text: str, total: str) -> None:
    assert _total(text)[0] == Decimal(total)


def test_a_total_including_interest_is_still_the_total() -> None:
    assert _total("Gesamtforderung inkl. Zinsen: 1.168,42 €")[0] == Decimal("1168.42")


def test_an_attachment_is_read_with_its_ligatures_decomposed() -> None:
    from creditctl.services.reading import clean_values
    from creditctl.settings import Settings

    row = {"body_text": "Anbei.", "attachments": [{"file_name": "a.pdf", "text": "Noch o\ufb00en: 1.681,60 €"}]}
    assert clean_values(Settings(), row)["attachment_texts"][0]["text"] == "Noch offen: 1.681,60 €"


@pytest.mark.parametrize(
    "text",
    [
        "La prime mensuelle s'élève à CHF 318.70.",
        "Le montant mensuel convenu est de 45,00 €.",
        "Les versements mensuels s'élèvent à 45,00 €.",
    ],
)
def test_a_monthly_figure_in_french_is_no_total(text: str) -> None:
    assert [amount_role(f) for f in amounts_with_labels(text)] == ["other"]
