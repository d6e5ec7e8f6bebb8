"""Quote headers of every mail-client family x language, and lookalikes that are not headers.

Each case is a creditor's reply stating 1.234,56 EUR above a quote header, with the
office's own letter (999,00 EUR) below it: the reply must keep the creditor's figure
and must not carry the office's; the quoted history must carry the office's.
"""

from __future__ import annotations

import pytest

from creditctl.pipeline.cleaning import parse_email

REPLY = "Sehr geehrte Damen und Herren,\n\ndie Forderung beträgt aktuell 1.234,56 EUR.\n\nMit freundlichen Grüßen\nInkasso Beispiel"
OFFICE = "wir bitten um Mitteilung der Forderung. Laut unserer Akte: 999,00 EUR."

# language: (from, sent, to, subject, sent value)
OUTLOOK = {
    "de": ("Von", "Gesendet", "An", "Betreff", "Montag, 3. November 2026 10:12"),
    "de-mac": ("Von", "Datum", "An", "Betreff", "Montag, 3. November 2026 um 10:12"),
    "en": ("From", "Sent", "To", "Subject", "Monday, November 3, 2026 10:12 AM"),
    "en-date": ("From", "Date", "To", "Subject", "Monday, 3 November 2026 at 10:12"),
    "nl": ("Van", "Verzonden", "Aan", "Onderwerp", "maandag 3 november 2026 10:12"),
    "fr": ("De", "Envoyé", "À", "Objet", "lundi 3 novembre 2026 10:12"),
    "fr-spaced": ("De ", "Envoyé ", "À ", "Objet ", "lundi 3 novembre 2026 10:12"),
    "it": ("Da", "Inviato", "A", "Oggetto", "lunedì 3 novembre 2026 10:12"),
    "es": ("De", "Enviado", "Para", "Asunto", "lunes, 3 de noviembre de 2026 10:12"),
    "sv": ("Från", "Skickat", "Till", "Ämne", "den 3 november 2026 10:12"),
    "da": ("Fra", "Sendt", "Til", "Emne", "3. november 2026 10:12"),
    "no": ("Fra", "Sendt", "Til", "Emne", "mandag 3. november 2026 10:12"),
    "fi": ("Lähettäjä", "Lähetetty", "Vastaanottaja", "Aihe", "maanantai 3. marraskuuta 2026 10.12"),
}


def _outlook(lang: str, form: str) -> str:
    f, s, t, subj, when = OUTLOOK[lang]
    values = [
        "Inkasso Beispiel <forderung@inkasso.example>",
        when,
        "Kanzlei <post@kanzlei.example>",
        "AW: Ihr Schreiben vom 01.10.2026",
    ]
    labels = [f, s, t, subj]
    bold = form.endswith("bold")
    fields = [(f"*{lab}:*" if bold else f"{lab}:") + " " + val for lab, val in zip(labels, values, strict=True)]
    head = " ".join(fields) if "fused" in form else "\n".join(fields)
    if form.startswith("rule"):
        head = "________________________________\n" + head
    return head


OUTLOOK_FORMS = ("lines", "lines-bold", "fused", "fused-bold", "rule", "rule-fused-bold")

