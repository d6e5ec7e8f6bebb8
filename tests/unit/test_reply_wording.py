"""The reply wording checks (``pipeline.reply_wording``): phrase tables per concern and
language, negations and near-misses, and each check on a table of replies."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.reply_wording import find_phrases, labelled_figures, money_tokens, wording_reasons
from creditctl.pipeline.safety import check, normalise

D = Decimal


# contradicting wording: one phrase per concern and language ------------------------------


@pytest.mark.parametrize(
    ("concern", "text"),
    [
        ("dispute", "Die Forderung wird von uns bestritten."),
        ("dispute", "Ihrer Darstellung widersprechen wir."),
        ("dispute", "Den Ratenplan lehnen wir ab."),
        ("dispute", "We dispute the figures in your letter."),
        ("dispute", "We reject the proposed plan."),
        ("dispute", "Wij betwisten de vordering."),
        ("dispute", "Nous contestons ce décompte."),
        ("dispute", "Contestiamo la Vostra ricostruzione."),
        ("dispute", "Impugnamos su propuesta."),
        ("dispute", "Vi bestrider kravet."),
        ("dispute", "Vi afviser forslaget."),
        ("dispute", "Vi avviser forslaget."),
        ("dispute", "Kiistämme vaatimuksen."),
        ("sold", "Die Forderung wurde an die X GmbH abgetreten."),
        ("sold", "The debt was sold to Y Ltd."),
        ("sold", "De vordering is overgedragen aan Z B.V."),
        ("sold", "La créance a été cédée à W SA."),
        ("sold", "Il credito è stato ceduto a V S.p.A."),
        ("sold", "La deuda ha sido cedida a U S.L."),
        ("sold", "Fordringen har sålts till T AB."),
        ("sold", "Fordringen er solgt til S A/S."),
        ("sold", "Kravet er overdratt til R AS."),
        ("sold", "Saatava on myyty Q Oy:lle."),
        ("enforcement", "Der Gerichtsvollzieher ist beauftragt."),
        ("enforcement", "A bailiff has been instructed."),
        ("enforcement", "De deurwaarder is ingeschakeld."),
        ("enforcement", "Un huissier a été mandaté."),
        ("enforcement", "È in corso il pignoramento."),
        ("enforcement", "Hemos solicitado el embargo."),
        ("enforcement", "Ärendet ligger hos Kronofogden."),
        ("enforcement", "Sagen er sendt til fogedretten."),
        ("enforcement", "Saken er sendt til namsmannen."),
        ("enforcement", "Asia on siirretty ulosottoon."),
        ("unknown", "Die Person ist uns unbekannt."),
        ("unknown", "This person is not known to us."),
        ("unknown", "Deze persoon is bij ons onbekend."),
        ("unknown", "Cette personne est inconnue de nos services."),
        ("unknown", "La persona è sconosciuta."),
        ("unknown", "La persona es desconocida para nosotros."),
        ("unknown", "Personen är okänd för oss."),
        ("unknown", "Personen er ukendt for os."),
        ("unknown", "Personen er ukjent for oss."),
        ("unknown", "Henkilö on meille tuntematon."),
        ("unknown", "We cannot trace your client in our records."),
        ("unknown", "Il nominativo non risulta nei nostri archivi."),
        ("settlement", "Wir bieten einen Vergleich über 1.200,00 € an."),
        ("settlement", "We would accept EUR 900.00 in full and final settlement."),
        ("settlement", "Wij stellen een schikking voor van € 650,00."),
        ("settlement", "Nous proposons une transaction de 500,00 €."),
        ("settlement", "Proponiamo un saldo e stralcio di 700,00 €."),
        ("settlement", "Aceptamos una quita del 40 %."),
        ("settlement", "Vi föreslår en förlikning på 400,00 EUR."),
        ("settlement", "Vi tilbyder et forlig på 400,00 EUR."),
        ("settlement", "Vi tilbyr et forlik på 400,00 EUR."),
        ("settlement", "Tarjoamme sovintoa 400,00 EUR."),
        ("settlement", "Wir bieten einen Vergleich mit einer Einmalzahlung an."),
        ("sold", "De vordering is overgedragen en niet meer bij ons in beheer."),
        ("sold", "Fordringen er solgt og ikke lenger hos oss."),
        ("settled", "Die Forderung ist vollständig beglichen."),
        ("settled", "The account has been paid in full."),
        ("settled", "De vordering is volledig betaald."),
        ("settled", "La créance est intégralement réglée."),
        ("settled", "Il debito è stato interamente saldato."),
        ("settled", "La deuda está totalmente pagada."),
        ("settled", "Skulden är slutbetald."),
        ("settled", "Gælden er fuldt betalt."),
        ("settled", "Gjelden er fullt betalt."),
        ("settled", "Velka on maksettu kokonaan."),
        # "not only" negates nothing; "No." is an abbreviation
        ("dispute", "Wir widersprechen nicht nur Ihrer Aufstellung, sondern auch dem Ratenplan."),
        ("dispute", "We not only dispute the plan but also the figures."),
        ("dispute", "Invoice No. 4411 is disputed."),
        # a negation or a condition of another clause does not wave a dispute through
        ("dispute", "Nach Prüfung der Unterlagen, die Sie nicht beigefügt haben, widersprechen wir."),
        ("dispute", "If you have questions, please note that we dispute the balance."),
        ("enforcement", "Once we had no reply, a bailiff was instructed."),
    ],
)
def test_each_concern_is_found_in_each_language(concern: str, text: str) -> None:
    assert find_phrases(concern, text), (concern, text)


@pytest.mark.parametrize(
    ("concern", "text"),
    [
        # negations of the clause: the wording does not count
        ("dispute", "We do not dispute the claim."),
        ("dispute", "Die Forderung bestreiten wir nicht."),
        ("dispute", "Wij betwisten de vordering niet."),
        ("dispute", "Nous ne contestons pas votre mandat."),
        ("dispute", "Non contestiamo la richiesta."),
        ("dispute", "Vi bestrider ikke kravet."),
        ("dispute", "Emme kiistä vaatimusta."),
        ("settlement", "Ein Vergleich ist derzeit nicht möglich."),
        ("settlement", "Einen Vergleich können wir leider nicht anbieten."),
        ("settlement", "Kein Vergleichsangebot möglich."),
        ("settlement", "Een schikking is niet mogelijk."),
        ("settled", "Die Forderung ist nicht beglichen."),
        ("settled", "The account has not been paid in full."),
        ("unknown", "Ihr Mandant ist uns nicht unbekannt."),
        # conditions: no statement of fact
        ("settled", "Once the account is paid in full we will close it."),
        ("settled", "Sobald die Forderung vollständig beglichen ist, schließen wir die Akte."),
        # near-misses
        ("enforcement", "Ihr an uns gerichtetes Schreiben haben wir erhalten."),
        ("settlement", "Im Vergleich zum Vormonat sind Zinsen hinzugekommen."),
        ("dispute", "The amount is incontestable."),
        ("sold", "Our agent was assigned your file."),
        ("unknown", "We could not find any payment from your client."),
        ("unknown", "Non risulta alcun pagamento."),
        ("unknown", "No consta ningún pago."),
    ],
)
def test_negations_conditions_and_near_misses_do_not_count(concern: str, text: str) -> None:
    assert find_phrases(concern, text) == [], (concern, text)


# figures and their labels --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Die Forderung beträgt 1.234,56 €.", [("1234.56", "claim")]),
        ("Ihr Mandant kann in monatlichen Raten von 75,00 € zahlen.", [("75.00", "other")]),
        (
            "We received a payment of £200.00 on 3 November 2026. The remaining balance on account 30114978\nis £1,146.32.",
            [("200.00", "other"), ("1146.32", "claim")],
        ),
        (
            "Vergleichsangebot: 1.200,00 € statt der Gesamtforderung von 2.400,00 €.",
            [("1200.00", "other"), ("2400.00", "claim")],
        ),
        ("Nog te betalen: € 1.240,40", [("1240.40", "claim")]),
        ("The total amount outstanding as of 30 October 2026 is £2,310.00.", [("2310.00", "claim")]),
        ("Zinssatz 5 % p.a.", []),
    ],
)
def test_labelled_figures(text: str, kinds: list[tuple[str, str]]) -> None:
    assert [(str(f.value), f.kind) for f in labelled_figures(text)] == kinds


def test_money_tokens_need_decimals_or_an_adjacent_currency() -> None:
    norm = normalise("Konto 30114978, per 1. Dezember 2026 CHF 2'480.–, Rate 50 EUR, Zinsen 5 %.")
    assert [t.value for t in money_tokens(norm)] == [D("2480.00"), D("50.00")]


# the checks ------------------------------------------------------------------------------------


def _reasons(total: str | None, body: str) -> list[str]:
    return wording_reasons(total=D(total) if total is not None else None, own_texts={"body": body})


@pytest.mark.parametrize(
    ("total", "body", "expected"),
    [
        # settled vs a figure owed
        ("0.00", "Das Konto ist ausgeglichen. Offener Betrag: 312,00 €.", "reply states 312.00 owed"),
        ("0.00", "The account has been settled. Outstanding balance: EUR 215.40.", "reply states 215.40 owed"),
        (
            "0.00",
            "Once the account is paid in full we will close it. The current balance is EUR 760.00.",
            "reply states 760.00 owed",
        ),
        ("0.00", "The account is closed. Outstanding balance to be paid: EUR 215.40.", "reply states 215.40 owed"),
        (
            "0.00",
            "Die Forderung über 318,20 € wurde am 03.11.2026 bezahlt, es bleiben 40,00 € Kosten offen.",
            "reply states 40.00 owed",
        ),
        ("180.00", "Le dossier est soldé. Montant restant dû : 180,00 €.", "says the claim is settled"),
        # not the current figure
        (
            "75.00",
            "Ihr Mandant kann die Schuld in monatlichen Raten von 75,00 € begleichen.",
            "not stated as the current",
        ),
        (
            "250.00",
            "We received a payment of EUR 250.00 on 3 November. The balance follows.",
            "not stated as the current",
        ),
        ("1200.00", "Wir bieten einen Vergleich über 1.200,00 € an.", "settlement or reduced-sum offer"),
        ("900.00", "As a full and final settlement we would accept EUR 900.00.", "settlement or reduced-sum offer"),
        ("1200.00", "Wir akzeptieren einen reduzierten Betrag von 1.200,00 €.", "settlement or reduced-sum offer"),
        ("900.00", "We would accept a reduced amount of EUR 900.00.", "settlement or reduced-sum offer"),
        (
            "650.00",
            "Wij gaan akkoord met een schikking; het schikkingsbedrag is € 650,00.",
            "settlement or reduced-sum offer",
        ),
        # several totals
        (
            "1650.00",
            "Der offene Saldo beträgt 1.650,00 €. Laut Kontoauszug beträgt der Gesamtsaldo 1.720,00 €.",
            "several different totals",
        ),
        # contradicting wording whatever the kind read
        ("2310.00", "Ihrer Darstellung widersprechen wir. Die Forderung beträgt 2.310,00 €.", "disputes"),
        ("1245.00", "Ärendet har överlämnats till Kronofogden. Skulden uppgår till 1 245,00 EUR.", "enforcement"),
        ("530.00", "Kunden er ukjent for oss. Utestående beløp 530,00 EUR.", "unknown"),
        ("760.00", "La deuda ha sido cedida a Beta Cobros S.L.; el importe pendiente es de 760,00 €.", "sold"),
    ],
)
def test_traps_are_held_with_the_words_shown(total: str, body: str, expected: str) -> None:
    reasons = _reasons(total, body)
    assert any(expected in r for r in reasons), reasons


@pytest.mark.parametrize(
    ("total", "body"),
    [
        ("1234.56", "We do not dispute your figures. The outstanding balance is EUR 1,234.56."),
        ("2450.00", "Ein Vergleich ist derzeit nicht möglich. Die Gesamtforderung beträgt 2.450,00 €."),
        (
            "5712.90",
            "Die Gesamtforderung beträgt derzeit 5.712,90 €. Zur Erledigung bieten wir einen Vergleich an: "
            "Bei Zahlung von 60 % bis zum 31.12.2026 verzichten wir auf den Rest.",
        ),
        ("1124.50", "Principal: EUR 1,000.00\nInterest: EUR 84.50\nCosts: EUR 40.00\nTotal balance: EUR 1,124.50"),
        (
            "1950.00",
            "Saldovortrag: 2.100,00 €\nabzüglich Zahlung vom 01.11.2026: -150,00 €\nAktueller Saldo: 1.950,00 €",
        ),
        ("1200.00", "Gesamtforderung: 1.500,00 €\nbereits gezahlt: 300,00 €\nRestforderung: 1.200,00 €"),
        (
            "1146.32",
            "We have received a payment of £200.00 on 3 November 2026. The remaining balance on account "
            "30114978\nis £1,146.32.",
        ),
        ("480.00", "Bitte überweisen Sie 480,00 €."),  # the only money figure of the reply
        ("0.00", "Die Forderung über 1.380,00 € wurde am 03.11.2026 vollständig beglichen."),
        ("0.00", "Your client's account has been paid in full; the balance is EUR 0.00."),
        ("0.00", "Die Forderung über 318,20 € wurde am 03.11.2026 bezahlt."),
        ("0.00", "We have received EUR 215.40 on the claim; the account is closed."),
        (
            "1042.00",
            "Ihr an uns gerichtetes Schreiben haben wir erhalten. Im Vergleich zum Vormonat sind Zinsen "
            "hinzugekommen; die Gesamtforderung beträgt 1.042,00 €.",
        ),
        ("640.00", "Il saldo dovuto ammonta a 640,00 €."),
        ("410.00", "Avoinna oleva saatava on yhteensä 410,00 EUR."),
        ("2045.00", "Den samlede gæld udgør 2.045,00 EUR."),
        ("812.40", "Your client still owes us EUR 812.40 on the account. We have also sent a reminder of EUR 5.00."),
        ("812.40", "Der Kontostand: 812,40 €; Mahngebühr 5,00 €."),
        ("812.40", "Votre client nous doit encore 812,40 € ; frais de dossier 5,00 €."),
        ("812.40", "Kunden skylder 812,40 EUR. Gebyr 5,00 EUR."),
    ],
)
def test_clear_replies_still_apply(total: str, body: str) -> None:
    assert _reasons(total, body) == []


def test_no_total_and_a_credit_are_left_to_other_checks() -> None:
    assert _reasons(None, "Wir widersprechen.") == []
    assert _reasons("-50.00", "Guthaben: 50,00 €") == []


def test_safety_check_holds_a_statement_reading_with_dispute_wording() -> None:
    body = "Ihrer Darstellung widersprechen wir. Die Forderung beträgt 2.310,00 €."
    report = check(
        total=D("2310.00"), reply_kind="claim_statement", own_texts={"body": body}, quoted_text="", raw_texts=[body]
    )
    assert any("widersprechen" in r for r in report.reasons), report.reasons
    clear = check(
        total=D("2310.00"),
        reply_kind="claim_statement",
        own_texts={"body": "Die Forderung beträgt 2.310,00 €."},
        quoted_text="",
        raw_texts=[],
    )
    assert clear.reasons == ()


def test_safety_check_reports_a_sale_once() -> None:
    body = "Die Forderung wurde an die X GmbH verkauft. Der Restbetrag beträgt 512,30 €."
    report = check(
        total=D("512.30"), reply_kind="claim_statement", own_texts={"body": body}, quoted_text="", raw_texts=[body]
    )
    assert sum("sold" in r for r in report.reasons) == 1, report.reasons
