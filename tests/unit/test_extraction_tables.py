"""The table-driven pieces of the rules extractor, per language: amount labels, reply
kinds, enforcement mail, references, legal forms and client cues."""

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.amounts import (
    amount_role,
    amounts_with_labels,
    choose_amounts,
    find_amounts,
)
from creditctl.pipeline.extraction.labels import AMOUNT_LABELS
from creditctl.pipeline.extraction.model import ExtractionInput, ReplyKind
from creditctl.pipeline.extraction.references import REFERENCE_LABELS, find_references
from creditctl.pipeline.extraction.reply_kind import (
    KIND_PHRASES,
    classify_text,
    enforcement_mail,
    machine_mail,
)
from creditctl.pipeline.extraction.rules import ASSIGNED_FIGURE_WARNING, RulesExtractor

LANGUAGES = {"de", "en", "nl", "fr", "it", "es", "nordic"}
MORE_LANGUAGES = {"sk", "hu", "ro", "hr", "sl", "lt", "bg", "el", "tr"}
# reading round 32: Serbian (Latin and Cyrillic), Latvian, Estonian, Ukrainian, Russian
MORE_LANGUAGES |= {"sr", "lv", "et", "uk", "ru"}


def test_every_table_covers_every_language() -> None:
    for role, table in AMOUNT_LABELS.items():
        # and Polish, Czech, Portuguese, and the languages of reading round 27
        assert LANGUAGES <= set(table) <= LANGUAGES | {"pl", "cs", "pt"} | MORE_LANGUAGES, role
    for kind, table in KIND_PHRASES:
        assert LANGUAGES <= set(table), kind  # and Czech and Polish phrasings
    assert LANGUAGES <= set(REFERENCE_LABELS)  # and Polish ("numer sprawy", "umowa pożyczki nr")


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Gesamtforderung: 1.234,56 €", "total"),
        ("offener Betrag 1.234,56 €", "total"),
        ("Restschuld 980,00 EUR", "total"),
        ("Forderungsstand 77,10 €", "total"),
        ("Rückstand: 120,00 €", "total"),
        ("Hauptforderung 900,00 €", "principal"),
        ("Balance outstanding £1,200.00", "total"),
        ("Amount due: €310.50", "total"),
        ("Arrears £88.00", "total"),
        ("Current balance £2,010.00", "total"),
        ("Interest £12.40", "interest"),
        ("Collection fees £45.00", "costs"),
        ("Openstaand bedrag € 845,20", "total"),
        ("Totaal verschuldigd € 1.045,20", "total"),
        ("Hoofdsom € 800,00", "principal"),
        ("Rente € 12,00", "interest"),
        ("Incassokosten € 120,00", "costs"),
        ("Solde restant dû : 1 204,50 €", "total"),
        ("Montant dû 640,00 €", "total"),
        ("Intérêts 14,20 €", "interest"),
        ("Frais de recouvrement 40,00 €", "costs"),
        ("Importo dovuto 1.450,00 €", "total"),
        ("Interessi 32,00 €", "interest"),
        ("Spese 25,00 €", "costs"),
        ("Saldo pendiente 2.310,00 €", "total"),
        ("Importe adeudado 415,00 €", "total"),
        ("Intereses 9,80 €", "interest"),
        ("Gastos 30,00 €", "costs"),
        ("Utestående belopp 4 200,00 SEK", "total"),
        ("Skyldigt belopp 980,00 SEK", "total"),
        ("Restgæld 12 000,00 DKK", "total"),
        ("Utestående saldo NOK 3 100,00", "total"),
        ("Avoin saldo 640,00 €", "total"),
        ("Ränta 44,00 SEK", "interest"),
        ("Zur Zahlung offen: 1.234,56 €", "total"),
        ("Kontostand: 1.234,56 € Soll", "total"),
        ("Sum due £1,234.56", "total"),
        ("Te betalen: € 1.234,56", "total"),
        ("Somme restant due : 1 234,56 €", "total"),
        ("Att betala: 1 234,56 kr", "total"),
        ("Å betale: 1 234,56 kr", "total"),
        ("Ursprungligt belopp 2 000,00 kr", "other"),
        ("Original balance £2,000.00", "other"),
        ("Muistutusmaksu 5,00 €", "costs"),
        ("Morarenter 12,00 kr.", "interest"),
        ("Wettelijke rente € 12,00", "interest"),
        ("Monatliche Rate 50,00 €", "other"),
        ("Termijnbedrag € 75,00 per maand", "other"),
        ("Mensualité de 90,00 €", "other"),
        ("Rata mensile 80,00 €", "other"),
        ("Cuota mensual 60,00 €", "other"),
        ("Delbetalning 500,00 SEK", "other"),
    ],
)
def test_amount_labels_per_language(line: str, role: str) -> None:
    (found,) = find_amounts(line)
    assert amount_role(found) == role


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Hoofdsom: € 820,00\nRente: € 24,60\nIncassokosten: € 123,00\n", "967.60"),
        ("Principal £1,000.00\nInterest £50.25\nCharges £30.00\n", "1080.25"),
        ("Capitale: 2.400,00 €\nInteressi: 118,30 €\nSpese: 45,00 €\n", "2563.30"),
    ],
)
def test_components_only_sum_to_the_total_with_evidence_on_each(text: str, total: str) -> None:
    choice = choose_amounts([(f, "body") for f in amounts_with_labels(text)])
    assert choice.amounts.total == Decimal(total)
    total_evidence = [e.text for e in choice.evidence if e.field == "amounts.total"]
    assert len(total_evidence) == 3 and all(t in text for t in total_evidence)


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Saldo per 30.11.2026: 150,00- EUR\n", "-150.00"),
        ("Saldo 84,20 EUR H\n", "-84.20"),
        ("Current balance: £212.45 CR\n", "-212.45"),
        ("Ihr Guthaben von 37,90 € wird erstattet.\n", "-37.90"),
        ("Le solde créditeur de 64,30 € en votre faveur.\n", "-64.30"),
        ("Het tegoed van € 15,00 storten wij terug.\n", "-15.00"),
        ("Saldo de la cuenta: -25,40 €\n", "-25.40"),
    ],
)
def test_a_credit_is_never_an_amount_owed(text: str, total: str) -> None:
    choice = choose_amounts([(f, "body") for f in amounts_with_labels(text)])
    assert choice.amounts.total == Decimal(total)
    assert not choice.certain and any("credit" in w for w in choice.warnings)


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Das Guthaben von 20,00 € wurde verrechnet; die Restforderung beträgt 480,00 €.\n", "480.00"),
        ("Wir haben Ihre Zahlung erhalten. Der offene Saldo beträgt 450,00 €.\n", "450.00"),
    ],
)
def test_a_credit_or_payment_in_another_clause_does_not_touch_the_total(text: str, total: str) -> None:
    choice = choose_amounts([(f, "body") for f in amounts_with_labels(text)])
    assert choice.amounts.total == Decimal(total) and choice.certain