ATTRIBUTIONS = {
    "de-apple": "Am 03.11.2026 um 10:12 schrieb Inkasso Beispiel <forderung@inkasso.example>:",
    "de-gmail": "Am Mo., 3. Nov. 2026 um 10:12 Uhr schrieb Inkasso Beispiel <forderung@inkasso.example>:",
    "de-gmail-wrapped": "Am Mo., 3. Nov. 2026 um 10:12 Uhr schrieb Inkasso Beispiel <\nforderung@inkasso.example>:",
    "de-thunderbird": "Am 03.11.26 um 10:12 schrieb Inkasso Beispiel:",
    "de-zoho": "---- Am Mo, 03 Nov 2026 10:12:33 +0100 schrieb Inkasso Beispiel <forderung@inkasso.example> ----",
    "de-lotus": '"Inkasso Beispiel" <forderung@inkasso.example> schrieb am 03.11.2026 10:12:47:',
    "en-apple": "On 3 Nov 2026, at 10:12, Inkasso Example <claims@inkasso.example> wrote:",
    "en-gmail": "On Mon, Nov 3, 2026 at 10:12 AM Inkasso Example <claims@inkasso.example> wrote:",
    "en-gmail-wrapped": "On Mon, Nov 3, 2026 at 10:12 AM Inkasso Example <\nclaims@inkasso.example> wrote:",
    "en-gmail-wrapped3": "On Mon, Nov 3, 2026 at 10:12 AM Inkasso Example\n<claims@inkasso.example>\nwrote:",
    "en-thunderbird": "On 03/11/2026 10:12, Inkasso Example wrote:",
    "en-yahoo": "On Monday, November 3, 2026, 10:12:01 AM GMT+1, Inkasso Example <claims@inkasso.example> wrote:",
    "en-zoho": "---- On Mon, 03 Nov 2026 10:12:33 +0100 Inkasso Example <claims@inkasso.example> wrote ----",
    "en-lotus": "Inkasso Example/ORG@ORG wrote on 03.11.2026 10:12:47:",
    "nl-apple": "Op 3 nov. 2026, om 10:12 heeft Inkasso Voorbeeld <vordering@incasso.example> het volgende geschreven:",
    "nl-gmail": "Op ma 3 nov 2026 om 10:12 schreef Inkasso Voorbeeld <vordering@incasso.example>:",
    "nl-thunderbird": "Op 03-11-2026 om 10:12 schreef Inkasso Voorbeeld:",
    "fr-apple": "Le 3 nov. 2026 à 10:12, Recouvrement Exemple <creance@recouvrement.example> a écrit :",
    "fr-gmail": "Le lun. 3 nov. 2026 à 10:12, Recouvrement Exemple <creance@recouvrement.example> a écrit :",
    "fr-thunderbird": "Le 03/11/2026 à 10:12, Recouvrement Exemple a écrit :",
    "it-apple": "Il giorno 3 nov 2026, alle ore 10:12, Recupero Esempio <credito@recupero.example> ha scritto:",
    "it-gmail": "Il giorno lun 3 nov 2026 alle ore 10:12 Recupero Esempio <credito@recupero.example> ha scritto:",
    "it-thunderbird": "Il 03/11/2026 10:12, Recupero Esempio ha scritto:",
    "es-apple": "El 3 nov 2026, a las 10:12, Cobros Ejemplo <deuda@cobros.example> escribió:",
    "es-gmail": "El lun, 3 nov 2026 a las 10:12, Cobros Ejemplo (<deuda@cobros.example>) escribió:",
    "es-thunderbird": "El 03/11/2026 a las 10:12, Cobros Ejemplo escribió:",
    "sv-apple": "Den 3 nov. 2026 kl. 10:12 skrev Inkasso Exempel <fordran@inkasso.example>:",
    "sv-gmail": "Den mån 3 nov. 2026 kl 10:12 skrev Inkasso Exempel <fordran@inkasso.example>:",
    "da-apple": "Den 3. nov. 2026 kl. 10.12 skrev Inkasso Eksempel <krav@inkasso.example>:",
    "da-gmail": "Den man. 3. nov. 2026 kl. 10.12 skrev Inkasso Eksempel <krav@inkasso.example>:",
    "no-apple": "3. nov. 2026 kl. 10:12 skrev Inkasso Eksempel <krav@inkasso.example>:",
    "no-gmail": "man. 3. nov. 2026 kl. 10:12 skrev Inkasso Eksempel <krav@inkasso.example>:",
    "fi-apple": "3.11.2026 kello 10.12 Perintä Esimerkki <saatava@perinta.example> kirjoitti:",
    "fi-gmail": "ma 3. marrask. 2026 klo 10.12 Perintä Esimerkki (<saatava@perinta.example>) kirjoitti:",
    # more forms per language: Yahoo, Thunderbird, Zoho, Outlook mobile
    "de-yahoo": "Am Montag, 3. November 2026, 10:12:01 MEZ hat Inkasso Beispiel <forderung@inkasso.example> "
    "Folgendes geschrieben:",
    "en-outlook-mobile": 'On Mon, Nov 3, 2026 at 10:12 AM +0100, "Inkasso Example" <claims@inkasso.example> wrote:',
    "en-lotus-quoted": '"Inkasso Example" <claims@inkasso.example> wrote on 03/11/2026 10:12:47:',
    "fr-yahoo": "Le lundi 3 novembre 2026, 10:12:01 UTC+1, Recouvrement Exemple <creance@recouvrement.example> a écrit :",
    "fr-zoho": "---- Le lun., 03 nov. 2026 10:12:33 +0100 Recouvrement Exemple <creance@recouvrement.example> a écrit ----",
    "it-yahoo": "Il lunedì 3 novembre 2026, 10:12:01 CET, Recupero Esempio <credito@recupero.example> ha scritto:",
    "es-yahoo": "El lunes, 3 de noviembre de 2026, 10:12:01 CET, Cobros Ejemplo <deuda@cobros.example> escribió:",
    "nl-yahoo": "Op maandag 3 november 2026 10:12:01 CET schreef Inkasso Voorbeeld <vordering@incasso.example>:",
    "sv-yahoo": "Den måndag 3 november 2026 10:12:01 CET skrev Inkasso Exempel <fordran@inkasso.example>:",
    "sv-thunderbird": "Den 2026-11-03 kl. 10:12, skrev Inkasso Exempel:",
    "da-thunderbird": "Den 03-11-2026 kl. 10.12 skrev Inkasso Eksempel:",
    "no-thunderbird": "Den 03.11.2026 10:12, skrev Inkasso Eksempel:",
    "fi-thunderbird": "3.11.2026 klo 10.12 Perintä Esimerkki kirjoitti:",
}

