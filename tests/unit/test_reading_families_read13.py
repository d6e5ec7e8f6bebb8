"""Two families of wrong claim changes on mail nobody here had seen, in several forms and languages.

(a) A ticket-system update or a reply whose newest message states no current figure, while an
older figure stands below the signature mark, below the sign-off or in the ticket's history:
the older figure is never applied (``pipeline.safety_thread``; a colleague's forward joins the
reply only when it went inside the sender's firm: ``cleaning_quotes.internal_forward``).

(b) A creditor that handed the claim over to a collection agency, a lawyer, a bailiff or an
enforcement office: the reply's figure is never applied (``pipeline.safety_handover``).

Each family has near-misses that must not trip: the newest comment with its own figure above an
older one, a negated or conditional hand-over, a hand-over to the sender itself, a query passed
to a department, a hand-over taken back. docs/evaluation.md, "Ticket histories and signatures"
and "Hand-overs".
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.cleaning_quotes import internal_forward, split_text
from creditctl.pipeline.safety import check, find_assignment, normalise
from creditctl.pipeline.safety_handover import handover_phrase
from creditctl.pipeline.safety_thread import newest_message_span

SEP = "-" * 46


def _thread_held(body: str, total: str) -> bool:
    report = check(
        total=Decimal(total),
        reply_kind="claim_statement",
        own_texts={"body": body},
        quoted_text="",
        raw_texts=[body],
    )
    return any("not in the newest message" in r for r in report.reasons)


# ------------------------------------------------------------- (a) the old figure in the history

OLD_FIGURE_BODIES = {
    "zendesk_en": (
        f"##- Please type your reply above this line -##\n\nYour request (#41177) has been updated.\n\n{SEP}\n\n"
        "Anna Berg (Brightwater Energy)\n\nDec 3, 2026, 14:18 GMT\n\nHi, I've passed your query to our billing "
        f"team; they will come back to you.\n\nAnna\n\n{SEP}\n\nAnna Berg (Brightwater Energy)\n\nNov 20, 2026, "
        "09:02 GMT\n\nThe outstanding balance on this account is £798.40.",
        "798.40",
    ),
    "zendesk_de_dotted_author": (
        "##- Bitte geben Sie Ihre Antwort über dieser Zeile ein. -##\n\nIhre Anfrage (#41178) wurde beantwortet.\n\n"
        f"{SEP}\n\nM. Schulz (Forderungsmanagement)\n\n3. Dez. 2026, 14:18 MEZ\n\nWir haben Ihre Anfrage an die "
        f"Fachabteilung weitergeleitet.\n\n{SEP}\n\nM. Schulz (Forderungsmanagement)\n\n20. Nov. 2026, 09:02 MEZ\n\n"
        "Der offene Betrag beträgt 1.180,00 €.",
        "1180.00",
    ),
    "zendesk_nl": (
        "##- Typ uw antwoord boven deze regel -##\n\nUw verzoek (#41179) is bijgewerkt.\n\nEva Jansen (Zuiderlicht)\n"
        "3 dec. 2026 14:18 CET\n\nWij hebben uw vraag doorgestuurd naar debiteurenbeheer.\n\nEva Jansen (Zuiderlicht)\n"
        "20 nov. 2026 09:02 CET\n\nHet openstaande saldo bedraagt € 1.320,00.",
        "1320.00",
    ),
    "zendesk_fr": (
        "##- Veuillez écrire votre réponse au-dessus de cette ligne -##\n\nVotre demande (#41180) a été mise à jour.\n\n"
        "Julie Martin (Orion)\n3 déc. 2026 14:18 CET\n\nNous avons transmis votre demande à notre service comptable.\n\n"
        "Julie Martin (Orion)\n20 nov. 2026 09:02 CET\n\nLe solde restant dû s'élève à 301,90 €.",
        "301.90",
    ),
    "zendesk_it": (
        "##- Si prega di digitare la risposta sopra questa riga -##\n\nLuca Rossi (Adriatica)\n3 dic 2026, 14:18 CET\n\n"
        "Abbiamo inoltrato la Sua richiesta all'ufficio crediti.\n\nLuca Rossi (Adriatica)\n20 nov 2026, 09:02 CET\n\n"
        "L'importo residuo è di 880,00 €.",
        "880.00",
    ),
    "jira_service_management": (
        "——-—-—-—-—-—-—\n\nReply above this line.\n\nAnna Berg commented:\n\nThanks, we have forwarded your request "
        "to our collections team.\n\nAnna Berg commented:\n\nThe outstanding balance is £798.40.\n\nView request · "
        "Turn off this request's notifications",
        "798.40",
    ),
    "servicenow": (
        "Your case CS0012345 has been updated.\n\nComments:\n\n2026-12-03 14:18:22 GMT - Anna Berg (Additional comments)\n"
        "We have forwarded your query to the collections team.\n\n2026-11-20 09:02:11 GMT - Anna Berg (Additional "
        "comments)\nBalance outstanding: £798.40\n\nRef:MSG0012345",
        "798.40",
    ),
    "comment_list_de": (
        "Ihre Anfrage #4471 wurde aktualisiert.\n\nKommentare:\n\nM. Schulz, 03.12.2026 14:18\nWir haben Ihre Nachricht "
        "an die Fachabteilung weitergegeben.\n\nM. Schulz, 20.11.2026 09:02\nDer offene Betrag beträgt 1.180,00 €.",
        "1180.00",
    ),
    "signature_delimiter_de": (
        "Guten Tag,\n\nwir prüfen den Vorgang und melden uns.\n\nMit freundlichen Grüßen\nM. Schulz\n--\n"
        "Vodafone GmbH | Forderungsmanagement\nLetzter Stand lt. System (20.11.2026): offener Betrag 1.180,00 €",
        "1180.00",
    ),
    "below_sign_off_rule_de": (
        "Guten Tag,\n\nwir haben Ihre Anfrage erhalten und bearbeiten sie.\n\nFreundliche Grüße\nForderungsmanagement\n\n"
        "________________________________\n\nSaldo zum 20.11.2026: 1.180,00 €",
        "1180.00",
    ),
    "sent_by_then_wrote_de": (
        "Guten Tag, wir melden uns nach Prüfung.\n\nGesendet von M. Schulz über Vodafone Service\n\n"
        "Am 20.11.2026 schrieb M. Schulz:\nDer offene Saldo beträgt 1.180,00 €.",
        "1180.00",
    ),
    "previous_messages_en": (
        "Hi there,\n\nThanks for your email, we're looking into it.\n\nBest,\nAnna\n\nPrevious messages:\n\n"
        "Anna Berg, 20 Nov 2026 09:02\nThe balance is £798.40.",
        "798.40",
    ),
    "sign_off_es": (
        "Estimados señores:\n\nHemos trasladado su consulta al departamento de cobros.\n\nAtentamente,\nAna López\n\n"
        "Historial:\nEl importe pendiente asciende a 1.890,00 €.",
        "1890.00",
    ),
}


@pytest.mark.parametrize("name", sorted(OLD_FIGURE_BODIES))
def test_an_older_figure_outside_the_newest_message_is_held(name: str) -> None:
    body, total = OLD_FIGURE_BODIES[name]
    start, end = newest_message_span(normalise(body))
    assert total.replace(".", ",") not in body[start:end] and total not in body[start:end]
    assert _thread_held(body, total)


CURRENT_FIGURE_BODIES = {
    "zendesk_newest_has_its_figure": (
        f"##- Please type your reply above this line -##\n\nYour request (#41177) has been updated.\n\n{SEP}\n\n"
        "Anna Berg (Brightwater Energy)\n\nDec 3, 2026, 14:18 GMT\n\nHi, the current balance is £861.30.\n\n"
        f"{SEP}\n\nAnna Berg (Brightwater Energy)\n\nNov 20, 2026, 09:02 GMT\n\nThe balance is £798.40.",
        "861.30",
    ),
    "jira_newest_has_its_figure": (
        "Reply above this line.\n\nAnna Berg commented:\n\nThe balance is now £861.30.\n\nAnna Berg commented:\n\n"
        "The outstanding balance is £798.40.",
        "861.30",
    ),
    "servicenow_newest_has_its_figure": (
        "Your case CS0012345 has been updated.\n\nComments:\n\n2026-12-03 14:18:22 GMT - Anna Berg (Additional comments)\n"
        "The balance is now £861.30.\n\n2026-11-20 09:02:11 GMT - Anna Berg (Additional comments)\nBalance: £798.40",
        "861.30",
    ),
    "figure_above_the_sign_off": (
        "Guten Tag,\n\ndie Forderung beträgt heute 1.250,00 €.\n\nMit freundlichen Grüßen\nM. Schulz\n--\n"
        "Letzter Stand lt. System (20.11.2026): offener Betrag 1.180,00 €",
        "1250.00",
    ),
    "statement_dated_line_is_no_header": (
        "Guten Tag,\n\nanbei die Aufstellung.\n\nForderungsaufstellung Stand 03.12.2026 14:18\nHauptforderung 1.000,00 €\n"
        "Zinsen 234,56 €\nGesamt 1.234,56 €\n\nMit freundlichen Grüßen\nM. Schulz",
        "1234.56",
    ),
    "a plain letter": ("Dear Sir or Madam,\n\nThe balance is £861.30.\n\nKind regards\nCollections", "861.30"),
}


@pytest.mark.parametrize("name", sorted(CURRENT_FIGURE_BODIES))
def test_the_newest_messages_own_figure_is_not_held_for_its_position(name: str) -> None:
    body, total = CURRENT_FIGURE_BODIES[name]
    assert not _thread_held(body, total)


def test_text_the_cleaner_joined_from_below_a_quote_is_the_newest_message() -> None:
    body = "Hallo,\n\nsiehe unten die Auskunft unserer Buchhaltung.\n\nMit freundlichen Grüßen\nM. Huber\n\nDer Saldo beträgt 312,50 €."
    assert _thread_held(body, "312.50")
    report = check(
        total=Decimal("312.50"),
        reply_kind="claim_statement",
        own_texts={"body": body},
        quoted_text="",
        raw_texts=[body],
        joined=True,
    )
    assert not any("not in the newest message" in r for r in report.reasons)


@pytest.mark.parametrize(
    "history",
    [
        # Salesforce / Outlook: the creditor's own earlier answer to the office
        "--------------- Original Message ---------------\nFrom: Collections [collections@brightwater.example]\n"
        "Sent: 20/11/2026 09:02\nTo: office@schuldnerberatung.example\nSubject: Balance",
        # Freshdesk / Gmail: no recipient field at all
        "On Fri, 20 Nov 2026 at 09:02, Brightwater Energy <collections@brightwater.example> wrote:",
        # a recipient by a name that is not the writer's
        "-----Original Message-----\nFrom: Collections <collections@brightwater.example>\nSent: 20 November 2026\n"
        "To: Debt Advice Office\nSubject: Balance",
    ],
)
def test_the_creditors_own_earlier_answer_stays_quoted(history: str) -> None:
    body = (
        "Dear Sir or Madam,\n\nYour case is being reviewed and we will respond within 10 working days.\n\n"
        f"Kind regards\nAnna Berg\n\n{history}\n\nThe balance on the account is £798.40."
    )
    parts = internal_forward(split_text(body), "collections@brightwater.example")
    assert "798.40" not in parts.reply
    assert not parts.joined


def test_a_colleagues_forward_to_the_writer_by_name_joins_the_reply() -> None:
    body = (
        "Sehr geehrte Frau Kowalczyk,\n\nsiehe unten die Auskunft aus der Buchhaltung.\n\nMfG Mag. Petra Hollerer\n\n"
        "---------- Weitergeleitete Nachricht ----------\nVon: Buchhaltung Gruber <buchhaltung@gruber-inkasso.example>\n"
        "Datum: Do., 3. Dez. 2026 um 14:02\nBetreff: Fw: Anfrage\nAn: Petra Hollerer\n\n"
        "Petra, aktueller Saldo lt. Kontoblatt: EUR 2.356,-- (inkl. Verzugszinsen bis 30.11.). lg Günther"
    )
    parts = internal_forward(split_text(body), "akt@gruber-inkasso.example")
    assert "2.356" in parts.reply and parts.joined


# ------------------------------------------------------------------------- (b) hand-overs

HANDED_OVER = [
    "die Forderung haben wir zur weiteren Bearbeitung an die Kronos Inkasso GmbH übergeben. Offen sind 1.250,00 €.",
    "Die Akte wurde an unser Inkassobüro abgegeben. Offen sind 1.250,00 €.",
    "Der Vorgang liegt nicht mehr bei uns, sondern wurde an die Rechtsanwälte Schmitt & Partner abgegeben.",
    "das Vertragskonto wurde am 02.12.2026 an unseren Inkassopartner, die Hessische Forderungsdienst GmbH, "
    "Frankfurter Str. 40, 34121 Kassel, abgegeben. Zum Zeitpunkt der Abgabe waren 1.412,60 € offen.",
    "da auch die Dezembermiete nicht gezahlt wurde, hat der Vorstand beschlossen, die Angelegenheit unserem "
    "Rechtsanwalt zu übergeben. Der Mietrückstand beläuft sich auf 2.440,00 €.",
    "The account has been passed to our collection agency, Lowell Solutions, who will contact you. Balance £861.30.",
    "This account was placed with Moorcroft Debt Recovery on 1 December. Balance: £861.30.",
    "We have handed the account over to our solicitors, Bond & Co, for recovery. Outstanding: £861.30.",
    "The debt has been transferred to our external debt collection partner. The amount outstanding is £861.30.",
    "We have instructed Marston Holdings, enforcement agents, to recover the balance of £861.30.",
    "Het dossier is overgedragen aan incassobureau Flanderijn. Het openstaande saldo bedraagt € 1.412,50.",
    "Wij hebben de vordering uit handen gegeven aan een incassobureau. Het saldo is € 1.412,50.",
    "Le dossier a été transmis à notre cabinet de recouvrement Intrum. Le solde restant dû s'élève à 341,20 €.",
    "la pratica è stata affidata alla società di recupero crediti Fire S.p.A. L'importo residuo è di 935,00 €.",
    "non avendo ricevuto ulteriori pagamenti, abbiamo affidato la pratica alla società Italrecuperi S.r.l. di Bergamo.",
    "la posizione è passata al nostro legale per il recupero. Saldo: 935,00 €.",
    "El expediente se ha trasladado a la agencia de recobro Gestión Norte. Deuda pendiente: 1.990,00 €.",
    "Kravet er den 1. december 2026 overdraget til Nordisk Inkasso A/S, som fremover varetager inddrivelsen.",
    "Nous avons confié le recouvrement de la créance à la société Contentia. Montant dû : 341,20 €.",
    "die Forderung über 1.250,00 € wurde zur Beitreibung an die Creditreform Berlin übergeben.",
]


@pytest.mark.parametrize("text", HANDED_OVER)
def test_a_hand_over_to_a_collector_lawyer_or_bailiff_is_found(text: str) -> None:
    assert handover_phrase(normalise(text)) is not None
    assert find_assignment(text) is not None


NOT_HANDED_OVER = [
    "wir wurden von der Nordlicht Versand GmbH mit dem Einzug beauftragt. Die Forderung beläuft sich auf 530,10 €.",
    "The account has not been passed to a collection agency and we remain your point of contact. Balance £861.30.",
    "die Forderung wurde weder verkauft noch an ein Inkassobüro abgegeben. Offen sind 1.250,00 €.",
    "We have passed your query to our accounts team. The balance is £861.30.",
    "Ihre Anfrage haben wir an die Fachabteilung weitergeleitet. Die Forderung beträgt 1.250,00 €.",
    "Het dossier is niet overgedragen; wij blijven uw aanspreekpunt. Saldo € 1.400,00.",
    "Le dossier n'a pas été transmis à un cabinet de recouvrement. Solde : 335,00 €.",
    "die Forderung wurde uns von der Nordlicht Versand GmbH zur Durchführung an uns übergeben. Offen: 530,10 €.",
    "The balance is £861.30. If it remains unpaid, the account may be passed to a collection agency.",
    "la pratica non è stata affidata a società di recupero. L'importo residuo è di 935,00 €.",
    "das Vertragskonto war im Oktober an unseren Inkassopartner abgegeben worden. Diese Abgabe haben wir "
    "zurückgenommen; die Forderung wird wieder von uns bearbeitet. Offen sind noch 702,15 €.",
    "Wir haben den Vorgang an unsere Inkassoabteilung übergeben. Offen sind 1.250,00 €.",
    "Die Forderung beträgt 1.250,00 €. Rechtsanwalt Dr. Meier, Kanzlei Meier & Partner, Sitz Berlin.",
    "Wir haben den Einzug der Forderung nicht an Dritte übertragen. Offen sind 1.250,00 €.",
    "Nous avons transmis votre demande pour recouvrement à notre service comptable. Solde : 335,00 €.",
]


@pytest.mark.parametrize("text", NOT_HANDED_OVER)
def test_a_look_alike_of_a_hand_over_is_not_one(text: str) -> None:
    assert handover_phrase(normalise(text)) is None


# ------------------------------------------------- several figures: the one stated as cancelled


def _cancel_held(body: str, total: str) -> bool:
    report = check(
        total=Decimal(total), reply_kind="claim_statement", own_texts={"body": body}, quoted_text="", raw_texts=[body]
    )
    return any("cancelled or credited" in r for r in report.reasons)


@pytest.mark.parametrize(
    ("body", "total"),
    [
        (
            "Les factures 09/2026 à 11/2026 (537,80 EUR au total) ont été annulées par les notes de crédit. "
            "Le solde est désormais nul.",
            "537.80",
        ),
        ("Die Rechnungen über insgesamt 412,60 € wurden storniert. Es ist nichts mehr offen.", "412.60"),
        ("The invoices totalling £245.00 were cancelled by credit note. Nothing is owed.", "245.00"),
        ("De facturen van in totaal € 310,00 zijn geannuleerd.", "310.00"),
        ("Le fatture per complessivi 199,00 € sono state annullate.", "199.00"),
    ],
)
def test_a_total_stated_as_cancelled_is_not_applied(body: str, total: str) -> None:
    assert _cancel_held(body, total)


@pytest.mark.parametrize(
    ("body", "total"),
    [
        ("Die Mahngebühren wurden storniert. Neuer offener Betrag: 659,30 €.", "659.30"),
        ("Die Rechnung über 412,60 € wurde nicht storniert und ist weiter offen.", "412.60"),
        ("After the late fees were cancelled, the balance is £245.00.", "245.00"),
    ],
)
def test_a_total_beside_a_cancellation_is_not_held_for_it(body: str, total: str) -> None:
    assert not _cancel_held(body, total)


@pytest.mark.parametrize(
    "text",
    [
        "Der Vertrag wurde von uns weder an ein Inkassobüro abgegeben noch verkauft. Offen sind 201,40 €.",
        "Sollte bis zum 20.12.2026 weder eine Zahlung noch eine Ratenvereinbarung eingehen, müssten wir die "
        "Forderung an ein Inkassounternehmen übergeben. Offen sind 436,80 €.",
    ],
)
def test_a_negated_or_threatened_sale_or_hand_over_holds_nothing(text: str) -> None:
    assert find_assignment(text) is None
    report = check(
        total=Decimal("201.40"),
        reply_kind="claim_statement",
        own_texts={"body": text},
        quoted_text="",
        raw_texts=[text],
    )
    assert not any("sold" in r for r in report.reasons)
