"""Reading round 30 (read30): the office's own out-of-court plan echoed by a creditor, and two current
figures in every wording (docs/evaluation.md, "Reading round 30 (read30)").

Each family: positives in several languages and near-misses that must keep their reading."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.equal_figures import equal_figures, two_figures_reasons
from creditctl.pipeline.extraction.amounts import amount_role, amounts_with_labels
from creditctl.pipeline.extraction.model import ExtractionInput, ReplyKind
from creditctl.pipeline.extraction.rules import RulesExtractor
from creditctl.pipeline.procedure_echo import office_procedure, without_office_frame
from creditctl.pipeline.reply_wording import find_phrases

# --- the office's own plan named in passing: the claim stated beside it applies ------------------------

ECHOES = [
    (
        "de",
        "Sehr geehrte Damen und Herren,\n\nim Rahmen der Schuldenbereinigung Ihres Mandanten teilen wir mit, dass die "
        "Forderung zu unserem Zeichen IN-4471882 aktuell 1.014,60 EUR beträgt.\n\nMit freundlichen Grüßen",
        "1014.60",
    ),
    (
        "de",
        "Guten Tag,\n\nbezüglich der außergerichtlichen Schuldenbereinigung für Herrn Brüggemann beträgt unsere "
        "Forderung derzeit 1.014,60 EUR.\n\nMit freundlichen Grüßen",
        "1014.60",
    ),
    (
        "nl",
        "Geachte heer, mevrouw,\n\nIn het kader van de schuldsanering van uw cliënt delen wij u mee dat de vordering "
        "thans € 2.431,17 bedraagt.\n\nMet vriendelijke groet",
        "2431.17",
    ),
    (
        "fr",
        "Madame, Monsieur,\n\nDans le cadre du dossier de surendettement de Mme Delorme, nous vous informons que le "
        "solde restant dû s'élève à 4 012,65 €.\n\nCordialement",
        "4012.65",
    ),
    (
        "it",
        "Gentili Signori,\n\nnell'ambito della procedura di sovraindebitamento da Voi seguita, Vi comunichiamo che il "
        "debito residuo ammonta ad oggi a € 5.367,20.\n\nCordiali saluti",
        "5367.20",
    ),
    (
        "es",
        "Estimados señores:\n\nEn el marco del procedimiento de segunda oportunidad que ustedes gestionan, les "
        "informamos que la deuda pendiente asciende a 4.512,90 €.\n\nAtentamente",
        "4512.90",
    ),
    (
        "da",
        "Kære rådgiver,\n\nI forbindelse med gældssaneringen for Mette Sørensen kan vi oplyse, at den samlede gæld "
        "udgør 39.212,50 kr.\n\nMed venlig hilsen",
        "39212.50",
    ),
    (
        "no",
        "Hei,\n\nVi viser til Deres henvendelse angående gjeldsordning. Kravet utgjør i dag kr 18 430,00.\n\nMed "
        "vennlig hilsen",
        "18430.00",
    ),
    (
        "sv",
        "Hej,\n\nGällande skuldsanering för Anna Lindqvist kan vi meddela att aktuell skuld uppgår till 43 006,00 "
        "kr.\n\nMed vänliga hälsningar",
        "43006.00",
    ),
    (
        "fi",
        "Hei,\n\nVapaaehtoiseen velkajärjestelyyn liittyen ilmoitamme, että jäljellä oleva velka on tänään 8 344,20 "
        "euroa.\n\nYstävällisin terveisin",
        "8344.20",
    ),
    (
        "en",
        "Dear Sirs,\n\nIn relation to your client's proposed Individual Voluntary Arrangement, the outstanding "
        "balance is £2,188.40.\n\nKind regards",
        "2188.40",
    ),
]


def _read(body: str, language: str, subject: str = "RE: Ihr Schreiben"):  # type: ignore[no-untyped-def]
    email = ExtractionInput(reply_text=body, subject=subject, language=language, from_email="team@creditor.example")
    return RulesExtractor().extract(email)


@pytest.mark.parametrize(("language", "body", "total"), ECHOES)
def test_the_office_plan_echoed_leaves_a_claim_statement(language: str, body: str, total: str) -> None:
    result = _read(body, language)
    assert result.reply_kind is ReplyKind.CLAIM_STATEMENT, body
    assert result.amounts.total == Decimal(total)
    assert find_phrases("insolvency", body) == [], body  # the safety layer's concern names nothing either


PROCEDURES = [
    # the client is in an opened procedure, or a court, trustee or official acts
    (
        "de",
        "Über das Vermögen von Herrn Brüggemann wurde das Insolvenzverfahren eröffnet. Die Forderung beträgt 1.014,60 EUR.",
    ),
    ("de", "Im Rahmen des Insolvenzverfahrens Ihres Mandanten beträgt die Forderung 1.014,60 EUR."),
    ("de", "Im Rahmen der Schuldenbereinigung haben wir die Forderung von 1.014,60 EUR beim Treuhänder angemeldet."),
    ("de", "Im Rahmen der vom Gericht bestätigten Schuldenbereinigung beträgt die Forderung 1.014,60 EUR."),
    ("de", "Es läuft eine einvernehmliche private Schuldenbereinigung. Die Forderung beträgt 1.014,60 EUR."),
    ("nl", "Uw cliënt is toegelaten tot de schuldsanering. De vordering bedraagt € 712,60."),
    ("nl", "In het kader van de schuldsanering hebben wij de vordering van € 712,60 bij de bewindvoerder ingediend."),
    ("nl", "In het kader van de wettelijke schuldsanering van uw cliënt bedraagt de vordering € 712,60."),
    ("fr", "Votre cliente fait l'objet d'une procédure de surendettement. Le solde restant dû s'élève à 4 012,65 €."),
    ("fr", "Dans le cadre du rétablissement personnel de Mme Delorme, le solde s'élève à 4 012,65 €."),
    ("it", "Nell'ambito della procedura di sovraindebitamento aperta dal Tribunale, il credito ammonta a € 5.367,20."),
    ("es", "Su cliente se ha acogido a la Ley de Segunda Oportunidad. La deuda pendiente asciende a 4.512,90 €."),
    ("es", "En el marco del concurso de acreedores de D. Javier Morales, la deuda asciende a 4.512,90 €."),
    ("da", "Din klient er under gældssanering. Gælden udgør 39.212,50 kr."),
    ("da", "I forbindelse med gældssaneringen har vi anmeldt vores krav på 39.212,50 kr. til skifteretten."),
    ("no", "I forbindelse med den tvungne gjeldsordningen utgjør kravet kr 65 318,40."),
    ("no", "Namsmannen har åpnet gjeldsforhandling. I forbindelse med gjeldsordningen utgjør kravet kr 65 318,40."),
    ("sv", "Din klient har beviljats skuldsanering. Skulden uppgår till 43 006,00 kr."),
    ("fi", "Velkajärjestelyn yhteydessä saatavamme on vahvistettu maksuohjelmassa 8 344,20 euroksi."),
    ("en", "We note Mr Pryce has entered an IVA. The outstanding balance is £2,188.40."),
    ("en", "In relation to the Individual Voluntary Arrangement, the supervisor has admitted our claim at £2,188.40."),
    (
        "en",
        "In relation to your client, who has entered an Individual Voluntary Arrangement, the balance is £2,188.40.",
    ),
    ("pl", "W związku z upadłością konsumencką Pani Nowak informujemy, że zadłużenie wynosi 18 912,35 PLN."),
]


@pytest.mark.parametrize(("language", "sentence"), PROCEDURES)
def test_an_opened_or_court_procedure_is_still_held(language: str, sentence: str) -> None:
    body = f"Guten Tag,\n\n{sentence}\n\nMfG"
    result = _read(body, language)
    held_by_kind = result.reply_kind is not ReplyKind.CLAIM_STATEMENT
    assert held_by_kind or find_phrases("insolvency", body), sentence


@pytest.mark.parametrize(
    ("language", "body"),
    [  # agreeing to or refusing the plan, no figure: no claim statement
        ("de", "Guten Tag,\n\nim Rahmen der Schuldenbereinigung stimmen wir dem Plan zu.\n\nMfG"),
        ("nl", "Geachte heer,\n\nIn het kader van de schuldsanering gaan wij akkoord met het voorstel.\n\nMvg"),
        ("no", "Hei,\n\nAngående gjeldsordning: vi kan ikke akseptere forslaget.\n\nMvh"),
    ],
)
def test_the_plan_agreed_or_refused_without_figure_states_no_claim(language: str, body: str) -> None:
    result = _read(body, language)
    assert result.amounts.total is None
    assert result.reply_kind is not ReplyKind.CLAIM_STATEMENT


def test_office_procedure_reads_the_frame_and_the_court_side() -> None:
    text = "In het kader van de schuldsanering van uw cliënt bedraagt de vordering € 712,60."
    start = text.index("schuldsanering")
    assert office_procedure(text, start, start + len("schuldsanering"))
    court = "In het kader van de schuldsanering bij vonnis van de rechtbank bedraagt de vordering € 712,60."
    start = court.index("schuldsanering")
    assert not office_procedure(court, start, start + len("schuldsanering"))
    no_frame = "Uw cliënt zit in de schuldsanering. De vordering bedraagt € 712,60."
    start = no_frame.index("schuldsanering")
    assert not office_procedure(no_frame, start, start + len("schuldsanering"))
    official = (
        "In het kader van de schuldsanering bedraagt de vordering € 712,60.\nDe bewindvoerder ontvangt een kopie."
    )
    start = official.index("schuldsanering")
    assert not office_procedure(official, start, start + len("schuldsanering"))


# --- a frame naming the office's plan is no label of the figure ------------------------------------------------


def _roles(sentence: str) -> list[str | None]:
    return [amount_role(f) for f in amounts_with_labels(sentence)]


def test_the_office_frame_does_not_name_the_figure() -> None:
    sentence = (
        "With reference to your proposed out-of-court debt settlement on behalf of Ms Kearney, we confirm the balance "
        "due on the loan account is €9,884.12."
    )
    assert _roles(sentence) == ["total"]
    assert without_office_frame("Regarding your plan, the balance is").strip() == "the balance is"


@pytest.mark.parametrize(
    "sentence",
    [  # the frame's own offer words still name a figure whose clause names no claim
        "Regarding your proposed settlement, we can accept £1,500.00.",
        "With reference to your proposal, our client would accept a reduced sum of £1,500.00.",
        "Further to your proposed debt management plan, the monthly instalment is £50.00.",
    ],
)
def test_an_offer_in_or_after_the_frame_is_no_total(sentence: str) -> None:
    assert _roles(sentence) != ["total"], sentence


# --- the final figure still to come: provisional ------------------------------------------------------------

FINAL_LATER = [
    "L'importo definitivo Vi sarà confermato a breve.",
    "Vi confermeremo l'importo definitivo entro pochi giorni.",
    "We will confirm the final balance once our client has replied.",
    "The final balance will be confirmed next week.",
    "Den endgültigen Betrag bestätigen wir Ihnen nach Rücksprache mit der Auftraggeberin.",
    "Die endgültige Forderungshöhe wird Ihnen gesondert mitgeteilt.",
    "Het definitieve bedrag wordt u binnenkort bevestigd.",
    "Le montant définitif vous sera confirmé prochainement.",
    "Les confirmaremos el importe definitivo en breve.",
    "Det slutliga beloppet meddelas inom kort.",
    "Det endelige beløb bekræftes snarest.",
    "Endelig saldo ettersendes.",
    "Lopullinen summa vahvistetaan myöhemmin.",
    "Ostateczną kwotę zadłużenia potwierdzimy w przyszłym tygodniu.",
]


@pytest.mark.parametrize("sentence", FINAL_LATER)
def test_the_final_figure_still_to_come_is_provisional(sentence: str) -> None:
    assert find_phrases("provisional", sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "We confirm the balance is £1,204.56.",
        "Wir bestätigen Ihnen den aktuellen Saldo von 1.204,56 EUR.",
        "Please confirm the final balance with your client.",
        "Bitte bestätigen Sie uns den Eingang.",
        "Il saldo è confermato in € 1.204,56.",
        "Le montant de 1 204,56 € est confirmé.",
    ],
)
def test_a_figure_confirmed_now_is_not_provisional(sentence: str) -> None:
    assert not find_phrases("provisional", sentence), sentence


# --- two current figures: the principal named by its firm, "our client", costs "with" --------------------

FIRM_PAIRS = [
    (
        "Our client Vanquis Bank Ltd reports a balance of £860.20. Our own ledger including collection charges "
        "shows £946.22.",
        ("860.20", "946.22"),
    ),
    (
        "Les indicamos que Vodafone España S.A.U. nos comunica un importe de 219,45 €. Según nuestros registros, con "
        "gastos de gestión e intereses, el importe es de 264,10 €.",
        ("219.45", "264.10"),
    ),
    (
        "Telia Norge AS oppgir et krav på kr 3 120,00. Vår saldo inkludert salær og renter er kr 3 584,50.",
        ("3120.00", "3584.50"),
    ),
    (
        "Laut der Vodafone GmbH beträgt die Forderung 268,40 EUR, nach unserer Berechnung mit Zinsen und Kosten "
        "341,75 EUR.",
        ("268.40", "341.75"),
    ),
]


@pytest.mark.parametrize(("text", "pair"), FIRM_PAIRS)
def test_the_principal_named_by_its_firm_and_the_collectors_figure_are_a_pair(text: str, pair: tuple[str, str]) -> None:
    assert equal_figures(text) == (Decimal(pair[0]), Decimal(pair[1]))
    assert two_figures_reasons({"body": text}, Decimal(pair[0]))


@pytest.mark.parametrize(
    "text",
    [
        "Die Hauptforderung der Otto GmbH & Co KG beträgt 548,10 EUR, unsere Gesamtforderung 689,42 EUR.",
        "Die Forderung der Otto GmbH & Co KG beträgt 548,10 EUR; zuzüglich unserer Inkassokosten von 141,32 EUR "
        "beträgt unsere Forderung 689,42 EUR.",
        "Vodafone España S.A.U. nos entregó la deuda con un importe de 219,45 €. El total a pagar hoy es de 264,10 €.",
        "Our client Vanquis Bank Ltd reports a balance of £860.20; the total now due including our charges is £946.22.",
    ],
)
def test_a_breakdown_or_a_marked_total_is_no_pair(text: str) -> None:
    assert equal_figures(text) is None, text


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("it", "l'importo da saldare, comprensivo delle nostre spese di recupero, è di € 402,15."),
        ("en", "the balance due, including our collection costs, is £402.15."),
        ("no", "saldoen inkludert salær og renter er kr 402,15."),
        ("da", "saldoen inkluderet gebyrer og renter udgør 402,15 kr."),
    ],
)
def test_a_total_including_our_fees_is_the_total(language: str, sentence: str) -> None:
    assert "costs" not in _roles(sentence), sentence  # what the figure includes is no component of its own
    assert _read(f"Hello,\n\n{sentence}\n\nRegards", language).amounts.total == Decimal("402.15")


def test_a_figure_including_interest_still_to_accrue_is_no_total() -> None:
    body = (
        "Buongiorno,\n\nper la posizione ENL-4471384 Vi comunichiamo che l'importo da versare entro il 31/01/2027, "
        "comprensivo degli interessi maturandi a tale data, sarà di € 338,90.\n\nCordiali saluti"
    )
    assert _read(body, "it").amounts.total is None  # a later date's figure, not today's claim
