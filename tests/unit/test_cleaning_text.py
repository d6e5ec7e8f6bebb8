"""Character-level cleaning: numbers split by inline HTML, Unicode spaces, ligatures,
letter-spaced PDF digits (real PDFs from fpdf2 read by pypdf), and the language field."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fpdf import FPDF

from creditctl.pipeline.attachments import normalise_layout, read_attachment
from creditctl.pipeline.cleaning import parse_email
from creditctl.pipeline.cleaning_html import html_to_text
from creditctl.pipeline.cleaning_language import detect_language
from creditctl.pipeline.cleaning_text import join_letter_spaced_numbers, normalise_chars
from tests.realservices import require_system_file

WORD_PARA = (
    '<p class=MsoNormal><span style="font-size:11.0pt;font-family:&quot;Calibri&quot;,sans-serif;'
    'mso-fareast-language:DE">{}<o:p></o:p></span></p>'
)

INLINE_SPLITS = {
    "spans": "Noch offen: <span>4.</span><span>018,75</span>&nbsp;€",
    "bold": "Noch offen: <b>4.</b><b>018,75</b>&nbsp;€",
    "font": 'Noch offen: <font color="#1F497D">4.</font><font face="Arial">018</font>,75&nbsp;€',
    "o-p": "Noch offen: <span>4.018</span><o:p></o:p><span>,75</span>&nbsp;€",
    "mso": (
        'Noch offen: <span lang=DE style="mso-ansi-language:DE">4.</span><span lang=DE '
        'style="color:#1F497D;mso-bidi-font-weight:bold">018</span><span style="mso-spacerun:yes">'
        '</span><span lang=DE>,75</span><span style="mso-ansi-language:DE">&nbsp;€</span>'
    ),
    "nested": "Noch offen: <b><i>4.</i></b><u><span>018</span></u><a href='#'>,75</a>&nbsp;€",
    "word-conditional": (
        "Noch offen: <span>4.</span><!--[if !supportLineBreakNewLine]--><!--[endif]--><span>018,75</span>&nbsp;€"
    ),
}


@pytest.mark.parametrize("name", sorted(INLINE_SPLITS))
def test_inline_elements_do_not_split_a_number(name: str) -> None:
    html = "<html><body>" + WORD_PARA.format(INLINE_SPLITS[name]) + "</body></html>"
    assert html_to_text(html) == "Noch offen: 4.018,75 €"
    assert parse_email(html, None).reply == "Noch offen: 4.018,75 €"


def test_a_rendered_space_between_inline_elements_stays() -> None:
    assert html_to_text("<p><span>Forderung</span> <span>4.018,75</span> €</p>") == "Forderung 4.018,75 €"
    assert html_to_text("<p><b>Zinsen:</b>\n<span>12,00 €</span></p>") == "Zinsen: 12,00 €"
    assert html_to_text("<div><div>Hauptforderung</div><div>4.018,75 €</div></div>") == "Hauptforderung\n4.018,75 €"


@pytest.mark.parametrize("space", ["\u00a0", "\u2009", "\u202f", "\u2007", " "])
def test_unicode_spaces_in_numbers_become_one_plain_space(space: str) -> None:
    text = f"Noch offen: 1{space}234,56{space}€"
    assert parse_email(None, text).reply == "Noch offen: 1 234,56 €"
    html = f"<p>Noch offen: 1{space}234,56{space}€</p>"
    assert parse_email(html, None).reply == "Noch offen: 1 234,56 €"
    assert normalise_layout(text) == "Noch offen: 1 234,56 €"


def test_html_entities_for_unicode_spaces() -> None:
    assert html_to_text("<p>1&thinsp;234,56&#8239;€ und 7&#8199;000,00&nbsp;€</p>") == "1 234,56 € und 7 000,00 €"


def test_ligatures_are_decomposed_everywhere() -> None:
    assert normalise_chars("Noch o\ufb00en: 10,00 € (Au\ufb02age, \ufb01nal)") == "Noch offen: 10,00 € (Auflage, final)"
    assert parse_email(None, "Noch o\ufb00en: 10,00 €").reply == "Noch offen: 10,00 €"
    assert parse_email("<p>Noch o\ufb00en: 10,00 €</p>", None).reply == "Noch offen: 10,00 €"
    # only ligatures are folded: a footnote mark does not become a digit of the amount
    assert normalise_chars("1.234,56 €\u00b9") == "1.234,56 €\u00b9"


def test_invisible_characters_are_removed() -> None:
    assert normalise_chars("4.\u200b018,75\u00ad €\ufeff") == "4.018,75 €"


LETTER_SPACED = [
    ("Summe 1 .2 3 4 ,5 6 €", "Summe 1.234,56 €"),
    ("Summe 1 . 2 3  4 , 5 6 EUR", "Summe 1.234,56 EUR"),
    ("Zinsen 5 ,2 0 EUR", "Zinsen 5,20 EUR"),
    ("Datum 0 1 .0 3 .2 0 2 6", "Datum 01.03.2026"),
    # not (entirely) letter-spaced, or not an amount/date: unchanged
    ("Seite 1 2 3", "Seite 1 2 3"),
    ("Raten 1 2 3 4", "Raten 1 2 3 4"),
    ("Noch offen 1 234,56 €", "Noch offen 1 234,56 €"),
    ("1. 2 34,  56", "1. 2 34,  56"),
    ("Positionen 1, 2, 3 und 4", "Positionen 1, 2, 3 und 4"),
]


@pytest.mark.parametrize(("raw", "expected"), LETTER_SPACED)
def test_letter_spaced_digits(raw: str, expected: str) -> None:
    assert join_letter_spaced_numbers(raw) == expected


def _spaced_pdf(gap_mm: float, text: str = "1.234,56") -> bytes:
    """Each character placed on its own, ``gap_mm`` apart (how some generators letter-space)."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(10, 20, "Noch offen:")
    x = 40.0
    for ch in text:
        pdf.text(x, 20, ch)
        x += gap_mm
    pdf.text(x + 3, 20, "EUR")
    return bytes(pdf.output())