def test_a_bank_overdraft_minus_is_owed_but_uncertain() -> None:
    choice = choose_amounts([(f, "body") for f in amounts_with_labels("Girokonto 1234: Saldo -812,40 EUR\n")])
    assert choice.amounts.total == Decimal("812.40") and not choice.certain


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Die Forderung wurde an die Alpha Forderungskauf GmbH verkauft und abgetreten.", ReplyKind.CLAIM_ASSIGNED),
        ("This account was sold to Cabot Financial on 3 March.", ReplyKind.CLAIM_ASSIGNED),
        ("De vordering is overgedragen aan Intrum.", ReplyKind.CLAIM_ASSIGNED),
        ("La créance a été cédée à Hoist Finance.", ReplyKind.CLAIM_ASSIGNED),
        ("Il credito è stato ceduto a Banca Ifis.", ReplyKind.CLAIM_ASSIGNED),
        ("El crédito ha sido cedido a Axactor.", ReplyKind.CLAIM_ASSIGNED),
        ("Fordran har överlåtits till Lindorff.", ReplyKind.CLAIM_ASSIGNED),
        # the sender became the holder: a new holder of record, held like any sale (docs/evaluation.md)
        ("Die Forderung wurde an uns abgetreten, sie beträgt 100,00 €.", ReplyKind.CLAIM_ASSIGNED),
        ("The account was assigned to us by Vodafone; balance £100.00.", ReplyKind.CLAIM_ASSIGNED),
        ("Es ist nichts mehr offen, die Forderung ist ausgeglichen.", ReplyKind.CLAIM_SETTLED),
        ("We confirm nothing is owed on this account.", ReplyKind.CLAIM_SETTLED),
        ("De rekening is volledig voldaan.", ReplyKind.CLAIM_SETTLED),
        ("Le compte présente un solde nul.", ReplyKind.CLAIM_SETTLED),
        ("Il debito è stato saldato integralmente.", ReplyKind.CLAIM_SETTLED),
        ("No existe ninguna deuda pendiente.", ReplyKind.CLAIM_SETTLED),
        ("Kontoen er fuldt betalt, ingen gæld.", ReplyKind.CLAIM_SETTLED),
        ("Please provide a signed letter of authority.", ReplyKind.DOCUMENT_REQUEST),
        ("Wij ontvangen graag een machtiging van uw cliënt.", ReplyKind.DOCUMENT_REQUEST),
        ("Merci de nous transmettre le mandat signé.", ReplyKind.DOCUMENT_REQUEST),
        ("Our client is prepared to accept £500.00 in full and final settlement.", ReplyKind.SETTLEMENT_PROPOSAL),
        ("Wij zijn bereid akkoord te gaan met een schikking van € 400,00.", ReplyKind.SETTLEMENT_PROPOSAL),
        ("Nous contestons cette demande.", ReplyKind.DISPUTE),
        ("Der Saldo beträgt 100,00 €.", ReplyKind.CLAIM_STATEMENT),
        ("Die Forderung hat sich durch Zahlung erledigt.", ReplyKind.CLAIM_SETTLED),
        ("Die Forderung ist noch nicht erledigt und beträgt 100,00 €.", ReplyKind.CLAIM_STATEMENT),
        ("Uw cliënt heeft geen openstaande schuld meer bij ons.", ReplyKind.CLAIM_SETTLED),
        ("De factuur is nog niet voldaan: € 100,00.", ReplyKind.CLAIM_STATEMENT),
        ("Votre client ne nous doit plus rien.", ReplyKind.CLAIM_SETTLED),
        ("La deuda ha sido liquidada en su totalidad.", ReplyKind.CLAIM_SETTLED),
        ("The debt has been written off.", ReplyKind.CLAIM_SETTLED),
        ("Unter den angegebenen Daten konnten wir keinen Kunden finden.", ReplyKind.CLIENT_UNKNOWN),
        ("Nous ne trouvons aucun client à ce nom.", ReplyKind.CLIENT_UNKNOWN),
        ("No consta ningún cliente con esos datos.", ReplyKind.CLIENT_UNKNOWN),
        ("Wir halten an der Forderung fest; der Einwand der Verjährung greift nicht.", ReplyKind.DISPUTE),
        ("De vordering wordt door ons betwist.", ReplyKind.DISPUTE),
        ("Gelieve ons een ondertekende machtiging te bezorgen.", ReplyKind.DOCUMENT_REQUEST),
        ("We would accept a reduced sum of £500.00 as full settlement.", ReplyKind.SETTLEMENT_PROPOSAL),
        ("Nous acceptons un échéancier de 50,00 € par mois.", ReplyKind.SETTLEMENT_PROPOSAL),
    ],
)
def test_reply_kinds_per_language(text: str, kind: ReplyKind) -> None:
    assert classify_text(text, has_claim_amount=bool(find_amounts(text))).kind is kind


