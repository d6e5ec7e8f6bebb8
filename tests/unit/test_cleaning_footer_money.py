"""A paragraph that states an amount in any currency the reader knows is never cut off as a
legal footer or signature (``cleaning_quotes._MONEY`` is built from
``numbers.CURRENCY_PATTERN``): a short greeting above a layout table whose one long line
holds the claim and a "machine-generated" notice kept the claim in the reply only when the
currency was written "EUR" or "€", not "Euro", "Kč", "Ft", "lei" or "zł"."""

from __future__ import annotations

import pytest

from creditctl.pipeline.cleaning import parse_email

TABLE = (
    "<table><tr><td><p>Guten Tag, für das Beitragskonto 512 448 903 haben wir Folgendes festgestellt: "
    "Zahlungen: 0,00 {cur} <b>Rückstand zum 30.11.2026: {amount}</b> Mit freundlichen Grüßen "
    "Ihr Beitragsservice, 50656 Köln – Diese Nachricht wurde maschinell erstellt.</p></td></tr></table>"
)


@pytest.mark.parametrize(
    ("greeting", "amount", "cur"),
    [
        ("Guten Tag.", "430,28 Euro", "Euro"),
        ("Dobrý den.", "12 430,28 Kč", "Kč"),
        ("Jó napot.", "125 430 Ft", "Ft"),
        ("Bună ziua.", "1.430,28 lei", "lei"),
        ("Dzień dobry.", "1 430,28 zł", "zł"),
        ("Hello.", "430.28 Euros", "Euros"),
    ],
)
def test_a_paragraph_with_an_amount_stays_in_the_reply(greeting: str, amount: str, cur: str) -> None:
    html = f"<p>{greeting}</p>" + TABLE.format(amount=amount, cur=cur)
    parsed = parse_email(html, None)
    assert amount in parsed.reply
    assert amount not in parsed.signature


def test_a_legal_footer_without_an_amount_is_still_the_signature() -> None:
    html = (
        "<p>Die Forderung beträgt 430,28 Euro.</p><p>Mit freundlichen Grüßen<br>Ihr Beitragsservice</p>"
        "<p>ARD ZDF Deutschlandradio Beitragsservice, 50656 Köln – Diese Nachricht wurde maschinell erstellt. "
        "Sitz der Gesellschaft: Köln, Amtsgericht Köln HRB 12345.</p>"
    )
    parsed = parse_email(html, None)
    assert "430,28 Euro" in parsed.reply
    assert "HRB 12345" not in parsed.reply
