"""Families of creditor wording (fourth reading round, tuned on ``tests/data/tuning_d``):
each table mixes languages and forms and keeps near-misses that must NOT trip.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import find_amounts
from creditctl.pipeline.reply_wording import labelled_figures
from creditctl.pipeline.safety import find_credit_marks
from tests.amount_reading import roles as _roles

# ---------------------------------------------------------------- amounts in aligned columns


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("Verzugszins 5 %                         CHF     52.90", "52.90", "CHF"),
        ("Zinsen                EUR      12.10", "12.10", "EUR"),
        ("Mahngebühr            €   7.50", "7.50", "EUR"),
        ("Interest              GBP    31.05", "31.05", "GBP"),
    ],
)
def test_a_currency_column_makes_a_small_dot_decimal_money(text: str, amount: str, currency: str) -> None:
    found = find_amounts(text)
    assert [(f.amount, f.currency) for f in found] == [(Decimal(amount), currency)]


@pytest.mark.parametrize(
    "text", ["Termin am 15.11 um 10 Uhr", "Version 12.10 der AGB", "siehe Ziffer 3.12 des Vertrags"]
)
def test_a_day_month_without_currency_is_still_no_amount(text: str) -> None:
    assert find_amounts(text) == []


# ---------------------------------------------------------------- label families


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # interest named by a compound ("Verzugszins", "Jahreszins")
        ("Verzugszins 5 %  CHF  52.90", "interest"),
        ("Jahreszins: 14,20 €", "interest"),
        # a department is no cost component: "Betriebskostenabteilung", "kostenafdeling"
        ("die Betriebskostenabteilung nennt dagegen einen Rückstand von 2.314,47 €", "total"),
        ("Betriebskosten: 214,04 €", "costs"),
        # a future due amount beside a settled account: never the claim
        ("Der nächste Quartalsbetrag in Höhe von 55,08 Euro wird am 15.02.2027 fällig", "other"),
        ("Your next payment of £45.00 is due on 1 March", "other"),
        ("La prochaine échéance de 60,00 € sera prélevée le 5 janvier", "other"),
        ("De volgende termijn van € 75,00 wordt op 1 februari geïncasseerd", "other"),
        ("La prossima rata di 80,00 € scade il 10 gennaio", "other"),
        ("Nästa betalning på 500,00 kr förfaller den 28 februari", "other"),
        # a settlement offer: "zufrieden zu geben", "full and final", "in one sum"
        ("mit einem Betrag von 3.500,00 € zufrieden zu geben, sofern in einer Summe gezahlt", "other"),
        ("we would accept a reduced payment of £900.00 in full and final settlement", "other"),
        ("pour 1 200,00 € réglés en une seule fois", "other"),
        # what the total holds, named before it: "nach Hinzurechnung unserer Kosten"
        ("dass sich die Forderung nach Hinzurechnung unserer Kosten derzeit auf 392,– € beläuft", "total"),
        ("the balance after adding our costs now stands at £1,250.00", "total"),
    ],
)
def test_label_families(text: str, role: str) -> None:
    roles = _roles(text)
    assert roles and roles[-1][1] == role, roles


# ---------------------------------------------------------------- figures the safety layer labels


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a compound whose head is the claim word: "Zahlungsrückstand", "Zahlungsforderung"
        ("besteht zum heutigen Tag ein Zahlungsrückstand in Höhe von 347,62 €.", "claim"),
        ("Die Zahlungsforderung beläuft sich auf 120,00 €.", "claim"),
        # near-misses: a payment is still a payment
        ("Die Zahlung von 50,00 € ist eingegangen.", "other"),
        ("Teilzahlungen 300,00 €", "other"),
        # a future amount is not owed now
        ("Der nächste Quartalsbetrag in Höhe von 55,08 Euro wird am 15.02.2027 fällig.", "other"),
        ("Your next direct debit of £45.00 falls due on 1 March.", "other"),
        ("Le prochain montant de 60,00 € sera prélevé le 5 janvier.", "other"),
    ],
)
def test_labelled_figure_kinds(text: str, kind: str) -> None:
    figures = labelled_figures(text)
    assert [f.kind for f in figures] == [kind]


# ---------------------------------------------------------------- a dash between words is no minus


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Recouvra Loire SAS – 14 quai de la Fosse, 44000 Nantes", False),
        ("Inkasso GmbH – 12 Hauptstraße", False),
        ("Alpen Inkasso - 3 Stock, Tür 7", False),
        # a minus on money stays a credit mark
        ("Saldo – 150,00 €", True),
        ("Saldo: - 150 EUR", True),
        ("Stand – 150 Euro", True),
        ("Kontostand -14,00 €", True),
    ],
)
def test_spaced_dash_before_a_house_number_is_no_credit(text: str, credit: bool) -> None:
    assert bool(find_credit_marks(text)) is credit


# ---------------------------------------------------------------- statements: old balance + movements = new balance


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # Swiss statement: balance brought forward, interest, new balance
        (
            "Saldo per 31.10.2026            CHF 1'287.40\nVerzugszins November            CHF    25.50\n"
            "Saldo per 30.11.2026            CHF 1'312.90\n",
            "1312.90",
        ),
        # German: Saldo, payment received, new Saldo
        (
            "Saldo per 01.10.2026: 900,00 €\nZahlungseingang 15.10.2026: 100,00 €\nSaldo per 01.11.2026: 800,00 €\n",
            "800.00",
        ),
        # English: balance, fees added, balance
        ("Balance at 1 October: £500.00\nCollection fee: £40.00\nBalance at 1 November: £540.00\n", "540.00"),
    ],
)
def test_old_balance_plus_movements_gives_the_new_balance(text: str, total: str) -> None:
    from creditctl.pipeline.extraction.amounts import choose_amounts

    choice = choose_amounts([(f, "body") for f in find_amounts(text)])
    assert choice.amounts.total == Decimal(total)


def test_two_balances_whose_difference_is_not_the_movements_give_none() -> None:
    from creditctl.pipeline.extraction.amounts import choose_amounts

    text = "Saldo per 31.10.2026: 1.287,40 €\nVerzugszins: 25,50 €\nSaldo per 30.11.2026: 1.400,00 €\n"
    assert choose_amounts([(f, "body") for f in find_amounts(text)]).amounts.total is None


# ---------------------------------------------------------------- a bank's minus named a debit balance


@pytest.mark.parametrize(
    ("text", "total", "credit"),
    [
        (
            "Alter Kontostand -4.960,25\nSollzinsen -32,65\nNeuer Kontostand -4.992,90\n"
            "Kontostand per 30.11.2026: EUR -4.992,90 (Sollsaldo zu Ihren Lasten)",
            "4992.90",
            False,
        ),
        ("Current account balance: -£812.40 (overdrawn)", "812.40", False),
        ("Solde au 30/11 : -1 204,10 € (solde débiteur)", "1204.10", False),
        # near-misses: no debit word, a credit word, or the debit line names another figure
        ("Kontostand per 30.11.2026: EUR -4.992,90", "4992.90", True),
        ("Guthaben -4.992,90 (Sollsaldo zu Ihren Lasten)", "4992.90", True),
        ("Alter Kontostand -100,00 (Sollsaldo)\nNeuer Kontostand -4.992,90", "4992.90", True),
    ],
)
def test_a_debit_balance_minus_is_owed(text: str, total: str, credit: bool) -> None:
    assert bool(find_credit_marks(text, Decimal(total))) is credit


# ---------------------------------------------------------------- settled wording


@pytest.mark.parametrize(
    ("text", "settled"),
    [
        ("Damit ist die Forderung vereinbarungsgemäß vollständig erledigt.", True),
        ("Die Angelegenheit ist restlos erledigt.", True),
        ("Weitere Ansprüche machen wir nicht geltend.", True),
        ("Die Forderung ist noch nicht vollständig erledigt.", False),
    ],
)
def test_settled_wording(text: str, settled: bool) -> None:
    from creditctl.pipeline.extraction.model import ReplyKind
    from creditctl.pipeline.extraction.reply_kind import classify_text

    found = classify_text(text, has_claim_amount=False)
    assert (found is not None and found.kind is ReplyKind.CLAIM_SETTLED) is settled


# ---------------------------------------------------------------- the client named in the subject line


@pytest.mark.parametrize(
    ("subject", "context", "name"),
    [
        ("AW: Thomas Oberhuber – Kontonummer 3318820", "den Kontoauszug von Herrn Oberhuber", "Thomas Oberhuber"),
        ("RE: Northway Mobile - Liam O'Connor - GCM/884", "Mr O'Connor agreed a plan", "Liam O'Connor"),
        ("Sv: KB-55002913 – Sebastian Wolters", "Kære Miriam", "Sebastian Wolters"),
        ("RE: Sophie van Dijk – Delta Zorg", "voor mevrouw S. van Dijk", "Sophie van Dijk"),
        ("R: Marco Bellini - Pratica 2231", "sig. Bellini", "Marco Bellini"),
        ("Automatische Antwort: Forderung Karin Maier / Az. NFM-24-118735", "", "Karin Maier"),
        ("[Shannonside] Re: Liam O'Connor - Emerald", "", "Liam O'Connor"),
        ("AW: Dragana Petrović – Beitrag", "der Gesamtrückstand von Frau Petrović", "Dragana Petrović"),
    ],
)
def test_subject_names_the_client(subject: str, context: str, name: str) -> None:
    from creditctl.pipeline.extraction.parties import subject_client_name

    found = subject_client_name(subject, context)
    assert found is not None and found[0] == name


@pytest.mark.parametrize(
    ("subject", "context"),
    [
        ("RE: Lumen Bank - your reference GCM/8841", ""),  # an organisation
        ("AW: Ihre Anfrage vom 24.11.2026", ""),  # no name
        ("AW: Stadtwerke Lindau", ""),  # an organisation word
        ("Re: Northway Mobile - Greyhollow Collections", ""),  # two candidates, none corroborated
        ("AW: Forderung 4471190023", ""),
    ],
)
def test_subject_without_a_client_name(subject: str, context: str) -> None:
    from creditctl.pipeline.extraction.parties import subject_client_name

    assert subject_client_name(subject, context) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Steuerpflichtiger: Jürgen Meier", "Jürgen Meier"),
        ("Abgabenschuldnerin: Ewa Nowak", "Ewa Nowak"),
        ("Kontoinhaber: Thomas Oberhuber", "Thomas Oberhuber"),
        ("Account holder: Liam Walsh", "Liam Walsh"),
        ("Titulaire : Claire Martin", "Claire Martin"),
        ("Intestatario: Marco Bellini", "Marco Bellini"),
    ],
)
def test_labelled_client_fields(text: str, name: str) -> None:
    from creditctl.pipeline.extraction.parties import client_name

    found = client_name(text)
    assert found is not None and found[0] == name


# ---------------------------------------------------------------- enforcement authorities


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("haben wir die zuständige Vollstreckungsbehörde am 20.11.2026 um Vollstreckung ersucht", True),
        ("Ein Exekutionsantrag wurde beim Bezirksgericht eingebracht.", True),
        ("Het dossier is overgedragen aan de deurwaarder.", True),
        ("Le dossier a été transmis à notre huissier.", True),
        ("Abbiamo avviato il pignoramento presso terzi.", True),
        ("Ärendet har överlämnats till Kronofogden.", True),
        ("Die Forderung beträgt 201,96 Euro.", False),
        ("Bitte senden Sie uns den Vollmachtsnachweis.", False),
    ],
)
def test_enforcement_authority_family(text: str, hit: bool) -> None:
    from creditctl.pipeline.safety import find_enforcement

    assert (find_enforcement(text) is not None) is hit


# ---------------------------------------------------------------- a past balance, a plan's arrears, "nunmehr"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # a balance of the past beside the current total
        ("Saldo per 30.09.2026 var NOK 14 620,00.\nTotalt å betale: NOK 15 212,00", ["other", "claim"]),
        ("Der Saldo zum 30. September war 1.200,00 €.\nDie Forderung beträgt heute 1.260,00 €.", ["other", "claim"]),
        ("The balance on 1 October was £500.00.\nThe balance now outstanding is £540.00.", ["other", "claim"]),
        ("Le solde au 30 septembre était de 900,00 €.\nLe solde restant dû est de 950,00 €.", ["other", "claim"]),
        # the arrears of a payment plan are not the claim
        ("so the plan is currently £120.00 in arrears. The full outstanding balance is £438.90.", ["other", "claim"]),
        # "nunmehr" after a payment names the current claim
        ("beträgt nach Eingang einer Teilzahlung von EUR 26,-- nunmehr EUR 366,--.", ["other", "claim"]),
    ],
)
def test_past_and_plan_figures(text: str, kinds: list[str]) -> None:
    assert [f.kind for f in labelled_figures(text)] == kinds


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Saldo per 30.09.2026 var NOK 14 620,00. Med renter er saken oppdatert:\nTotalt å betale: NOK 15 212,00",
            "15212.00",
        ),
        ("die Forderung beträgt nach Eingang einer Teilzahlung von EUR 26,-- nunmehr EUR 366,--.", "366.00"),
        ("Der Saldo betrug am 30.09. 1.200,00 €.\nGesamtforderung: 1.260,00 €", "1260.00"),
    ],
)
def test_the_current_total_beside_a_past_one(text: str, total: str) -> None:
    from creditctl.pipeline.extraction.amounts import choose_amounts

    assert choose_amounts([(f, "body") for f in find_amounts(text)]).amounts.total == Decimal(total)


@pytest.mark.parametrize(
    ("text", "settled"),
    [
        ("Das Beitragskonto weist damit einen Rückstand von 0,00 Euro aus.", True),
        ("Kontostand: 0,00 €", True),
        ("Die Restforderung beträgt 0,00 EUR.", True),
        ("Der Rückstand von 10,00 Euro ist offen.", False),
    ],
)
def test_a_zero_arrears_is_settled(text: str, settled: bool) -> None:
    from creditctl.pipeline.safety import settled_phrase

    assert (settled_phrase(text) is not None) is settled


# ---------------------------------------------------------------- references


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("Akt: AI 2024/118830", ["AI 2024/118830"]),
        ("(Mietvertrag MV-14-07), stellt sich", ["MV-14-07"]),
        ("aus dem Vertrag KP-4402118 gegen Frau Ewa Nowak", ["KP-4402118"]),
        ("Leasingvertrag LV-2231 vom 01.02.2024", ["LV-2231"]),
        ("Unser Akt: 2026/44812", ["2026/44812"]),
        # near-misses: a date, an amount, a word after a contract word is no reference
        ("Mietvertrag vom 01.02.2024 gekündigt", []),
        ("Kreditvertrag EUR 5.000,00", []),
        ("den Vertrag AB-Klausel 3", []),
    ],
)
def test_reference_label_families(text: str, refs: list[str]) -> None:
    from creditctl.pipeline.extraction.references import find_references

    assert [r.value for r in find_references(text)] == refs


@pytest.mark.parametrize(
    ("subject", "values"),
    [
        ("Erstattungsforderung 361-02-048811", ["361-02-048811"]),
        ("AW: Vorgang 44-120-7781", ["44-120-7781"]),
        ("Schreiben vom 2026-11-24", []),  # an ISO date
        ("AW: Ihre Nachricht vom 24-11-2026", []),  # a date
    ],
)
def test_subject_digit_groups(subject: str, values: list[str]) -> None:
    from creditctl.pipeline.extraction.references import find_subject_identifiers

    assert [r.value for r in find_subject_identifiers(subject)] == values


@pytest.mark.parametrize(
    ("subject", "office"),
    [
        ("RE: Dossier RL-2024-55190 – proposition", []),  # the creditor's dossier
        ("R: Pratica n. ADR-2024-07781 – contestazione", []),
        ("RE: Expediente CL-2024-08812", []),
        # the office's own wording in a subject stays the office's
        ("WG: AW: Unser Zeichen BÖ-2026-0415, Ihr Zeichen KV-4471/26", ["BÖ-2026-0415"]),
        ("AW: Karin Meyer - BÖ-2025-0311", ["BÖ-2025-0311"]),
    ],
)
def test_subject_dossier_is_the_creditors(subject: str, office: list[str]) -> None:
    from creditctl.pipeline.extraction.references import find_file_numbers

    assert [v for v, _, _ in find_file_numbers(subject, subject=True)] == office


# ---------------------------------------------------------------- the creditor: public offices and their signatures


@pytest.mark.parametrize(
    ("from_name", "text", "name"),
    [
        (
            "Jobcenter Bochum",
            "Mit freundlichen Grüßen\nIm Auftrag\nSchreiber\nJobcenter Bochum – Team Forderungen",
            "Jobcenter Bochum",
        ),
        ("Nordwest BKK", "Mit freundlichen Grüßen\nIhre Nordwest BKK\nBeitragseinzug", "Nordwest BKK"),
        (
            "Familienkasse Nordrhein-Westfalen West",
            "Mit freundlichen Grüßen\nIhre Familienkasse\nInkasso-Service",
            "Familienkasse Nordrhein-Westfalen West",
        ),
        (
            "Finanzamt Weilheim-Schongau",
            "Mit freundlichen Grüßen\nIm Auftrag\nKollmannsberger",
            "Finanzamt Weilheim-Schongau",
        ),
        ("Stadtwerke Lindau", "Kind regards\nStadtwerke Lindau | Forderungsmanagement", "Stadtwerke Lindau"),
    ],
)
def test_public_office_signatures(from_name: str, text: str, name: str) -> None:
    from creditctl.pipeline.extraction.parties import signed_organisation

    assert signed_organisation(from_name, (text,)) == name


@pytest.mark.parametrize(
    ("from_name", "text"),
    [
        ("Miriam Albers", "Im Auftrag\nAlbers"),  # a person, no organisation word
        ("Jobcenter Bochum", "Mit freundlichen Grüßen\nSchreiber"),  # not signed as the office
        ("Schuldnerberatung Böhringen e.V.", "Im Auftrag\nAlbers"),  # the office itself
    ],
)
def test_public_office_signature_near_misses(from_name: str, text: str) -> None:
    from creditctl.pipeline.extraction.parties import signed_organisation

    assert signed_organisation(from_name, (text,)) is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mit freundlichen Grüßen\nRaiffeisenbank Traunviertel eGen", "Raiffeisenbank Traunviertel eGen"),
        ("Alpen Inkasso GesmbH\nWien", "Alpen Inkasso GesmbH"),
    ],
)
def test_austrian_legal_forms(text: str, name: str) -> None:
    from creditctl.pipeline.extraction.parties import company_line

    found = company_line(text)
    assert found is not None and found[0] == name


def test_a_register_line_is_no_company() -> None:
    from creditctl.pipeline.extraction.parties import COMPANY_RE, last_company

    found = last_company(COMPANY_RE, "Nordstern Forderungsmanagement GmbH\nAmtsgericht Bremen HRB 33871 HB")
    assert found is not None and found[0] == "Nordstern Forderungsmanagement GmbH"


# ---------------------------------------------------------------- a second contract named only to leave it out


@pytest.mark.parametrize(
    ("body", "refs"),
    [
        (
            "Der Saldo des Girokontos (Konto-Nr. 1002445781) beträgt 3.598,14 EUR. "
            "Der Ratenkredit 7300185226 ist in dieser Aufstellung nicht enthalten.",
            ["1002445781"],
        ),
        (
            "The balance on account number 44120991 is £812.40. Loan account number 55120077 is not included; "
            "we will write separately.",
            ["44120991"],
        ),
        # near-miss: both contracts stated, nothing left out
        (
            "Konto-Nr. 1002445781: 3.598,14 EUR. Ratenkredit 7300185226: 8.612,41 EUR.",
            ["1002445781", "7300185226"],
        ),
    ],
)
def test_a_contract_left_out_is_not_this_replys_reference(body: str, refs: list[str]) -> None:
    from creditctl.pipeline.extraction.model import ExtractionInput
    from creditctl.pipeline.extraction.rules import RulesExtractor

    email = ExtractionInput(
        reply_text=body + "\n\nMit freundlichen Grüßen\nSparkasse Oberland",
        subject="AW: Anfrage",
        from_email="service@sparkasse-oberland.example",
        from_name="Sparkasse Oberland",
        headers={},
        quoted_text="",
        signature_text="",
        attachments=(),
        language=None,
    )
    assert RulesExtractor().extract(email).creditor_references == refs


# ---------------------------------------------------------------- Lotus Notes quote blocks


@pytest.mark.parametrize(
    "block",
    [
        '"Schuldnerberatung Böhringen e.V." <post@sb-boehringen.example>\n19.11.2026 10:12\n\nAn\nx@y.example\nKopie\n\nThema\nKindergeld',
        "Miriam Albers <post@sb-boehringen.example>\n11/19/2026 10:12 AM\nTo\nx@y.example\ncc\n\nSubject\nYour letter",
        "post@sb-boehringen.example\n19-11-2026 10:12\nAan\nx@y.example",
    ],
)
def test_lotus_notes_block_ends_the_reply(block: str) -> None:
    from creditctl.pipeline.cleaning_quotes import find_headers

    lines = [
        "Die Forderung beträgt 2.229,00 Euro.",
        "Mit freundlichen Grüßen",
        "Ihre Familienkasse",
        "",
    ] + block.splitlines()
    headers = find_headers(lines)
    assert headers and headers[0].start == 4


@pytest.mark.parametrize(
    "lines",
    [
        # an address in the signature, then prose: no header
        ["Ihre Familienkasse", "familienkasse@arbeitsagentur.example", "Tel. 0800 4 5555 30", "Montag bis Freitag"],
        # an address and a date, but no field word below
        ["kontakt@example.de", "19.11.2026 10:12", "Wir melden uns."],
    ],
)
def test_lotus_near_misses(lines: list[str]) -> None:
    from creditctl.pipeline.cleaning_quotes import find_headers

    assert find_headers(lines) == []


@pytest.mark.parametrize(
    ("text", "enforcement"),
    [
        (
            "dass die Gläubigerin beim Bezirksgericht Linz den Antrag auf Fahrnis- und Gehaltsexekution eingebracht hat",
            True,
        ),
        ("haben wir die zuständige Vollstreckungsbehörde am 20.11.2026 um Vollstreckung ersucht", True),
        ("nous a chargés de déposer une requête en injonction de payer auprès du tribunal, ce qui a été fait", True),
        # a threat is no report that enforcement has started
        ("Andernfalls müssen wir einen Exekutionsantrag prüfen.", False),
        ("À défaut, nous pourrions engager une procédure.", False),
    ],
)
def test_enforcement_reported_family(text: str, enforcement: bool) -> None:
    from creditctl.pipeline.extraction.model import ReplyKind
    from creditctl.pipeline.extraction.reply_kind import classify_text

    found = classify_text(text, has_claim_amount=True)
    assert (found is not None and found.kind is ReplyKind.ENFORCEMENT) is enforcement


@pytest.mark.parametrize(
    ("text", "dispute"),
    [
        (
            "die Forderung ist Gegenstand des Widerspruchsverfahrens; bis zur Entscheidung wird sie ruhend gestellt.",
            True,
        ),
        ("Vi har registreret kundens indsigelse mod fakturaen. Sagen er sat i bero.", True),
        ("prendiamo atto della contestazione del sig. Bellini. La pratica è stata sospesa.", True),
        ("nuestro cliente ha recibido una reclamación; el expediente queda en suspenso.", True),
        ("The account has been put on hold while we investigate.", True),
        # near-misses: a finished objection procedure, a payment on hold by the client
        ("Die Forderung beträgt 500,00 €.", False),
        ("Please note the account is not on hold.", False),
    ],
)
def test_claim_on_hold_for_an_objection_is_a_dispute(text: str, dispute: bool) -> None:
    from creditctl.pipeline.extraction.model import ReplyKind
    from creditctl.pipeline.extraction.reply_kind import classify_text

    found = classify_text(text, has_claim_amount=True)
    assert (found is not None and found.kind is ReplyKind.DISPUTE) is dispute


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # the credit after a set-off is the result
        (
            "Nach Verrechnung der Mietkaution (2.400,00 €) mit dem Mietrückstand von 2.175,00 € "
            "ergibt sich ein Guthaben von 115,00 € zugunsten von Frau Maier.",
            "-115.00",
        ),
        ("After setting off the deposit against arrears of £900.00 the account is in credit by £60.00.", "-60.00"),
        # a credit set off first, the rest owed after it: the rest is the total
        ("Ihr Guthaben von 20,00 € wurde verrechnet. Die Restforderung beträgt 480,00 €.", "480.00"),
    ],
)
def test_a_credit_after_the_set_off_is_the_result(text: str, total: str) -> None:
    from creditctl.pipeline.extraction.amounts import choose_amounts

    assert choose_amounts([(f, "body") for f in find_amounts(text)]).amounts.total == Decimal(total)
