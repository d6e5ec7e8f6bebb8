"""Families of creditor wording and layout (reading round on ``tests/data/tuning_h``, safety
traps written blind by an outside writer, and the misses of ``tuning_f``/``tuning_g``): each
table mixes languages and forms beyond the example that showed the gap, and keeps
near-misses that must NOT trip.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels
from creditctl.pipeline.extraction.labels import SEE_SUBJECT_RE
from creditctl.pipeline.reply_wording import find_phrases, labelled_figures, wording_reasons
from creditctl.pipeline.safety import find_credit_marks
from tests.amount_reading import body_total_certain as _total

# ------------------------------------- collection suspended / before an ombudsman: a person decides


@pytest.mark.parametrize(
    "text",
    [
        "Vi informiamo tuttavia che la pratica è sospesa: la cliente ha presentato ricorso all'Arbitro Bancario Finanziario.",
        "La posizione resta in sospeso fino alla decisione del Collegio.",
        "As Mr Whitfield has referred his complaint to the Financial Ombudsman Service, the account has been placed on hold.",
        "Collection activity has been suspended pending the Ombudsman's decision.",
        "We have paused all recovery action on this account.",
        "Het dossier is stilgelegd totdat de Geschillencommissie uitspraak heeft gedaan.",
        "De incasso is opgeschort in afwachting van de uitspraak van het Kifid.",
        "Da Ihre Mandantin Widerspruch eingelegt hat, haben wir die Akte bis zur Entscheidung ruhend gestellt.",
        "Die Beitreibung ist bis zum Abschluss des Schlichtungsverfahrens ausgesetzt.",
        "Wir setzen die Beitreibung bis zur Klärung aus.",
        "Le dossier est suspendu dans l'attente de la décision du médiateur.",
        "Le médiateur de la consommation a été saisi par votre cliente.",
        "El expediente queda en suspenso hasta la resolución de la reclamación ante el Banco de España.",
        "Ärendet är vilande i väntan på ARN:s beslut.",
        "Sagen er sat i bero, indtil Finansklagenævnet har truffet afgørelse.",
        "Saken er stilt i bero inntil videre.",
        "Perintä on keskeytetty.",
    ],
)
def test_suspended_collection_is_found(text: str) -> None:
    assert find_phrases("suspended", text), text


@pytest.mark.parametrize(
    "text",
    [
        # negated
        "There is no complaint pending and we do not pause collection activity.",
        "The account is not on hold.",
        "Die Akte ist nicht ruhend gestellt.",
        "La pratica non è sospesa.",
        # the standard footer: a right, no case
        "If you are unhappy with our response you may refer your complaint to the Financial Ombudsman Service.",
        "Wij zijn aangesloten bij De Geschillencommissie.",
        "Wir nehmen an Streitbeilegungsverfahren vor einer Verbraucherschlichtungsstelle nicht teil.",
        # over: lifted, resumed
        "The hold on the account has been lifted and collection has resumed.",
        "Die Ruhendstellung wurde aufgehoben.",
        "De opschorting is opgeheven; de incasso wordt hervat.",
        # interest frozen is no stop of collection
        "Interest has been frozen since October.",
    ],
)
def test_near_misses_of_suspended_collection(text: str) -> None:
    assert not find_phrases("suspended", text), text


def test_a_suspended_file_with_a_clean_total_is_held() -> None:
    own = {
        "body": "il saldo a debito della Sig.ra Romano ammonta ad € 2.934,10.\n\n"
        "Vi informiamo tuttavia che la pratica è sospesa fino alla decisione del Collegio."
    }
    reasons = wording_reasons(total=Decimal("2934.10"), own_texts=own)
    assert any("suspended" in r for r in reasons), reasons


# --------------------------------------------------- a phone number's dash is no minus sign


@pytest.mark.parametrize(
    "line",
    [
        "Tel. 0231 998877-40 | Fax -49",
        "Woningstichting Eemland Wonen | Postbus 1102 | 033 - 750 40 00",
        "Klantenservice 050 - 211 44 00",
        "Telefon 089 - 12 34 56, Durchwahl -12",
    ],
)
def test_a_phone_numbers_dash_is_no_credit(line: str) -> None:
    assert find_credit_marks(f"Saldo 1.611,20 €\n{line}", Decimal("1611.20")) == []


@pytest.mark.parametrize(
    "line",
    ["Saldo: -150,00 €", "Saldo 150,00- EUR", "Balance: -£23.60", "Kontostand - 1.250 EUR", "Solde : -46,70"],
)
def test_a_signed_money_figure_is_still_a_credit(line: str) -> None:
    assert find_credit_marks(line), line


# ------------------------------------- a column of payments in a table is deducted, not a charge


@pytest.mark.parametrize(
    ("header", "paid"),
    [
        ("Periode | Omschrijving | Bedrag | Betaald", "Betaald"),
        ("Month | Description | Charge | Paid", "Paid"),
        ("Monat | Position | Betrag | Bezahlt", "Bezahlt"),
        ("Mois | Libellé | Montant | Payé", "Payé"),
        ("Mese | Descrizione | Importo | Pagato", "Pagato"),
        ("Månad | Text | Belopp | Betalat", "Betalat"),
    ],
)
def test_the_payment_column_is_deducted_and_the_total_row_wins(header: str, paid: str) -> None:
    text = (
        f"{header}\n"
        "09-2026 | rent | € 742,50 | € 300,00\n"
        "10-2026 | rent | € 742,50 | € 0,00\n"
        "11-2026 | rent | € 742,50 | € 400,00\n"
        "earlier | arrears to 08-2026 | € 83,70\n"
        "Totaal openstaand per 01-12-2026 | € 1.611,20"
    )
    found = amounts_with_labels(text)
    assert [amount_role(f) for f in found if f.amount in (Decimal("300.00"), Decimal("400.00"))] == ["other", "other"]
    assert _total(text) == (Decimal("1611.20"), True), paid


def test_a_table_without_a_payment_column_keeps_its_cells() -> None:
    text = "Periode | Omschrijving | Bedrag | Rente\n09-2026 | huur | € 742,50 | € 3,00\nTotaal | € 745,50"
    found = amounts_with_labels(text)
    assert all(f.label != "paid" for f in found)


# ------------------------------------------ which client or claim is meant cannot be told


@pytest.mark.parametrize(
    "text",
    [
        "In our system we have two open cases for debtors named Marek Nowak; we cannot tell which case you mean.",
        "We are unable to determine which account your letter relates to.",
        "Bei uns gibt es mehrere Kunden mit dem gleichen Namen; bitte teilen Sie mit, welchen Vertrag Sie meinen.",
        "Wij hebben meerdere dossiers op naam van J. de Vries; graag horen wij welk dossier u bedoelt.",
        "Nous avons plusieurs dossiers au nom de M. Martin.",
        "Risultano più posizioni con lo stesso nome.",
        "Constan varios expedientes a nombre de D. Javier Ruiz.",
        "Vi har flera ärenden med samma namn.",
        "Vi har flere sager med samme navn.",
    ],
)
def test_a_creditor_that_cannot_tell_which_claim_is_meant(text: str) -> None:
    assert find_phrases("which", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Please let us know which payment method you prefer.",
        "We have one open case for your client; the balance is £355.00.",
        "Bitte teilen Sie uns mit, welche Ratenhöhe Ihr Mandant leisten kann.",
    ],
)
def test_near_misses_of_which_claim(text: str) -> None:
    assert not find_phrases("which", text), text


# -------------------------------------------- the sender no longer acts: its figure is history


@pytest.mark.parametrize(
    "text",
    [
        "Unser Inkassomandat wurde am 31.10.2026 beendet; die Akte haben wir an unsere Auftraggeberin zurückgegeben.",
        "Wir sind für Frau Fischer nicht mehr zuständig.",
        "Our instructions have been withdrawn and we have returned the account to our client.",
        "We are no longer acting for Northway Bank on this account.",
        "Onze opdracht is beëindigd; het dossier is teruggegeven aan de opdrachtgever.",
        "Notre mandat a pris fin le 30/09/2026 ; nous ne sommes plus mandatés.",
        "Il nostro mandato è cessato e la pratica è stata restituita alla mandante.",
        "Nuestro mandato ha finalizado y el expediente ha sido devuelto al acreedor.",
        "Uppdraget har avslutats och ärendet har återlämnats till uppdragsgivaren.",
    ],
)
def test_an_ended_mandate_is_found(text: str) -> None:
    assert find_phrases("mandate_ended", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Unser Mandat ist nicht beendet; wir sind weiterhin zuständig.",
        "We remain instructed by our client and the balance is £1,102.35.",
        "Notre cabinet demeure mandaté pour le recouvrement amiable.",
    ],
)
def test_near_misses_of_an_ended_mandate(text: str) -> None:
    assert not find_phrases("mandate_ended", text), text


# ---------------------------------------------- lawsuits filed, reminders paused, Portuguese


@pytest.mark.parametrize(
    "text",
    [
        "hat unsere Rechtsvertretung beim Bezirksgericht die Räumungsklage samt Mietzinsklage eingebracht.",
        "Der Klagsbetrag beläuft sich auf € 2.145,60.",
        "Die Zahlungsklage ist beim Landgericht anhängig.",
        "Vi har lämnat in en stämningsansökan till tingsrätten.",
        "o nosso crédito foi objeto de penhora pelo agente de execução.",
    ],
)
def test_a_lawsuit_filed_is_enforcement(text: str) -> None:
    assert find_phrases("enforcement", text), text


def test_a_lawsuit_only_threatened_is_no_enforcement() -> None:
    assert not find_phrases("enforcement", "Andernfalls werden wir Klage einreichen müssen.")


@pytest.mark.parametrize(
    "text",
    [
        "Wir haben deshalb die Zahlungserinnerungen für 60 Tage pausiert.",
        "Für den Vertrag ist eine Mahnsperre gesetzt.",
        "We have paused payment reminders while we look into the return.",
        "Reminders have been suspended for 30 days.",
        "O processo de cobrança está suspenso.",
    ],
)
def test_paused_reminders_are_a_suspension(text: str) -> None:
    assert find_phrases("suspended", text), text


@pytest.mark.parametrize(
    "text",
    [
        "tendo sido declarada a insolvência da nossa cliente, o crédito foi reclamado junto do Administrador de Insolvência",
        "A devedora requereu um processo especial de revitalização.",
    ],
)
def test_portuguese_insolvency_is_found(text: str) -> None:
    assert find_phrases("insolvency", text), text


def test_portuguese_negation_keeps_a_denied_sale_out() -> None:
    assert not find_phrases("sold", "O crédito não foi cedido a terceiros.")
    assert find_phrases("sold", "O crédito foi cedido ao Fundo Aquilon.")


def test_per_in_german_or_italian_is_no_portuguese_procedure() -> None:
    assert not find_phrases("insolvency", "Der Saldo per heute beträgt 2.611,84 €; l'importo per la pratica è dovuto.")


# ------------------------------- a figure's words end at its clause; joined figures share a label


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "As of 31 August the balance was €951.20. We have since received €40.00 on 25/09 and €40.00 on 27/10, "
            "so the balance now stands at €871.20.",
            "871.20",
        ),
        (
            "Am 31.08. betrug der Saldo 951,20 €. Seitdem sind 40,00 € am 25.09. und 40,00 € am 27.10. eingegangen, "
            "daher beträgt der Saldo nun 871,20 €.",
            "871.20",
        ),
        (
            "Op 31 augustus bedroeg het saldo € 951,20. Sindsdien ontvangen € 40,00 op 25/09 en € 40,00 op 27/10, "
            "dus het saldo is nu € 871,20.",
            "871.20",
        ),
    ],
)
def test_payments_joined_by_and_are_payments_and_the_next_clause_names_the_total(text: str, total: str) -> None:
    assert _total(text)[0] == Decimal(total)


def test_a_joined_figure_keeps_its_own_label_when_it_has_one() -> None:
    text = "Erhalten haben wir 40,00 € und Gesamtforderung 871,20 €."
    roles = {f.amount: amount_role(f) for f in amounts_with_labels(text)}
    assert roles[Decimal("871.20")] == "total"


# ------------------------------------------------ the unit figure of a multiple is no amount


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Offen sind noch die Mietrückstände für Juli bis September 2026 (3 x 612,00 €) sowie unsere Kosten, "
            "insgesamt 2.036,36 €.",
            "2036.36",
        ),
        ("Arrears for three months (3 x £612.00) plus our costs, in total £2,036.36.", "2036.36"),
        ("Achterstand over drie maanden (3 × € 612,00), totaal € 2.036,36.", "2036.36"),
    ],
)
def test_the_unit_figure_of_a_multiple_is_no_second_total(text: str, total: str) -> None:
    assert _total(text)[0] == Decimal(total)
    assert Decimal("612.00") not in {f.amount for f in amounts_with_labels(text)}


def test_a_figure_after_a_reference_with_an_x_is_still_read() -> None:
    text = "Vertrag 12x Gesamtforderung 500,00 €"
    assert Decimal("500.00") in {f.amount for f in amounts_with_labels(text)}


# -------------------------------------------------- the figure a creditor gave before is old


@pytest.mark.parametrize(
    "text",
    [
        "Den foreløpige saldoen vi oppga (kr 18 912,40) erstattes derfor av endelig saldo per 1. desember 2026: kr 17 960,00.",
        "The balance we previously quoted (£18,912.40) is replaced by the final balance of £17,960.00.",
        "Der zuvor mitgeteilte Betrag (18.912,40 €) wird ersetzt durch den endgültigen Saldo von 17.960,00 €.",
    ],
)
def test_the_figure_given_before_is_not_the_total(text: str) -> None:
    assert _total(text)[0] == Decimal("17960.00")


@pytest.mark.parametrize(
    "text",
    [
        "He has missed the last three payments, so the plan is currently £120.00 in arrears. "
        "The full outstanding balance on the account is £438.90.",
        "Drei Raten sind offen, daher ist der Ratenplan derzeit mit 120,00 € im Rückstand. "
        "Die Gesamtforderung beträgt 438,90 €.",
    ],
)
def test_a_plans_arrears_after_a_new_clause_are_not_the_total(text: str) -> None:
    assert _total(text)[0] == Decimal("438.90")


# ------------------------------------ a breakdown in brackets after a figure is its detail


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Geschuldet sind gemäss Entscheid nunmehr CHF 1’552.60 (Ausstand CHF 1’302.60 zuzüglich "
            "Entscheidgebühr CHF 250.00).",
            "1552.60",
        ),
        ("The balance now owed is £1,552.60 (arrears £1,302.60 plus court fee £250.00).", "1552.60"),
        ("Het openstaande saldo bedraagt € 1.187,30 (hoofdsom € 1.004,60, rente € 42,70, kosten € 140,00).", "1187.30"),
        ("Le solde dû est de 1 552,60 € (capital 1 302,60 € et frais 250,00 €).", "1552.60"),
    ],
)
def test_a_bracketed_breakdown_that_adds_up_is_no_second_total(text: str, total: str) -> None:
    assert _total(text)[0] == Decimal(total)


def test_a_bracketed_figure_that_does_not_add_up_stays() -> None:
    text = "Die Forderung beträgt 1.552,60 € (Ausstand laut Ihrem Schreiben 1.302,60 €, Gebühr 100,00 €)."
    assert Decimal("1302.60") in {f.amount for f in amounts_with_labels(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Unter Berücksichtigung der seit der Kündigung eingegangenen Zahlungen (insgesamt 300,00 EUR) beträgt die "
        "Restschuld 6.612,44 EUR.",
        "After the payments received since the default (in total £300.00) the balance is £6,612.44.",
        "Na aftrek van de ontvangen betalingen (totaal € 300,00) bedraagt de restschuld € 6.612,44.",
    ],
)
def test_a_sum_in_brackets_sums_what_the_bracket_follows(text: str) -> None:
    assert _total(text)[0] == Decimal("6612.44")


@pytest.mark.parametrize(
    "text",
    [
        "Derzeit ist ein Betrag von 459,36 € offen. Der Rückstand hat sich seit unserer letzten Mitteilung um einen "
        "Monatsbeitrag von 18,36 € erhöht.",
        "The balance is now £459.36. It has gone up by £18.36 since our last letter.",
        "Het saldo is € 459,36. Het is met € 18,36 gestegen.",
    ],
)
def test_a_change_by_an_amount_is_no_balance(text: str) -> None:
    assert _total(text)[0] == Decimal("459.36")


def test_an_introducing_sentence_does_not_name_the_rows_of_a_table() -> None:
    text = (
        "Zu Ihrer Anfrage betreffend Herrn Hofer teilen wir den Stand des Mieterkontos mit:\n\n"
        "Vorschreibung 09/2026     € 661,20   (HMZ 472,00 + BK 129,09 + USt 60,11)\n"
        "Vorschreibung 10/2026     € 661,20\n"
        "BK-Abrechnung 2025 Nachz. € 222,00\n"
        "Zahlung 14.11.2026       -€  60,00\n"
        "Gesamtrückstand per 01.12.2026: € 1.484,40"
    )
    assert _total(text) == (Decimal("1484.40"), True)


def test_a_caption_line_still_names_a_figure_standing_alone() -> None:
    assert _total("Offener Saldo per 30.11.2026:\n1.234,56 EUR")[0] == Decimal("1234.56")


# ---------------------------------------------- an aside between dashes names nothing after it


@pytest.mark.parametrize(
    "text",
    [
        "der Saldo beläuft sich – nach Eingang Ihrer Zahlung über 50,00 € am 23.11. – auf 352,15 €.",
        "the balance — after your payment of £50.00 on 23/11 — is now £352.15.",
        "het saldo bedraagt - na ontvangst van uw betaling van € 50,00 - nog € 352,15.",
    ],
)
def test_an_aside_between_dashes_does_not_name_the_figure_after_it(text: str) -> None:
    assert _total(text)[0] == Decimal("352.15")
    own = {"body": text}
    assert not any(
        "not stated as the current claim" in r for r in wording_reasons(total=Decimal("352.15"), own_texts=own)
    )


def test_a_figure_inside_the_aside_keeps_its_own_words() -> None:
    roles = {f.amount: amount_role(f) for f in amounts_with_labels("Saldo – nach Zahlung über 50,00 € – 352,15 €")}
    assert roles[Decimal("50.00")] == "other"


# ------------------------------------------- a dispute's outcome in the sentence that follows


@pytest.mark.parametrize(
    "text",
    [
        "We have completed our review of the dispute Mr Whitfield raised. Proof of delivery was provided and the "
        "dispute has therefore been closed and not upheld.",
        "Wir haben den Widerspruch Ihrer Mandantin geprüft. Der Widerspruch wurde als unbegründet zurückgewiesen.",
        "Wij hebben het bezwaar van uw cliënt onderzocht. Het bezwaar is afgewezen.",
    ],
)
def test_a_dispute_resolved_in_the_next_sentence_is_no_dispute(text: str) -> None:
    assert not find_phrases("dispute", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Ihre Mandantin hat Widerspruch eingelegt. Ein früherer Antrag wurde abgelehnt.",
        "We have reviewed the dispute your client raised. The dispute has not been closed yet.",
        "Your client disputes the balance. Payment was rejected by the bank.",
    ],
)
def test_an_open_dispute_beside_another_outcome_still_holds(text: str) -> None:
    assert find_phrases("dispute", text), text


# ------------------------------------------------------ a court step taken back is no step


@pytest.mark.parametrize(
    "text",
    [
        "Die beim Amtsgericht erhobene Zahlungsklage wurde zurückgenommen.",
        "We have withdrawn the county court claim after the payment.",
        "Olemme perunneet ulosottohakemuksen.",
        "Notre mandante s'est désistée de la procédure d'injonction de payer.",
    ],
)
def test_a_withdrawn_court_step_is_no_enforcement(text: str) -> None:
    assert not find_phrases("enforcement", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Der Gerichtsvollzieher ist beauftragt; ein Ratenantrag wurde zurückgezogen.",
        "The county court claim will be withdrawn once the balance is paid.",
        "Wir haben Klage eingereicht.",
    ],
)
def test_a_court_step_not_taken_back_still_holds(text: str) -> None:
    assert find_phrases("enforcement", text), text


# ------------------------------------------- "see subject": the subject line is the reply's text


@pytest.mark.parametrize(
    "body",
    [
        "Hi, as requested – see subject. Three payments received to date.",
        "Hei, se emnefeltet. Beløpet inkluderer forsinkelsesrenter.",
        "Hallo, siehe Betreff. Zinsen sind enthalten.",
        "Goedemiddag, zie onderwerp.",
        "Bonjour, voir l'objet du message.",
        "Hej, se ämnesraden.",
    ],
)
def test_a_reply_pointing_to_its_subject_reads_it(body: str) -> None:
    assert SEE_SUBJECT_RE.search(body)


@pytest.mark.parametrize(
    "body",
    [
        "Subject to contract, the balance is £500.00.",
        "Betreff: Ihre Anfrage vom 3. November",
        "We have noted the subject of your letter.",
    ],
)
def test_a_reply_that_does_not_point_to_its_subject_does_not_read_it(body: str) -> None:
    assert not SEE_SUBJECT_RE.search(body)


def _extract(subject: str, body: str) -> Any:
    from creditctl.pipeline.extraction.model import ExtractionInput
    from creditctl.pipeline.extraction.rules import RulesExtractor

    email = ExtractionInput(
        subject=subject,
        from_email="inkasso@fjordkreditt.example",
        from_name="Fjordkreditt AS",
        reply_text=body,
        quoted_text="",
        signature_text="",
        attachments=(),
        headers={},
        language="no",
    )
    return RulesExtractor().extract(email)


def test_the_total_in_the_subject_is_read_only_when_the_reply_points_to_it() -> None:
    subject = "SV: Lån 88120441 – restgjeld kr 24 890,00 per 01.12.2026"
    assert _extract(subject, "Hei, se emnefeltet. mvh Kari").amounts.total == Decimal("24890.00")
    assert _extract(subject, "Hei, vi kommer tilbake til saken. mvh Kari").amounts.total is None


@pytest.mark.parametrize(
    "text",
    [
        "Gerechtelijke stappen zijn op dit ogenblik niet gepland.",
        "Gerichtliche Schritte sind derzeit nicht geplant.",
        "No court proceedings are planned at this stage.",
    ],
)
def test_court_steps_not_planned_are_no_enforcement(text: str) -> None:
    assert not find_phrases("enforcement", text), text


def test_court_steps_planned_still_hold() -> None:
    assert find_phrases("enforcement", "Gerichtliche Schritte sind für Januar geplant.")


# ------------------------------------------ written off / collection stopped, historical figures


@pytest.mark.parametrize(
    "text",
    [
        "Our principal has decided to write off the claim against Mr Sjöberg.",
        "We have been instructed to stop all collection measures.",
        "Unsere Mandantin hat entschieden, die Forderung auszubuchen.",
        "Die Beitreibung wurde endgültig eingestellt.",
    ],
)
def test_a_write_off_or_stopped_collection_is_written_off_wording(text: str) -> None:
    assert find_phrases("written_off", text), text


@pytest.mark.parametrize(
    "text",
    [
        "We have not written off the claim and collection continues.",
        "We will not stop collection measures.",
        "Please stop sending letters to our client.",
    ],
)
def test_near_misses_of_written_off_wording(text: str) -> None:
    assert not find_phrases("written_off", text), text


@pytest.mark.parametrize(
    "text",
    [
        "The balance was GBP 18,450.00 at the time of the decision.",
        "Zum Zeitpunkt der Entscheidung betrug die Forderung 18.450,00 €.",
    ],
)
def test_a_figure_at_the_time_of_a_decision_is_no_current_total(text: str) -> None:
    assert _total(text)[0] is None


@pytest.mark.parametrize(
    "text",
    ["Le dossier n'est plus en suspens depuis la réception du justificatif.", "The account is no longer on hold."],
)
def test_a_suspension_no_longer_in_force_is_none(text: str) -> None:
    assert not find_phrases("suspended", text), text


# ------------------------------------------------------- a case word right before a case code


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Le solde dû dans notre dossier RC/24/99812 s'élève à 719,00 €", "RC/24/99812"),
        ("o saldo em dívida do contrato CL-PT-0098123 ascende a 1.655,40 €", "CL-PT-0098123"),
        ("Som aftalt sender vi kontoudtog på sag NI-884120.", "NI-884120"),
        ("bestätigen wir Ihnen zu Akt DI 2025/048812 den Stand", "DI 2025/048812"),
        ("en el expediente GCI-ES-2208817 no consta ninguna reclamación", "GCI-ES-2208817"),
        ("the balance on case 5512-90441 is", "5512-90441"),
    ],
)
def test_a_case_word_before_a_case_code_names_a_reference(text: str, ref: str) -> None:
    from creditctl.pipeline.extraction.references import find_references

    assert ref in [r.value for r in find_references(text)]


@pytest.mark.parametrize(
    "text", ["Der Vertrag 3 Seiten lang", "the case 12 days ago", "Sagen 2026 er lukket", "file 2 of 3"]
)
def test_a_case_word_before_a_small_number_names_nothing(text: str) -> None:
    from creditctl.pipeline.extraction.references import find_references

    assert find_references(text) == []


# -------------------------------------------- words inside brackets: an aside, or the figure's own


def test_a_closed_aside_before_a_figure_names_nothing() -> None:
    text = (
        "der Beitragsrückstand (Monatsbeitrag derzeit 231,86 €) beträgt einschließlich Säumniszuschlägen "
        "(1 % je angefangenem Monat) zum 30.11.2026 insgesamt 874,50 €."
    )
    assert _total(text)[0] == Decimal("874.50")
    reasons = wording_reasons(total=Decimal("874.50"), own_texts={"body": text})
    assert not any("several different totals" in r for r in reasons), reasons


def test_a_figure_inside_an_open_bracket_is_named_by_the_brackets_words() -> None:
    text = "Der Rückstand (Monatsbeitrag derzeit 231,86 €) beträgt insgesamt 874,50 €."
    kinds = {f.value: f.kind for f in labelled_figures(text)}
    assert kinds[Decimal("231.86")] == "other"