SEPARATORS = [
    "-----Ursprüngliche Nachricht-----",
    "-----Original Message-----",
    "----- Original Message -----",
    "-----Oorspronkelijk bericht-----",
    "-----Message d'origine-----",
    "-----Messaggio originale-----",
    "-----Mensaje original-----",
    "-----Ursprungligt meddelande-----",
    "-----Oprindelig meddelelse-----",
    "-----Opprinnelig melding-----",
    "-----Alkuperäinen viesti-----",
    "---------- Forwarded message ---------",
    "---------- Weitergeleitete Nachricht ----------",
    "Begin forwarded message:",
    "Anfang der weitergeleiteten Nachricht:",
    "-------- Doorgestuurd bericht --------",
    "Begin doorgestuurd bericht:",
    "-------- Message transféré --------",
    "Début du message réexpédié :",
    "---------- Messaggio inoltrato ----------",
    "---------- Mensaje reenviado ----------",
    "---------- Vidarebefordrat meddelande ----------",
]

GMX = (
    'Gesendet: Montag, 03. November 2026 um 10:12 Uhr\nVon: "Inkasso Beispiel" <forderung@inkasso.example>\n'
    "An: post@kanzlei.example\nBetreff: Ihr Schreiben"
)


def _assert_split(body: str) -> None:
    parsed = parse_email(None, body)
    assert "1.234,56 EUR" in parsed.reply, parsed.reply
    assert "999,00" not in parsed.reply, parsed.reply
    assert "999,00" in parsed.quoted, parsed.quoted


@pytest.mark.parametrize("lang", sorted(OUTLOOK))
@pytest.mark.parametrize("form", OUTLOOK_FORMS)
def test_outlook_field_block(lang: str, form: str) -> None:
    _assert_split(f"{REPLY}\n\n{_outlook(lang, form)}\n\nSehr geehrte Damen und Herren,\n{OFFICE}\n")


@pytest.mark.parametrize("name", sorted(ATTRIBUTIONS))
def test_attribution_line(name: str) -> None:
    _assert_split(f"{REPLY}\n\n{ATTRIBUTIONS[name]}\n\n> Sehr geehrte Damen und Herren,\n> {OFFICE}\n")


