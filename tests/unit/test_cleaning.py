"""Email cleaning: HTML structure, hidden content, quote blocks, signatures,
token budget, language."""

from __future__ import annotations

import pytest

from creditctl.pipeline.cleaning import (
    TRUNCATION_MARKER,
    ParsedEmail,
    detect_language,
    estimate_tokens,
    html_to_text,
    parse_email,
)


def test_table_cells_never_fuse() -> None:
    text = html_to_text("<table><tr><td>Hauptforderung</td><td>1.204,50 €</td></tr></table>")
    assert "Hauptforderung | 1.204,50 €" in text.splitlines()


def test_table_rows_on_own_lines_with_nested_markup() -> None:
    html = (
        "<table><tr><th>Position</th><th>Betrag</th></tr>"
        "<tr><td><b>Zinsen</b></td><td><span>12,00</span>&nbsp;€</td></tr>"
        "<tr><td>Kosten</td><td>5,00 €</td></tr></table>"
    )
    assert html_to_text(html).splitlines() == ["Position | Betrag", "Zinsen | 12,00 €", "Kosten | 5,00 €"]


def test_nbsp_becomes_space_not_deleted() -> None:
    text = html_to_text("<p>Restforderung: 1.204,50&nbsp;€</p>")
    assert text == "Restforderung: 1.204,50 €"
    assert "\xa0" not in text


def test_br_and_blocks_break_lines() -> None:
    text = html_to_text("<div>Zeile 1<br>Zeile 2</div><p>Absatz</p>")
    assert text.splitlines()[:2] == ["Zeile 1", "Zeile 2"]
    assert "Absatz" in text.splitlines()


@pytest.mark.parametrize("style", ["display:none", "display: none !important", "visibility:hidden", "mso-hide:all"])
def test_hidden_elements_dropped(style: str) -> None:
    text = html_to_text(f'<p>sichtbar</p><div style="{style}">vorschautext 999,00 €</div>')
    assert text == "sichtbar"


def test_outlook_conditional_comments() -> None:
    html = (
        "<p>Anfang</p><!--[if mso]><p>nur Outlook 1,00 €</p><![endif]-->"
        "<!--[if !mso]><!--><p>Fallback sichtbar</p><!--<![endif]--><p>Ende</p>"
    )
    lines = html_to_text(html).splitlines()
    assert "Fallback sichtbar" in lines
    assert not any("nur Outlook" in ln for ln in lines)
    assert lines[0] == "Anfang" and lines[-1] == "Ende"


def test_html_to_text_never_raises() -> None:
    for bad in ["", "   ", "<", "<<<>>>", "<?xml version='1.0' encoding='UTF-8'?><p>x</p>", "\x00\x01<p>a"]:
        assert isinstance(html_to_text(bad), str)
    assert html_to_text("<?xml version='1.0' encoding='UTF-8'?><p>x</p>") == "x"


GERMAN_OUTLOOK = """Sehr geehrte Damen und Herren,

die Forderung beträgt aktuell 1.204,50 EUR.

Mit freundlichen Grüßen
Inkasso Team

________________________________
Von: Schuldnerberatung <beratung@example.org>
Gesendet: Montag, 4. März 2024 09:03
An: inkasso@example.net
Betreff: Forderungsaufstellung Az. 4711

Bitte teilen Sie uns die Forderung mit. Letzter Stand: 999,99 EUR.
"""


def test_german_outlook_block_is_quoted() -> None:
    parsed = parse_email(None, GERMAN_OUTLOOK)
    assert parsed.reply.startswith("Sehr geehrte Damen und Herren,")
    assert "1.204,50 EUR" in parsed.reply
    assert "999,99" not in parsed.reply and "Von:" not in parsed.reply
    assert parsed.quoted.startswith("________________________________")
    assert "Letzter Stand: 999,99 EUR." in parsed.quoted  # history kept, not thrown away
    assert parsed.language == "de"


