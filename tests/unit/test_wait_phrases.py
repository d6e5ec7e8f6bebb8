"""The creditor asks the office to wait for its confirmation or further word before relying on a
figure or paying (``reply_wording.WAIT_PHRASES``, merged into the ``provisional`` concern): what it
states is not final, so the figure waits for a person. Near-misses — waiting for the client's
payment, looking forward to it, waiting on a date for something else — are not."""

from __future__ import annotations

import pytest

from creditctl.pipeline.reply_wording import find_phrases


@pytest.mark.parametrize(
    "text",
    [
        "Wir bitten Sie, unsere abschließende Bestätigung abzuwarten.",
        "Bitte warten Sie unsere Bestätigung ab, bevor Sie zahlen.",
        "Please wait for our confirmation before making any payment.",
        "Please hold off any payment until you hear from us.",
        "Please await our final confirmation of the balance.",
        "Wilt u onze bevestiging afwachten voordat u betaalt? Gelieve onze bevestiging af te wachten.",
        "Veuillez patienter jusqu'à notre confirmation du solde.",
        "Merci d'attendre notre confirmation avant tout règlement.",
        "Vi preghiamo di attendere una nostra comunicazione prima di procedere.",
        "La preghiamo di voler attendere la nostra conferma.",
        "Si prega di non procedere ad alcun pagamento.",
        "Les rogamos que esperen nuestra comunicación antes de pagar.",
        "Pedimos que aguarde a nossa confirmação.",
        "Vänligen avvakta vår bekräftelse innan betalning sker.",
        "Venligst afvent vores bekræftelse.",
        "Vennligst avvent vår bekreftelse.",
        "Pyydämme odottamaan vahvistusta ennen maksua.",
        "Prosimy poczekać na nasze potwierdzenie.",
    ],
)
def test_asked_to_wait_is_provisional(text: str) -> None:
    assert find_phrases("provisional", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Wir warten auf Ihre Zahlung.",
        "Wir sehen Ihrer Zahlung bis zum 20.12.2026 entgegen.",
        "We look forward to your payment.",
        "Please wait until the 20th before calling.",
        "Attendiamo il Suo pagamento entro il 20.12.",
        "Nous attendons votre règlement.",
        "Esperamos su pago antes del 20 de diciembre.",
        "Wij zien uw betaling graag tegemoet.",
    ],
)
def test_waiting_for_the_payment_is_not_provisional(text: str) -> None:
    assert not find_phrases("provisional", text), text