def test_dated_attribution_without_time_before_a_quote() -> None:
    # Apple Mail / Thunderbird set to date only (labelled case 090): a header when '>' lines follow
    for head in (
        "Am 28.10.2026 schrieb Schuldnerberatung Böhmer e.V.:",
        "On 28 October 2026, Office Example wrote:",
        "Le 28/10/2026, Bureau Exemple a écrit :",
        "Den 2026-10-28 skrev Kontoret:",
    ):
        _assert_split(f"{REPLY}\n\n{head}\n> Sehr geehrte Damen und Herren,\n> {OFFICE}\n")
    # ... but not without the quote below, and never a date without its year
    parsed = parse_email(
        None, "Guten Tag,\n\nAm 28.10.2026 schrieb Ihr Mandant Folgendes:\ndie Forderung beträgt 1.234,56 EUR.\n"
    )
    assert "1.234,56 EUR" in parsed.reply and parsed.quoted == ""
    parsed = parse_email(None, "Guten Tag,\n\nAm 28.10. schrieb Herr Beispiel:\n> alte Forderung 999,00 EUR\n")
    assert "Am 28.10. schrieb Herr Beispiel:" in parsed.reply


@pytest.mark.parametrize("name", sorted(ATTRIBUTIONS))
def test_attribution_line_unquoted_history(name: str) -> None:
    # HTML-to-text renders of a blockquote lose the '>' markers
    _assert_split(f"{REPLY}\n\n{ATTRIBUTIONS[name]}\n\nSehr geehrte Damen und Herren,\n{OFFICE}\n")


@pytest.mark.parametrize("sep", SEPARATORS)
def test_separator_line(sep: str) -> None:
    _assert_split(
        f"{REPLY}\n\n{sep}\nVon: Kanzlei <post@kanzlei.example>\nGesendet: Montag, 3. November 2026 10:12\n"
        f"An: forderung@inkasso.example\nBetreff: Ihr Schreiben\n\n{OFFICE}\n"
    )


@pytest.mark.parametrize("lang", sorted(OUTLOOK))
def test_outlook_forward_without_own_text(lang: str) -> None:
    parsed = parse_email(None, f"{_outlook(lang, 'rule')}\n\nDie Forderung beträgt 1.234,56 EUR.\n")
    assert parsed.reply == "Die Forderung beträgt 1.234,56 EUR."
    assert parsed.forwarded


def test_gmx_block() -> None:
    _assert_split(f"{REPLY}\n\n{GMX}\n\n{OFFICE}\n")


@pytest.mark.parametrize("mobile", ["Von meinem iPhone gesendet", "Sent from my iPhone", "Get Outlook for Android"])
def test_mobile_signature_is_signature_not_quote(mobile: str) -> None:
    body = f"Die Forderung beträgt 1.234,56 EUR.\n\n{mobile}\n\n{ATTRIBUTIONS['de-apple']}\n\n> {OFFICE}\n"
    parsed = parse_email(None, body)
    assert parsed.reply == "Die Forderung beträgt 1.234,56 EUR."
    assert mobile in parsed.signature
    assert "999,00" in parsed.quoted


def test_nested_forwards_own_text_on_top() -> None:
    body = (
        f"{REPLY}\n\n---------- Forwarded message ---------\nFrom: Inkasso Kollege <kollege@inkasso.example>\n"
        f"Date: Mon, Nov 3, 2026 at 9:00 AM\nSubject: Fwd: Akte\nTo: forderung@inkasso.example\n\n"
        f"Alte Aufstellung 777,00 EUR\n\n---------- Weitergeleitete Nachricht ----------\n"
        f"Von: Kanzlei <post@kanzlei.example>\nDatum: Fr., 31. Okt. 2026 um 08:00 Uhr\n"
        f"Betreff: Akte\nAn: forderung@inkasso.example\n\n{OFFICE}\n"
    )
    parsed = parse_email(None, body)
    assert "1.234,56 EUR" in parsed.reply
    assert "777,00" not in parsed.reply and "999,00" not in parsed.reply
    assert "777,00" in parsed.quoted and "999,00" in parsed.quoted
    assert not parsed.forwarded