@pytest.mark.parametrize(
    ("from_name", "body", "expected"),
    [
        ("Obergerichtsvollzieher Kessler", "Termin zur Abnahme der Vermögensauskunft.", True),
        ("Gerechtsdeurwaarderskantoor Van Dam", "Betekening van een exploot.", True),
        ("Étude Morel", "Un commandement de payer a été signifié.", True),
        ("Betreibungsamt Bern", "Zahlungsbefehl über CHF 100.00.", True),
        ("County Court Business Centre", "A claim has been issued.", True),
        ("Kronofogden", "Ansökan om betalningsföreläggande.", True),
        ("Enforcement Services", "A warrant of control was issued.", True),
        # a creditor naming its title is still the creditor
        (
            "PAIR Finance GmbH",
            "aus dem Vollstreckungsbescheid des AG Hagen besteht eine Forderung von 2.977,31 EUR.",
            False,
        ),
        # a register court in a footer is no bailiff
        ("Nordwest Kreditbank AG", "Saldo 100,00 EUR\nVorstand: A. B. · HRB 7781 Amtsgericht Bremen", False),
    ],
)
def test_enforcement_mail_per_language(from_name: str, body: str, expected: bool) -> None:
    finding = enforcement_mail("", from_name, "post@example.org", "", body)
    assert (finding is not None) is expected
    if finding:
        assert finding.kind is ReplyKind.ENFORCEMENT


