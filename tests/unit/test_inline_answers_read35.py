"""Reading round 35: the creditor's answers written under the office's questions (docs/evaluation.md,
"Reading round 35 (read35)").

The office's letter is quoted below a quote header without '>' (Outlook) and the creditor marks its
answer under each question: an answer label ("ANSWER:", "Antwort:", "Réponse :", …), an arrow (">>",
"=>", "->", "→") or a bracketed name ("[Sparkasse]: …"). The marked answers join the reply; the
office's questions and the figures they name stay in the quote."""

from __future__ import annotations

from decimal import Decimal

import pytest

from creditctl.pipeline.cleaning import parse_email
from tests.amount_reading import body_total

_HEADERS = {
    "de": (
        "Viele Grüße\nT. Brandt\n\n-----Ursprüngliche Nachricht-----\n"
        "Von: Beratung <post@beratung.example>\nGesendet: Donnerstag, 12. November 2026 09:14\n"
        "An: konto@bank.example\nBetreff: Konto 4711\n\n"
    ),
    "en": (
        "Thanks\nDebt Team\n\nFrom: Beratung <post@beratung.example>\nSent: 12 November 2026 09:14\n"
        "To: debt@firm.example\nSubject: Account 4711\n\n"
    ),
    "nl": (
        "Met vriendelijke groet,\nTeam Debiteuren\n\nVan: Beratung <post@beratung.example>\n"
        "Verzonden: maandag 23 november 2026 10:14\nAan: debiteuren@firm.example\nOnderwerp: Polis 4711\n\n"
    ),
    "fr": (
        "Cordialement,\nM. Girard\n\nDe : Beratung <post@beratung.example>\n"
        "Envoyé : jeudi 12 novembre 2026 09:14\nÀ : recouvrement@firm.example\nObjet : Dossier 4711\n\n"
    ),
    "it": (
        "Cordiali saluti\nUfficio recupero\n\nDa: Beratung <post@beratung.example>\n"
        "Inviato: giovedì 12 novembre 2026 09:14\nA: recupero@firm.example\nOggetto: Pratica 4711\n\n"
    ),
    "es": (
        "Saludos cordiales\nDepartamento de cobros\n\nDe: Beratung <post@beratung.example>\n"
        "Enviado el: jueves, 12 de noviembre de 2026 09:14\nPara: cobros@firm.example\nAsunto: Expediente 4711\n\n"
    ),
    "sv": (
        "Med vänliga hälsningar\nInkasso\n\nFrån: Beratung <post@beratung.example>\n"
        "Skickat: den 12 november 2026 09:14\nTill: inkasso@firm.example\nÄmne: Ärende 4711\n\n"
    ),
}


def _mail(lang: str, letter: str, top: str = "Please see our answers below.\n\n") -> str:
    return top + _HEADERS[lang] + letter + "\n\nMit freundlichen Grüßen\nBeratung\n"