def test_forward_without_own_text_gives_newest_forwarded_message() -> None:
    body = (
        "---------- Forwarded message ---------\nFrom: Inkasso Beispiel <forderung@inkasso.example>\n"
        "Date: Mon, Nov 3, 2026 at 10:12 AM\nSubject: Akte 4711\nTo: kollege@inkasso.example\n\n"
        "Die Forderung beträgt aktuell 1.234,56 EUR.\n\n"
        f"Am 31.10.2026 um 08:00 schrieb Kanzlei <post@kanzlei.example>:\n> {OFFICE}\n"
    )
    parsed = parse_email(None, body)
    assert parsed.reply == "Die Forderung beträgt aktuell 1.234,56 EUR."
    assert "999,00" in parsed.quoted and "Forwarded message" in parsed.quoted
    assert parsed.forwarded


@pytest.mark.parametrize(
    "head",
    [
        ATTRIBUTIONS["de-gmail"],
        ATTRIBUTIONS["en-thunderbird"],
        _outlook("de", "lines"),
        "-----Ursprüngliche Nachricht-----\n" + _outlook("de", "lines"),
    ],
)
def test_inline_answers_between_quoted_lines_belong_to_the_reply(head: str) -> None:
    body = (
        "Guten Tag,\n\nanbei unsere Antworten.\n\n"
        f"{head}\n\n> Wie hoch ist die Hauptforderung? Unsere Akte: 999,00 EUR\n\n"
        "Die Hauptforderung beträgt 1.234,56 EUR.\n\n> Gibt es Zinsen?\n\nZinsen: 12,00 EUR\n"
    )
    parsed = parse_email(None, body)
    assert "1.234,56 EUR" in parsed.reply and "Zinsen: 12,00 EUR" in parsed.reply
    assert "999,00" not in parsed.reply
    assert "> Wie hoch ist die Hauptforderung? Unsere Akte: 999,00 EUR" in parsed.quoted
    assert "> Gibt es Zinsen?" in parsed.quoted


