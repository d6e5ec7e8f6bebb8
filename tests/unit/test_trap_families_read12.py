"""Trap families and their look-alikes found on fresh tuning mail (tests/data/tuning_l), read in
several languages and forms beyond the examples (docs/safety.md): enforcement by a public
creditor's own officer, a figure given from memory or as an approximation, a claim handed to an
unnamed firm — all held; an enforcement step negated, threatened or not planned, and a claim the
sender itself bought or took back — applied like any other reply."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.extraction.model import ReplyKind
from creditctl.pipeline.extraction.reply_kind import classify_text
from creditctl.pipeline.reply_wording import acquisition_phrase, approximate_reasons, find_phrases
from creditctl.pipeline.safety import find_assignment, find_enforcement


@pytest.mark.parametrize(
    "text",
    [
        "Da Zahlungen ausblieben, haben wir unseren Vollziehungsbeamten mit der Vollstreckung beauftragt.",
        "Der Vollstreckungsbeamte der Stadtkasse wurde am 20.11. beauftragt.",
        "Die Vollstreckung wurde am 3.11. eingeleitet.",
        "Klage wurde am 3.11. erhoben.",
        "We have instructed our enforcement officer to attend the property.",
        "Le commissaire de justice a été mandaté pour le recouvrement.",
    ],
)
def test_an_enforcement_step_taken_is_named(text: str) -> None:
    assert find_phrases("enforcement", text)


@pytest.mark.parametrize(
    "text",
    [
        "Klage wurde nicht erhoben.",
        "Eine Betreibung wurde noch nicht eingeleitet.",
        "Es wurde keine Betreibung eingeleitet.",
        "Eine Exekution ist derzeit nicht beabsichtigt, sofern uns ein Ratenvorschlag vorliegt.",
        "Indien wij binnen de 15 dagen geen betaling ontvangen, kan onze opdrachtgever het dossier aan een gerechtsdeurwaarder overmaken.",
        "Sollte keine Zahlung eingehen, werden wir den Gerichtsvollzieher beauftragen.",
        "If no payment is received, we may instruct enforcement agents.",
        "Faute de paiement, nous pourrons mandater un huissier.",
        "Olemme perunneet ulosottohakemuksen.",
    ],
)
def test_an_enforcement_step_not_taken_is_no_enforcement(text: str) -> None:
    assert not find_phrases("enforcement", text)
    assert find_enforcement(text) is None
    assert classify_text(text, has_claim_amount=True).kind is not ReplyKind.ENFORCEMENT


@pytest.mark.parametrize(
    "text",
    [
        # near-misses: a question to the bailiff, a step taken beside a later threat
        "Wenn Sie Fragen haben, wenden Sie sich an den Gerichtsvollzieher Herrn Braun.",
        "Da keine Zahlung einging, haben wir den Gerichtsvollzieher beauftragt.",
        "Le dossier a été transmis à l'huissier, qui pourra saisir si aucun paiement n'intervient.",
    ],
)
def test_an_enforcement_step_beside_a_condition_still_counts(text: str) -> None:
    assert find_phrases("enforcement", text)


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("from memory Liam's balance is roughly €3,050 - I'll confirm later", "3050"),
        ("Der Saldo beträgt ca. 3.050 €.", "3050"),
        ("Het saldo bedraagt ongeveer € 3.050,00.", "3050"),
        ("Le solde est d'environ 3 050 €.", "3050"),
        ("El saldo es de aproximadamente 3.050 €.", "3050"),
        ("Saldot är omkring 3 050 kr.", "3050"),
        ("Saldo on noin 3 050 €.", "3050"),
    ],
)
def test_an_approximate_total_is_held(text: str, total: str) -> None:
    assert approximate_reasons(text, Decimal(total))


def test_an_approximate_instalment_beside_an_exact_total_holds_nothing() -> None:
    text = "Der Saldo beträgt 3.050,00 €. Eine Rate von ca. 50 € monatlich wäre möglich."
    assert approximate_reasons(text, Decimal("3050.00")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Ich bin unterwegs, aus dem Kopf: rund 3.000 €. Den genauen Betrag teile ich Ihnen morgen mit.",
        "I'll confirm the exact figure when I'm back at my desk.",
        "Uit mijn hoofd is het ongeveer 3.000 euro; het exacte bedrag laat ik u morgen weten.",
        "De mémoire, environ 3 000 €; je vous confirmerai le montant exact demain.",
    ],
)
def test_a_figure_to_be_confirmed_later_is_provisional(text: str) -> None:
    assert find_phrases("provisional", text)


@pytest.mark.parametrize(
    "text",
    [
        "Die Forderung haben wir am 25.11.2026 zur weiteren Bearbeitung an einen externen Inkassodienstleister abgegeben.",
        "Die Forderung wurde an einen Rechtsanwalt übergeben.",
        "We have passed the account to an external debt collection agency.",
        "Le dossier a été transmis à une société de recouvrement.",
        "La pratica è stata affidata a una società di recupero.",
    ],
)
def test_a_claim_handed_to_an_unnamed_firm_is_a_new_holder(text: str) -> None:
    assert find_phrases("sold", text)


@pytest.mark.parametrize(
    "text",
    [
        "Wir haben Ihr Schreiben zur weiteren Bearbeitung an unsere Fachabteilung abgegeben.",
        "Wir haben die Akte an einen Kollegen übergeben.",
    ],
)
def test_an_internal_hand_over_is_no_new_holder(text: str) -> None:
    assert not find_phrases("sold", text)


@pytest.mark.parametrize(
    "text",
    [
        "wir haben die Forderung aus dem Ratenkreditvertrag Nr. QK-1 des Herrn Meier, geb. 30.06.1968, im März 2024 "
        "von der Quickkredit Bank AG erworben und sind seitdem Inhaberin der Forderung. Die Abtretung wurde angezeigt.",
        "Die Forderung aus dem Kreditkartenvertrag der Sparkasse (angekauft am 01.06.2025) stellt sich wie folgt dar.",
        "We purchased the account from Thistle Card in 2023 and are now the legal owner of the debt.",
        "We have recalled the account from Brookfield Credit Recovery and it is now managed by our team.",
        "Sinds 1 oktober is ook de premie van oktober aan ons overgedragen.",
        "Nous avons racheté la créance à la Banque du Nord en 2024.",
        "Abbiamo acquistato il credito da Banca Alfa nel 2023.",
        "Hemos adquirido la deuda de Banco Sur.",
        "Vi har köpt fordran från Nordbanken.",
    ],
)
def test_the_sender_that_bought_or_took_back_the_claim_is_a_new_holder(text: str) -> None:
    # a new holder of record: held like any sale with the new holder named (docs/evaluation.md)
    assert acquisition_phrase(text)
    assert find_assignment(text) is not None
    assert classify_text(text, has_claim_amount=True).kind is ReplyKind.CLAIM_ASSIGNED


@pytest.mark.parametrize(
    "text",
    [
        "Wir haben die Forderung erworben und inzwischen an die Lowmoor Ltd weiterverkauft.",
        "Wir haben die Forderung nicht erworben.",
        "Die Forderung wurde von der Kronos GmbH erworben.",
        "We sold the account to Lowmoor; we had purchased it in 2023.",
        "Balance transferred to us 02/02/2026. A dívida foi cedida à Intrum Portugal.",
        "We purchased the account in 2023. The debt has since been sold to Intrum.",
        "The debt was purchased by Lowmoor Ltd.",
        "Nous avons racheté la créance. Elle a été cédée à la société Recouvra.",
    ],
)
def test_a_sale_to_anyone_else_is_still_a_sale(text: str) -> None:
    assert find_assignment(text) is not None or "nicht erworben" in text
    assert acquisition_phrase("Wir haben die Forderung nicht erworben.") is None


@pytest.mark.parametrize(
    ("concern", "text"),
    [
        ("pending", "Da über den Einspruch des Steuerpflichtigen noch nicht entschieden worden ist, ruht die Sache."),
        ("pending", "The appeal has not yet been decided by the tribunal."),
        ("pending", "Sur la réclamation, il n'a pas encore été statué."),
        ("pending", "Il ricorso non è ancora stato deciso."),
        ("pending", "El recurso aún no se ha resuelto."),
        (
            "suspended",
            "Die Vollziehung des Bescheids wurde bis einen Monat nach der Einspruchsentscheidung ausgesetzt.",
        ),
        ("suspended", "Wir haben Aussetzung der Vollziehung gewährt."),
    ],
)
def test_an_objection_not_decided_or_a_suspended_assessment_holds(concern: str, text: str) -> None:
    assert find_phrases(concern, text)


def test_a_suspension_of_enforcement_stated_as_ended_holds_nothing() -> None:
    text = "Der Einspruch wurde als unbegründet zurückgewiesen; die Aussetzung der Vollziehung ist damit beendet."
    assert not find_phrases("suspended", text)