@pytest.mark.parametrize(
    "subject",
    [
        "Afwezigheidsmelding",
        "Réponse automatique : absent",
        "Risposta automatica",
        "Respuesta automática",
        "Frånvaro",
        "Automatisk svar",
        "Poissa toimistolta",
    ],
)
def test_auto_reply_subjects_per_language(subject: str) -> None:
    finding = machine_mail(subject, "a@example.org", "A", {}, "")
    assert finding is not None and finding.kind is ReplyKind.AUTO_REPLY


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("Aktenzeichen: RPI-7712-4408-19, Mandantennummer 1127", ["RPI-7712-4408-19", "1127"]),
        ("Unser Aktenzeichen lautet KF-80422.", ["KF-80422"]),
        ("Kreditvertrag KTO 4471 2290 03", ["KTO 4471 2290 03"]),
        ("IBAN DE12 7205 0000 0001 2345 67, Kundennummer 30991", ["30991"]),
        ("account number LB-7730215, Ticket number: 448120", ["LB-7730215", "448120"]),
        ("your ref BÖ-2026-0412, our reference CC-771045", ["CC-771045"]),
        ("dossiernummer VB-440172, klantnummer 551903", ["VB-440172", "551903"]),
        ("ons kenmerk DI-4471, uw kenmerk BÖ-2026-0001", ["DI-4471"]),
        ("numéro de dossier CL-2025-88412", ["CL-2025-88412"]),
        ("dossier n° BR-662018, notre référence BS-2026-1177", ["BR-662018", "BS-2026-1177"]),
        ("pratica n. FA/2026/4471, codice cliente TL-33019", ["FA/2026/4471", "TL-33019"]),
        ("número de expediente SL-2026-7781, número de contrato FI-20931", ["SL-2026-7781", "FI-20931"]),
        ("kundnummer 7741023", ["7741023"]),
        ("Saksnummer: FI-550781, kundenummer 4408127", ["FI-550781", "4408127"]),
        ("asiakasnumero 7741201", ["7741201"]),
        ("Loan Account: 1234567, A/C 12345678", ["1234567", "12345678"]),
        ("Ref.: 4471 / Customer ref: X-77", ["4471", "X-77"]),
        ("Unser Az.: 12 C 445/26, Geschäftszeichen 4 K 1234/26", ["12 C 445/26", "4 K 1234/26"]),
        ("Mandat-Nr. 44871, Forderungs-ID: 7781, Vorgang 123456", ["44871", "7781", "123456"]),
        ("Ticket: #4471, Case #5512", ["4471", "5512"]),
        ("N/Réf : AB-12, V/Réf : 4471", ["AB-12"]),
        ("Su referencia: 4471, Your ref: 12345, Ihr Zeichen: XY-1, Ihre Kundennummer 1234", ["1234"]),
        ("Reference: see below. The account: 12 payments, invoice dated 12.10.2026", []),
    ],
)
def test_references_per_language(text: str, refs: list[str]) -> None:
    assert [r.value for r in find_references(text)] == refs