def test_german_outlook_block_without_separator_and_ursprungliche_nachricht() -> None:
    body = (
        "Guten Tag,\nRestbetrag 88,00 €.\n\n-----Ursprüngliche Nachricht-----\n"
        "Von: A B [mailto:a@example.org]\nGesendet: Freitag, 1. März 2024 10:00\nAn: x@example.net\n"
        "Betreff: Anfrage\n\nalter Stand 77,00 €"
    )
    parsed = parse_email(None, body)
    assert parsed.reply == "Guten Tag,\nRestbetrag 88,00 €."
    assert "alter Stand 77,00 €" in parsed.quoted


def test_am_schrieb_wrapped_over_two_lines() -> None:
    body = (
        "Danke, erhalten.\n\nAm Mo., 4. März 2024 um 09:03 Uhr schrieb Erika Beispiel <\n"
        "erika@example.org>:\n\n> alte Nachricht 10,00 €\n"
    )
    parsed = parse_email(None, body)
    assert parsed.reply == "Danke, erhalten."
    assert "alte Nachricht" in parsed.quoted


def test_prose_with_von_an_am_is_not_cut() -> None:
    body = "Hallo,\nVon: 01.03. bis 15.03. erreichbar\nAn: Wochenenden nicht\n\nAm Montag schrieb ich schon.\nGruß"
    assert parse_email(None, body).reply == body


def test_mobile_signature_and_legal_footer_go_to_signature() -> None:
    body = (
        "Die Forderung ist erledigt.\n\nMit freundlichen Grüßen\nLena Muster\n\n--\n"
        "Beispiel Inkasso GmbH · Musterstraße 1 · 12345 Musterstadt\n"
        "Geschäftsführer: Max Muster · Amtsgericht Musterstadt HRB 00000 · USt-IdNr. DE000000000\n"
    )
    parsed = parse_email(None, body)
    assert parsed.reply == "Die Forderung ist erledigt.\n\nMit freundlichen Grüßen\nLena Muster"
    assert "HRB 00000" in parsed.signature and "Geschäftsführer" in parsed.signature
    mobile = parse_email(None, "Ich zahle morgen.\n\nVon meinem iPhone gesendet")
    assert mobile.reply == "Ich zahle morgen."
    assert mobile.signature == "Von meinem iPhone gesendet"


def test_footer_with_amount_is_not_signature() -> None:
    body = "Hallo,\nanbei die Aufstellung.\n\nHauptforderung: 1.204,50 €\nAmtsgericht Coburg HRB 123, Gesamt 1.300,00 €"
    parsed = parse_email(None, body)
    assert "1.300,00 €" in parsed.reply


def test_hyphen_list_is_not_a_signature() -> None:
    body = "Aufstellung:\n- Hauptforderung 1.000,00 €\n- Zinsen 12,00 €\n- Kosten 5,00 €"
    assert parse_email(None, body).reply == body


def test_html_email_reply_quote_and_table() -> None:
    html = (
        "<html><body><div>Guten Tag,</div><table><tr><td>Hauptforderung</td><td>1.204,50&nbsp;€</td></tr></table>"
        "<div>Gruß</div><div id='appendonsend'></div><hr><div id='divRplyFwdMsg'><b>Von:</b> a@example.org<br>"
        "<b>Gesendet:</b> Montag<br><b>Betreff:</b> x</div><div>alt 5,00 €</div></body></html>"
    )
    parsed = parse_email(html, "plain alternative")
    assert parsed.reply.splitlines() == ["Guten Tag,", "Hauptforderung | 1.204,50 €", "Gruß"]
    assert "alt 5,00 €" in parsed.quoted and "Von:" in parsed.quoted


def test_text_body_used_when_html_empty() -> None:
    assert parse_email("<html><body> </body></html>", "Nur Text.").reply == "Nur Text."
    assert parse_email(None, None).reply == ""