LOOKALIKES = [
    "Am 01.03. schrieb uns Ihr Mandant, dass er die Forderung von 1.234,56 EUR anerkennt.",
    "Am 01.03. schrieb uns Ihr Mandant, dass er zahlen will:\ndie Forderung beträgt 1.234,56 EUR.",
    "On 1 March your client wrote to us that the claim of 1.234,56 EUR is accepted.",
    "Wie besprochen\nAm 03.11.2026 um 10:12 schrieb uns Herr Beispiel:\ndie Forderung beträgt 1.234,56 EUR.",
    (
        "Von: 01.03. bis 31.03. ruht die Forderung.\nAn: den Wochenenden ist niemand erreichbar.\n"
        "Die Forderung beträgt 1.234,56 EUR."
    ),
    "Aktenzeichen: 4711\nDatum: 03.11.2026\nBetreff: Ihr Schreiben\nDie Forderung beträgt 1.234,56 EUR.",
    "Le client a écrit le 3 novembre que la créance de 1.234,56 EUR est due.",
    "Ihr Mandant schrieb am 03.11.2026, die Forderung betrage 1.234,56 EUR.",
    "Am 01.03. schrieb uns Ihr Mandant (mandant@example.org):\ndie Forderung beträgt 1.234,56 EUR.",
    "Am 01.03. um 10:00 schrieb uns Ihr Mandant:\ndie Forderung beträgt 1.234,56 EUR.",
    "Op 1 maart schreef uw cliënt ons dat de vordering 1.234,56 EUR bedraagt.",
    "Den 1 mars skrev er klient till oss:\nfordran är 1.234,56 EUR.",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike_sentence_does_not_cut_the_reply(text: str) -> None:
    parsed = parse_email(
        None, f"Sehr geehrte Damen und Herren,\n\n{text}\n\nMit freundlichen Grüßen\nInkasso Beispiel\n"
    )
    assert "1.234,56 EUR" in parsed.reply
    assert parsed.quoted == ""


def test_outlook_html_bold_labels() -> None:
    html = (
        "<div><p>Die Forderung beträgt 1.234,56 EUR.</p>"
        "<div style='border:none;border-top:solid #B5C4DF 1.0pt'><p><b>Von:</b> Kanzlei "
        "&lt;post@kanzlei.example&gt;<br><b>Gesendet:</b> Montag, 3. November 2026 10:12<br>"
        "<b>An:</b> forderung@inkasso.example<br><b>Betreff:</b> Akte</p></div>"
        f"<p>{OFFICE}</p></div>"
    )
    parsed = parse_email(html, None)
    assert parsed.reply == "Die Forderung beträgt 1.234,56 EUR."
    assert "999,00" in parsed.quoted


def test_fused_header_in_html_without_quote_container() -> None:
    html = (
        "<p>Die Forderung beträgt 1.234,56 EUR.</p><p><b>Von:</b> Kanzlei &lt;post@kanzlei.example&gt; "
        "<b>Gesendet:</b> Montag, 3. November 2026 10:12 <b>An:</b> forderung@inkasso.example "
        f"<b>Betreff:</b> Akte</p><p>{OFFICE}</p>"
    )
    parsed = parse_email(html, None)
    assert parsed.reply == "Die Forderung beträgt 1.234,56 EUR."
    assert "999,00" in parsed.quoted


MOBILE_MARKERS = [
    "Von meinem iPhone gesendet",
    "Gesendet von meinem Samsung Galaxy",
    "Sent from my iPhone",
    "Get Outlook for Android",
    "Verzonden vanaf mijn iPhone",
    "Envoyé de mon iPhone",
    "Inviato da iPhone",
    "Enviado desde mi iPhone",
    "Skickat från min iPhone",
    "Sendt fra min iPhone",
    "Lähetetty iPhonesta",
]


@pytest.mark.parametrize("mobile", MOBILE_MARKERS)
def test_mobile_signature_in_each_language(mobile: str) -> None:
    parsed = parse_email(None, f"Die Forderung beträgt 1.234,56 EUR.\n\n{mobile}\n")
    assert parsed.reply == "Die Forderung beträgt 1.234,56 EUR."
    assert parsed.signature == mobile


def test_prose_like_a_mobile_marker_stays_in_the_reply() -> None:
    body = "La creditrice è Esempio SpA.\nInviato da noi il 3 marzo 2026 il sollecito.\nCordiali saluti"
    assert parse_email(None, body).reply == body


def test_forward_of_a_forward_without_own_text() -> None:
    body = (
        "---------- Forwarded message ---------\nFrom: Inkasso Kollege <kollege@inkasso.example>\n"
        "Date: Mon, Nov 3, 2026 at 11:00 AM\nSubject: Fwd: Akte 4711\nTo: post@kanzlei.example\n\n"
        "---------- Weitergeleitete Nachricht ----------\nVon: Inkasso Beispiel <forderung@inkasso.example>\n"
        "Datum: Mo., 3. Nov. 2026 um 10:12 Uhr\nBetreff: Akte 4711\nAn: kollege@inkasso.example\n\n"
        "Die Forderung beträgt aktuell 1.234,56 EUR.\n\n"
        f"Am 31.10.2026 um 08:00 schrieb Kanzlei <post@kanzlei.example>:\n> {OFFICE}\n"
    )
    parsed = parse_email(None, body)
    assert parsed.reply == "Die Forderung beträgt aktuell 1.234,56 EUR."
    assert "999,00" in parsed.quoted and "Weitergeleitete Nachricht" in parsed.quoted
    assert parsed.forwarded


def test_quote_above_the_answer_is_not_a_forward() -> None:
    body = f"{ATTRIBUTIONS['de-gmail']}\n> {OFFICE}\n\nDie Forderung beträgt aktuell 1.234,56 EUR.\n"
    parsed = parse_email(None, body)
    assert parsed.reply == "Die Forderung beträgt aktuell 1.234,56 EUR."
    assert not parsed.forwarded


def test_stacked_headers_stay_linear() -> None:
    # 20 000 header blocks in a row (1.3 MB): no recursion per block (was one level per block)
    parsed = parse_email(
        None,
        "Von: x <x@example.org>\nGesendet: Montag, 3. November 2026 10:12\n" * 20_000
        + "\nDie Forderung beträgt 1.234,56 EUR.\n",
    )
    assert parsed.reply == "Die Forderung beträgt 1.234,56 EUR."


@pytest.mark.parametrize("lang", sorted(OUTLOOK))
@pytest.mark.parametrize("shape", ["border-div", "hr", "plain-p"])
def test_outlook_html_header_in_each_language(lang: str, shape: str) -> None:
    f, s, t, subj, when = OUTLOOK[lang]
    fields = (
        f"<b>{f}:</b> Kanzlei &lt;post@kanzlei.example&gt;<br><b>{s}:</b> {when}<br>"
        f"<b>{t}:</b> forderung@inkasso.example<br><b>{subj}:</b> Akte 4711"
    )
    head = {
        "border-div": f"<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
        f"<p class=MsoNormal>{fields}</p></div>",
        "hr": f"<hr><p>{fields}</p>",
        "plain-p": f"<p class=MsoNormal>{fields}<o:p></o:p></p>",
    }[shape]
    html = (
        f"<html><body><div class=WordSection1><p class=MsoNormal>Die Forderung beträgt 1.234,56 EUR.<o:p></o:p></p>"
        f"{head}<p class=MsoNormal>{OFFICE}</p></div></body></html>"
    )
    parsed = parse_email(html, None)
    assert parsed.reply == "Die Forderung beträgt 1.234,56 EUR."
    assert "999,00" in parsed.quoted


def test_gmail_html_forward_without_own_text() -> None:
    html = (
        '<div dir="ltr"><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded '
        'message ---------<br>From: <strong class="gmail_sendername">Inkasso Beispiel</strong> '
        "&lt;forderung@inkasso.example&gt;<br>Date: Mon, Nov 3, 2026 at 10:12 AM<br>Subject: Akte 4711<br>"
        "To: &lt;kollege@inkasso.example&gt;<br></div><br><div>Die Forderung beträgt aktuell 1.234,56 EUR.</div>"
        '<br><div class="gmail_quote">Am Fr., 31. Okt. 2026 um 08:00 Uhr schrieb Kanzlei &lt;post@kanzlei.example'
        f'&gt;:<br><blockquote class="gmail_quote">{OFFICE}</blockquote></div></div></div>'
    )
    parsed = parse_email(html, None)
    assert parsed.reply == "Die Forderung beträgt aktuell 1.234,56 EUR."
    assert parsed.forwarded
    assert "999,00" in parsed.quoted and "999,00" not in parsed.reply


def test_html_with_only_a_blockquote_does_not_promote_the_quote() -> None:
    parsed = parse_email(f"<blockquote>{OFFICE}</blockquote>", None)
    assert "999,00" not in parsed.reply and "999,00" in parsed.quoted
    assert not parsed.forwarded


def test_header_after_a_greeting_line_when_a_quote_follows() -> None:
    # github email_1_2.txt: 'Hi,' directly above 'On … wrote:' and its '>' block
    body = f"Hallo,\n{ATTRIBUTIONS['en-thunderbird']}\n> {OFFICE}\n\nDie Forderung beträgt 1.234,56 EUR.\n"
    parsed = parse_email(None, body)
    assert "wrote:" not in parsed.reply and "1.234,56 EUR" in parsed.reply
    assert "999,00" in parsed.quoted


def test_header_wrapped_over_three_lines_at_commas() -> None:
    # crisp email_thread.txt
    body = f"{REPLY}\n\nOn Nov 3, 2026,\nat 10:12,\nInkasso Example <claims@inkasso.example> wrote:\n\n> {OFFICE}\n"
    parsed = parse_email(None, body)
    assert "On Nov 3, 2026," not in parsed.reply and "at 10:12," not in parsed.reply
    assert "999,00" in parsed.quoted