@pytest.mark.parametrize(
    ("body", "client", "creditor"),
    [
        (
            "Inzake uw cliënt de heer Pieter de Vries bedraagt het openstaand bedrag € 10,00.\n\nVan der Berg Incasso B.V.\n",
            "Pieter de Vries",
            "Van der Berg Incasso B.V.",
        ),
        (
            "Concernant votre cliente Mme Camille Fournier, le solde restant dû est de 10,00 €.\n\nBanque du Rhône SA\n",
            "Camille Fournier",
            "Banque du Rhône SA",
        ),
        (
            "In merito al vostro cliente Sig. Luca Ferrari, l'importo dovuto è 10,00 €.\n\nTelecom Lario S.r.l.\n",
            "Luca Ferrari",
            "Telecom Lario S.r.l.",
        ),
        (
            "En relación con su cliente Dña. Lucía Fernández, el saldo pendiente es 10,00 €.\n\nTelefonía del Sur S.L.\n",
            "Lucía Fernández",
            "Telefonía del Sur S.L.",
        ),
        (
            "Angående er klient Erik Lindqvist är utestående belopp 10,00 SEK.\n\nNordkredit AB\n",
            "Erik Lindqvist",
            "Nordkredit AB",
        ),
        (
            "Vedrørende Deres klient Mette Nielsen er restgæld 10,00 DKK.\n\nDansk Varme A/S\n",
            "Mette Nielsen",
            "Dansk Varme A/S",
        ),
        (
            "Asiakkaanne Mikko Virtanen avoin saldo on 10,00 €.\n\nSuomi Rahoitus Oy\n",
            "Mikko Virtanen",
            "Suomi Rahoitus Oy",
        ),
    ],
)
def test_client_and_creditor_names_per_language(body: str, client: str, creditor: str) -> None:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body))
    assert (result.client_name, result.creditor_name) == (client, creditor)


def test_an_assigned_claim_reads_the_figure_at_the_sale_and_is_never_certain() -> None:
    body = (
        "Die Forderung über 1.000,00 € gegen Ihren Mandanten Herrn Jan Roth wurde an die Beta Inkasso GmbH "
        "verkauft.\n\nGamma Bank AG\n"
    )
    result = RulesExtractor().extract(ExtractionInput(reply_text=body))
    assert result.reply_kind is ReplyKind.CLAIM_ASSIGNED and result.is_creditor_reply
    # the figure at the sale is the held reply's total (docs/evaluation.md, "The total of a held reply")
    assert (result.amounts.total, result.currency) == (Decimal("1000.00"), "EUR")
    assert result.confidence < 0.8 and ASSIGNED_FIGURE_WARNING in result.warnings


def test_enforcement_mail_is_not_a_creditor_reply_and_reads_the_enforced_sum() -> None:
    body = "In der Zwangsvollstreckungssache X GmbH gegen Frau Tamara Reinholz beträgt die Forderung 412,60 €.\n"
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, from_name="Obergerichtsvollzieher Kessler"))
    assert (result.is_creditor_reply, result.reply_kind) == (False, ReplyKind.ENFORCEMENT)
    # the enforced sum is the held mail's total (docs/evaluation.md, "The total of a held reply")
    assert result.amounts.total == Decimal("412.60") and result.client_name == "Tamara Reinholz"


def test_kr_takes_the_senders_country() -> None:
    body = "Er klient Erik Lindqvist: utestående belopp 1 200,00 kr.\n\nNordkredit AB\n"
    se = RulesExtractor().extract(ExtractionInput(reply_text=body, from_email="a@nordkredit.example.se"))
    unknown = RulesExtractor().extract(ExtractionInput(reply_text=body, from_email="a@nordkredit.example.com"))
    assert (se.amounts.total, se.currency) == (Decimal("1200.00"), "SEK")
    assert unknown.currency is None and unknown.confidence < 0.8


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("Forderung: 1.234,56 €\nabzgl. Zahlung: 234,56 €\nRestforderung: 1.000,00 €\n", "1000.00"),
        ("Balance: £500.00\nless payments received: £100.00\nBalance outstanding: £400.00\n", "400.00"),
        ("Gesamtforderung: 1.370,02 €\nnach Zahlung offener Saldo: 1.170,02 €\n", None),  # no deduction stated
    ],
)
def test_the_rest_after_stated_deductions_is_the_total_but_uncertain(text: str, total: str | None) -> None:
    choice = choose_amounts([(f, "body") for f in amounts_with_labels(text)])
    assert choice.amounts.total == (Decimal(total) if total else None)
    assert not choice.certain