def test_token_budget_cuts_quoted_first_then_reply_with_marker() -> None:
    reply = "Die Forderung beträgt 1.204,50 €. " * 20
    quoted = "\n".join(f"> alte Zeile {i} mit Text" for i in range(400))
    body = f"{reply}\n\nAm 01.03.2024 um 10:00 schrieb A <a@example.org>:\n{quoted}"
    full = parse_email(None, body, token_budget=100_000)
    assert not full.truncated and TRUNCATION_MARKER not in full.text_for_extraction
    assert "alte Zeile 399" in full.text_for_extraction
    cut = parse_email(None, body, token_budget=400)
    assert cut.truncated
    assert cut.text_for_extraction.endswith(TRUNCATION_MARKER)
    assert cut.text_for_extraction.startswith(full.reply)  # reply intact, quoted cut
    assert "alte Zeile 399" not in cut.text_for_extraction
    assert cut.tokens <= 400 and cut.tokens == estimate_tokens(cut.text_for_extraction)
    tiny = parse_email(None, body, token_budget=50)
    assert tiny.truncated and tiny.tokens <= 50
    assert tiny.text_for_extraction.startswith("Die Forderung") and TRUNCATION_MARKER in tiny.text_for_extraction


def test_estimate_tokens_is_monotone_and_conservative() -> None:
    assert estimate_tokens("") == 0
    text = "Hauptforderung 1.204,50 € Zinsen 12,00 € " * 10
    assert estimate_tokens(text) >= len(text) / 4
    assert estimate_tokens(text + " mehr") >= estimate_tokens(text)


def test_language_detection_deterministic() -> None:
    de = "Sehr geehrte Damen und Herren, die Forderung gegen Ihren Mandanten beträgt derzeit noch 1.204,50 Euro."
    en = "Dear Sir or Madam, the outstanding balance of your client's account is currently 1,204.50 euros."
    assert [detect_language(de) for _ in range(3)] == ["de"] * 3
    assert detect_language(en) == "en"
    assert detect_language("ok") is None
    assert parse_email(None, "ok", {"Content-Language": "de-DE"}).language == "de"


def test_attachments_listed() -> None:
    parsed = parse_email(
        None, "Siehe <<Forderung.pdf>>", {"X-Attachments": "a.pdf, b.xlsx"}, attachment_names=["Mahnung.pdf"]
    )
    assert parsed.attachments == ("Mahnung.pdf", "a.pdf", "b.xlsx", "Forderung.pdf")


@pytest.mark.parametrize(
    "body",
    [
        "",
        "\n\n\n",
        ">" * 100_000,
        ("> " * 5000 + "\n") * 20,
        "On " + "x" * 50_000 + " wrote:",
        "Von: " * 10_000,
        "Am " + "1 " * 20_000 + "schrieb",
        "\x00\ufeff\u200b" * 1000,
        "-- \n" * 2000,
    ],
)
def test_never_crashes_and_is_fast(body: str) -> None:
    import time

    started = time.perf_counter()
    parsed = parse_email(body if body.startswith("<") else None, body)
    assert isinstance(parsed, ParsedEmail)
    assert time.perf_counter() - started < 2.0  # generous: guards catastrophic backtracking only


def test_outlook_cells_with_paragraphs_stay_on_one_line_and_layout_tables_unfold() -> None:
    html = (
        "<table><tr><td><p class=MsoNormal>Hauptforderung</p></td>"
        "<td><p class=MsoNormal align=right>1.204,50&nbsp;€<o:p></o:p></p></td></tr></table>"
        "<table><tr><td><table><tr><td>Zinsen</td><td>12,00 €</td></tr></table></td><td>Logo</td></tr></table>"
    )
    assert html_to_text(html).splitlines() == ["Hauptforderung | 1.204,50 €", "Zinsen | 12,00 €", "Logo"]