@pytest.mark.parametrize(
    ("lang", "letter", "answer", "total"),
    [
        (
            "de",
            "1. Wie hoch ist die aktuelle Restforderung? Nach unseren Unterlagen 1.210,00 EUR.\n"
            ">> Restforderung aktuell: 930,00 EUR\n\n2. Werden Zinsen berechnet?\n>> Nein.",
            "Restforderung aktuell: 930,00 EUR",
            "930.00",
        ),
        (
            "en",
            "1. What is the remaining balance? Our records show £618.75.\n"
            "ANSWER: The balance remaining is £478.75.\n\n2. Is interest still added?\nANSWER: No.",
            "ANSWER: The balance remaining is £478.75.",
            "478.75",
        ),
        (
            "fr",
            "1) Quel est le solde restant dû ? Selon nos dossiers 3 180,00 €.\n=> Solde restant dû à ce jour : 2 488,60 €",
            "Solde restant dû à ce jour : 2 488,60 €",
            "2488.60",
        ),
        (
            "nl",
            "1. Wat is het actuele saldo? Bij ons bekend: € 1.044,90.\n→ Totaal openstaand: € 1.118,25",
            "Totaal openstaand: € 1.118,25",
            "1118.25",
        ),
        (
            "it",
            "1. Qual è il debito residuo? Per noi 2.400,00 EUR.\nRisposta: debito residuo ad oggi 2.150,00 EUR",
            "Risposta: debito residuo ad oggi 2.150,00 EUR",
            "2150.00",
        ),
        (
            "es",
            "1. ¿Cuál es el saldo pendiente? Según nuestros datos 900,00 EUR.\n-> Saldo pendiente: 815,40 EUR",
            "Saldo pendiente: 815,40 EUR",
            "815.40",
        ),
        (
            "sv",
            "1. Hur stor är den aktuella skulden? Enligt oss 12 400,00 kr.\nSvar: Aktuell skuld 11 950,00 kr",
            "Svar: Aktuell skuld 11 950,00 kr",
            "11950.00",
        ),
        (
            "de",
            "2. Wie hoch ist der offene Saldo? Bei uns erfasst: 1.500,00 EUR\n[Sparkasse]: Saldo heute 1.380,20 EUR",
            "[Sparkasse]: Saldo heute 1.380,20 EUR",
            "1380.20",
        ),
    ],
)
def test_marked_answer_under_a_plain_question_joins_the_reply(lang: str, letter: str, answer: str, total: str) -> None:
    parsed = parse_email(None, _mail(lang, letter))
    assert answer in parsed.reply
    assert parsed.joined
    # the office's question and the figure it names stay in the quote
    question = letter.split("\n", 1)[0]
    assert question not in parsed.reply
    assert question in parsed.quoted
    assert body_total(parsed.reply) == Decimal(total)


def test_an_answer_that_only_points_to_the_attachment_adds_no_figure() -> None:
    letter = "1. Wie hoch ist die aktuelle Restforderung? Nach unseren Unterlagen 1.210,00 EUR.\n>> siehe Anlage"
    parsed = parse_email(None, _mail("de", letter))
    assert "siehe Anlage" in parsed.reply
    assert "1.210,00" not in parsed.reply
    assert body_total(parsed.reply) is None


@pytest.mark.parametrize(
    ("lang", "letter"),
    [
        # the office's figure under its question, no answer under it
        ("de", "1. Wie hoch ist die aktuelle Restforderung?\nNach unseren Unterlagen 1.210,00 EUR."),
        ("en", "1. What is the remaining balance? Our records show £618.75.\n\n2. Is interest still added?"),
        # a mark that stands under no question: the office's own text (a list, a quoted older mail)
        ("de", "Sie schrieben uns am 3.11.:\n>> Die Forderung beträgt 1.210,00 EUR.\nBitte bestätigen Sie."),
        ("en", "Our records:\n-> Balance £618.75\n=> Payments £140.00\nPlease confirm."),
        ("fr", "Récapitulatif :\n→ Solde 3 180,00 €"),
        # a quotation in typographic quotes under a question is the office quoting the creditor
        ("de", "Wie hoch ist die Forderung? Sie schrieben uns:\n»Die Forderung beträgt 1.210,00 EUR.«"),
        # a question introducing the office's quotation of an older mail ("… wrote:") with '>>' or an arrow
        ("de", "Ist das noch aktuell? Sie schrieben uns am 3.11.:\n>> Die Forderung beträgt 1.210,00 EUR."),
        ("en", "Is this still correct? You wrote:\n-> Balance £618.75"),
    ],
)
def test_no_answer_under_the_question_adds_nothing(lang: str, letter: str) -> None:
    parsed = parse_email(None, _mail(lang, letter))
    assert not any(ch.isdigit() for ch in parsed.reply)
    assert body_total(parsed.reply) is None