@pytest.mark.parametrize(
    ("body", "from_name", "client"),
    [
        ("Hallo, ich habe wieder einen Brief von der Bank bekommen, was soll ich tun? Gruß Jana", "Jana Meier", True),
        ("Beste, ik heb weer een brief gekregen over mijn schulden. Groet, Piet", "Piet Jansen", True),
        ("Bonjour, j'ai reçu une nouvelle lettre de relance. Que dois-je faire ? Paul", "Paul Martin", True),
        ("Buongiorno, ho ricevuto un'altra lettera dalla banca. Grazie, Anna", "Anna Rossi", True),
        ("Hola, he recibido otra carta del banco. Gracias, Ana", "Ana López", True),
        ("Hej, jag har fått ett brev från banken igen. Mvh Per", "Per Holm", True),
        # a clerk of a creditor writing in the first person, company in the closing lines
        (
            "ich habe Ihr Schreiben erhalten; die Forderung beträgt 100,00 €.\n\nMit freundlichen Grüßen\nPetra Schmidt\nMuster Bank AG",
            "Petra Schmidt",
            False,
        ),
    ],
)
def test_a_client_writing_is_not_a_creditor_reply(body: str, from_name: str, client: bool) -> None:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, from_name=from_name))
    assert result.is_creditor_reply is not client


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Automatische Eingangsbestätigung", "Vielen Dank für Ihre Nachricht. Wir melden uns."),
        ("Ihre Anfrage", "Diese E-Mail wurde automatisch versendet. Ihre Anfrage hat die Vorgangsnummer 4471."),
        ("Uw bericht", "Dit is een automatisch gegenereerd bericht: wij hebben uw e-mail ontvangen."),
        ("Votre message", "Ceci est un message automatique : nous avons bien reçu votre demande."),
    ],
)
def test_automatic_acknowledgements_per_language(subject: str, body: str) -> None:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, subject=subject, from_name="Service"))
    assert (result.is_creditor_reply, result.reply_kind) == (False, ReplyKind.AUTO_REPLY)


@pytest.mark.parametrize(
    ("line", "client"),
    [
        ("Customer name: John Smith", "John Smith"),
        ("Naam: Jan de Boer", "Jan de Boer"),
        ("Nom : Marie Dupont", "Marie Dupont"),
        ("Nome: Mario Rossi", "Mario Rossi"),
        ("Nombre: Juan García", "Juan García"),
        ("Namn: Anna Svensson", "Anna Svensson"),
        ("Schuldner: Müller, Hans", "Hans Müller"),
        ("betreffende de heer Jan de Boer", "Jan de Boer"),
        ("concernant Madame Marie Dupont", "Marie Dupont"),
        ("relativo al Sig. Mario Rossi", "Mario Rossi"),
        ("Geachte heer De Vries, het saldo", None),
        ("Dear Mr Smith, the balance", None),  # greetings name the reader
    ],
)
def test_client_phrasings_per_language(line: str, client: str | None) -> None:
    body = f"Hallo,\n\n{line}\n\nDer Saldo beträgt 100,00 €.\n\nMuster Bank AG\n"
    assert RulesExtractor().extract(ExtractionInput(reply_text=body)).client_name == client


@pytest.mark.parametrize(
    "line",
    [
        "Wir haben eine Zahlung von 150,00 € erhalten.",
        "We received a payment of £150.00 yesterday.",
        "Wij ontvingen een betaling van € 150,00.",
        "Nous avons reçu un versement de 150,00 €.",
        "Abbiamo ricevuto un pagamento di 150,00 €.",
        "Hemos recibido un pago de 150,00 €.",
    ],
)
def test_a_payment_received_is_never_the_claim(line: str) -> None:
    (found,) = find_amounts(line)
    assert amount_role(found) == "other"