@pytest.mark.parametrize("gap_mm", [3.0, 3.5, 4.0, 4.5])
def test_letter_spaced_pdf_amount_is_rejoined(gap_mm: float) -> None:
    read = read_attachment(_spaced_pdf(gap_mm), file_name="aufstellung.pdf")
    assert read.problem is None
    assert "1.234,56" in read.text, read.text


@pytest.mark.parametrize("gap_mm", [2.6, 6.0])
def test_partly_spaced_pdf_amount_is_not_turned_into_a_wrong_amount(gap_mm: float) -> None:
    text = read_attachment(_spaced_pdf(gap_mm), file_name="aufstellung.pdf").text
    for wrong in ("1.23 ", "1.23|", "34,56", "4,56", "1,23"):
        assert wrong not in text.replace(" | ", "|"), text


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def test_pdf_ligature_is_decomposed() -> None:
    font = require_system_file(DEJAVU, "fonts-dejavu-core")  # a font with the ligature glyph
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(font))
    pdf.set_font("DejaVu", size=11)
    pdf.cell(0, 7, "Noch o\ufb00en: 1\u202f234,56 €")
    text = read_attachment(bytes(pdf.output()), file_name="a.pdf").text
    assert "Noch offen: 1 234,56 €" in text, repr(text)


SAMPLES = {
    "de": "Sehr geehrte Damen und Herren, die Forderung gegen Ihren Mandanten beträgt noch 1.204,50 Euro.",
    "en": "Dear Sir or Madam, the outstanding balance of your client's account is 1,204.50 euros. Regards",
    "nl": "Geachte heer, het openstaande bedrag van uw klant is nog 1.204,50 euro. Met vriendelijke groet",
    "fr": "Madame, Monsieur, le montant de la créance de votre client est de 1.204,50 euros. Cordialement",
    "it": "Gentile avvocato, l'importo ancora dovuto dal vostro cliente è di 1.204,50 euro. Cordiali saluti",
    "es": "Estimados señores, el importe pendiente de su cliente es de 1.204,50 euros. Saludos",
    "sv": "Hej, det belopp som är kvar för er klient är 1.204,50 euro. Vänliga hälsningar",
    "da": "Hej, det beløb som jeres klient stadig skylder er 1.204,50 euro. Venlig hilsen",
    "no": "Hei, beløpet som deres klient fortsatt skylder er 1.204,50 euro. Vennlig hilsen",
    "fi": "Hei, asiakas on vielä velkaa 1.204,50 euroa ja summa on saatava. Ystävällisin terveisin",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_language_by_stopwords(code: str) -> None:
    assert detect_language(SAMPLES[code]) == code


def test_language_unknown_and_threads() -> None:
    assert detect_language("ok") is None
    assert detect_language("1.204,50 EUR 1.204,50 EUR 1.204,50 EUR Hauptforderung") is None
    texts = [SAMPLES[c] for c in sorted(SAMPLES)] * 20
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(detect_language, texts))
    assert got == sorted(SAMPLES) * 20