def test_a_quoted_older_creditor_mail_below_the_office_letter_stays_quoted() -> None:
    letter = (
        "1. Wie hoch ist die Forderung?\n\nMit freundlichen Grüßen\nBeratung\n\n"
        "-----Ursprüngliche Nachricht-----\nVon: Bank <konto@bank.example>\n"
        "Gesendet: Montag, 2. November 2026 08:00\nAn: post@beratung.example\nBetreff: Konto 4711\n\n"
        "Wie hoch ist der Saldo?\nAntwort: 1.480,00 EUR"
    )
    parsed = parse_email(None, _mail("de", letter))
    assert "1.480,00" not in parsed.reply


def test_the_office_letter_fully_quoted_below_a_normal_reply_is_unchanged() -> None:
    top = "Guten Tag,\n\ndie aktuelle Forderung beträgt 930,00 EUR.\n\n"
    letter = (
        "1. Wie hoch ist die aktuelle Restforderung? Nach unseren Unterlagen 1.210,00 EUR.\n2. Werden Zinsen berechnet?"
    )
    parsed = parse_email(None, _mail("de", letter, top=top))
    assert not parsed.joined
    assert "1.210,00" not in parsed.reply
    assert body_total(parsed.reply) == Decimal("930.00")


def test_a_double_quoted_line_under_a_quoted_question_stays_history() -> None:
    body = (
        "See below.\n\nOn Thu, 3 Dec 2026 at 10:02, Beratung <post@beratung.example> wrote:\n"
        "> 1. What is the current balance?\n>> Balance £618.75 as per your letter of May\n> Kind regards\n"
    )
    parsed = parse_email(None, body)
    assert "618.75" not in parsed.reply


# --- HTML: the question in the quote container, the answer after it -------------------------------

_HTML_TOP = "<html><body><p>{top}</p><p>Viele Grüße<br>Team</p>"


@pytest.mark.parametrize(
    ("question", "answer", "total"),
    [
        (
            "1. What is the remaining balance? Our records show &pound;618.75.",
            "ANSWER: The balance is &pound;478.75.",
            "478.75",
        ),
        (
            "1. Wie hoch ist die Restforderung? Bei uns 1.210,00 EUR.",
            "&gt;&gt; Restforderung aktuell: 930,00 EUR",
            "930.00",
        ),
        ("1) Quel est le solde restant dû ?", "Réponse : solde restant dû 2 488,60 €", "2488.60"),
        ("1. Wat is het actuele saldo?", "Antwoord: openstaand saldo € 1.118,25", "1118.25"),
    ],
)
def test_html_answer_after_the_blockquoted_question_joins_the_reply(question: str, answer: str, total: str) -> None:
    html = (
        _HTML_TOP.format(top="Unsere Antworten finden Sie unten.")
        + f"<blockquote><p>{question}</p></blockquote><p>{answer}</p>"
        + "<blockquote><p>2. Werden Zinsen berechnet?</p></blockquote><p>Antwort: Nein.</p></body></html>"
    )
    parsed = parse_email(html, None)
    assert parsed.joined
    assert body_total(parsed.reply) == Decimal(total)
    assert "?" not in parsed.reply


@pytest.mark.parametrize(
    "quote",
    [
        # the office's question and its figure, no answer
        "<p>1. Wie hoch ist die Restforderung?</p><p>Nach unseren Unterlagen 1.210,00 EUR.</p>",
        # an answer label in an older mail below the office's letter's own header
        "<p>1. What is the balance?</p><p>Kind regards</p><p>From: Bank &lt;debt@bank.example&gt;<br>"
        "Sent: 2 November 2026 08:00<br>To: post@beratung.example<br>Subject: Account</p>"
        "<p>What is the balance?</p><p>ANSWER: &pound;1,480.00</p>",
    ],
)
def test_html_quote_without_a_current_answer_stays_quoted(quote: str) -> None:
    html = _HTML_TOP.format(top="Please see below.") + f"<blockquote>{quote}</blockquote></body></html>"
    parsed = parse_email(html, None)
    assert not parsed.joined
    assert body_total(parsed.reply) is None