@pytest.mark.parametrize(
    ("sentence", "original"),
    [
        ("We act for Northern Finance plc.", "Northern Finance plc"),
        ("Pour le compte de Cofidis S.A., nous vous informons", "Cofidis S.A."),
        ("Wir schreiben im Namen unserer Mandantin Modehaus Lindner KG.", "Modehaus Lindner KG"),
    ],
)
def test_an_agents_principal_per_language(sentence: str, original: str) -> None:
    body = f"{sentence}\nDer Saldo beträgt 100,00 €.\n\nHartley & Co Solicitors\n"
    result = RulesExtractor().extract(ExtractionInput(reply_text=body))
    assert result.original_creditor == original and result.creditor_name != original


@pytest.mark.parametrize(
    "body",
    [
        (
            "Dear Sirs,\n\nThe balance for your client Mr John Smith is £500.00. If unpaid we will issue a claim in the County Court.\n\n"
            "Regards\nAcme Finance Ltd\n"
        ),
        (
            "Dear Sirs,\n\nThe account of your client Mr John Smith has been transferred to our recoveries team. The balance is £500.00.\n\n"
            "Regards\nAcme Finance Ltd\n"
        ),
        (
            "Sehr geehrte Damen und Herren,\n\nder Mahnbescheid gegen Ihren Mandanten Herrn Jan Roth wurde am 01.10.2026 erlassen. "
            "Die Forderung beträgt 812,00 €.\n\nMuster Inkasso GmbH\n"
        ),
    ],
)
def test_a_creditor_mentioning_courts_or_internal_transfers_still_states_its_claim(body: str) -> None:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body))
    assert (result.is_creditor_reply, result.reply_kind) == (True, ReplyKind.CLAIM_STATEMENT)
    assert result.amounts.total is not None


@pytest.mark.parametrize(
    ("sender", "total", "kind"),
    [
        ("Sparkasse Musterstadt", "1234.56", ReplyKind.CLAIM_STATEMENT),  # a bank's minus balance: an overdraft, owed
        ("Muster Versand GmbH", "-1234.56", ReplyKind.CLAIM_STATEMENT),
    ],  # anyone else's: a credit (a statement with a negative total, never "settled")
)
def test_a_minus_balance_depends_on_who_keeps_the_account(sender: str, total: str, kind: ReplyKind) -> None:
    body = f"Der Kontostand Ihres Mandanten Herrn Jan Roth beträgt -1.234,56 €.\n\n{sender}\n"
    result = RulesExtractor().extract(ExtractionInput(reply_text=body, from_name=sender))
    assert (result.amounts.total, result.reply_kind) == (Decimal(total), kind)
    assert result.confidence < 0.8  # either way a person looks at it


@pytest.mark.parametrize(
    ("body", "creditor"),
    [
        (
            "Der Saldo Ihres Mandanten Herrn Jan Roth beträgt 100,00 €.\n\n© 2026 Vodafone GmbH · Ferdinand-Braun-Platz 1",
            "Vodafone GmbH",
        ),
        (
            "Le solde de votre client M. Luc Roux est de 100,00 €.\n\nSFR SA au capital de 3 423 265 598,40 € – RCS Paris",
            "SFR SA",
        ),
    ],
)
def test_footers_name_the_creditor_and_their_figures_are_no_claim(body: str, creditor: str) -> None:
    result = RulesExtractor().extract(ExtractionInput(reply_text=body))
    assert result.creditor_name == creditor
    assert result.amounts.total == Decimal("100.00") and result.amounts.principal is None


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Stand: 12.11.2026", "2026-11-12"),
        ("as of 12 November 2026", "2026-11-12"),
        ("au 1 décembre 2026", "2026-12-01"),
        ("a fecha de 3 de mayo de 2026", "2026-05-03"),
        ("al 15/10/2026", "2026-10-15"),
        ("op 01-12-2026", "2026-12-01"),
    ],
)
def test_statement_date_per_language(line: str, day: str) -> None:
    body = f"Der Saldo beträgt 100,00 € ({line}).\n\nMuster Bank AG\n"
    assert str(RulesExtractor().extract(ExtractionInput(reply_text=body)).statement_date) == day
