"""Transformations that change nothing a careful caseworker would act on.

Each transformation takes a ``Source`` (a correctly applied case, its labelled amount, the
cleaner's language and quoted history, the currency and the stored claim amount) and returns
a new case dict, or None when it does not fit the case (no greeting to replace, no amount in
the body to restyle, an HTML body the transformation cannot rewrite in step with the text).
Every rendering of the case (``body_text``, ``body_html``) gets the same change, so the two
readings still agree. The input case is never changed.

Written from how real creditor mail varies (mail clients, letterheads, ticket systems,
locales), not from the reader's tables: the point is to find what the reader does not know.
Nothing here inserts a figure that could be read as a second current total: the figures
inserted are a company's register data, a past payment already accounted for, an instalment
rate, a percentage in a marketing line, page numbers and dates — all away from the total's
sentence (below the signature, at the top, or in a paragraph of their own).

``FAMILIES``: family → variant → transformation.
"""

from __future__ import annotations

import copy
import html as html_lib
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tests.hold_families import mutate


@dataclass(frozen=True)
class Source:
    """What a transformation knows of its base case."""

    case: dict[str, Any]
    amount: Decimal
    language: str
    quoted: str
    currency: str
    stored: Decimal | None
    client: str


Transform = Callable[[Source], dict[str, Any] | None]


def _lang(src: Source, table: dict[str, Any]) -> Any:
    return table.get(src.language) or table["en"]


def _reply_split(text: str, quoted: str) -> tuple[str, str]:
    end = mutate.reply_end(text, quoted)
    return text[:end], text[end:]


def _html_split(html: str) -> tuple[str, str]:
    end = mutate.html_reply_end(html)
    return html[:end], html[end:]


def _text_nodes(html: str, fn: Callable[[str], str]) -> str:
    """``html`` with ``fn`` applied to every text node (never inside a tag, a style or a head)."""
    parts = re.split(r"(<[^>]*>)", html)
    out, skip = [], False
    for part in parts:
        if part.startswith("<"):
            low = part.lower()
            if re.match(r"<(style|head|script)\b", low):
                skip = True
            elif re.match(r"</(style|head|script)\b", low):
                skip = False
            out.append(part)
        else:
            out.append(part if skip else fn(part))
    return "".join(out)


def _with(src: Source, text_fn: Callable[[str], str | None] | None, html_fn: Callable[[str], str | None] | None):
    """The case with ``text_fn`` applied to its ``body_text`` and ``html_fn`` to its
    ``body_html`` (a rendering without a function stays as it is); None when a function
    returns None for a rendering the case has."""
    case = copy.deepcopy(src.case)
    for key, fn in (("body_text", text_fn), ("body_html", html_fn)):
        if case.get(key) and fn is not None:
            new = fn(case[key])
            if new is None:
                return None
            case[key] = new
    return case


def _reply_only(src: Source, fn: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """``fn`` applied to the creditor's own text of a plain body; the quoted history stays."""

    def apply(text: str) -> str | None:
        reply, rest = _reply_split(text, src.quoted)
        new = fn(reply)
        return None if new is None else new + rest

    return apply


def _html_reply_only(fn: Callable[[str], str | None]) -> Callable[[str], str | None]:
    def apply(html: str) -> str | None:
        reply, rest = _html_split(html)
        new = fn(reply)
        return None if new is None else new + rest

    return apply


def _top_of_html(html: str, fragment: str) -> str:
    body = re.search(r"<body[^>]*>", html, re.IGNORECASE)
    at = body.end() if body else 0
    return f"{html[:at]}{fragment}{html[at:]}"


# surface ------------------------------------------------------------------------------------

GREETINGS = {
    "de": ("Guten Tag,", "Sehr geehrte Damen und Herren,", "Hallo zusammen,", "Liebe Kolleginnen und Kollegen,"),
    "en": ("Dear Sir or Madam,", "Hello,", "Good afternoon,", "Dear colleagues,"),
    "nl": ("Geachte heer, mevrouw,", "Goedemiddag,", "Beste collega's,"),
    "fr": ("Madame, Monsieur,", "Bonjour,", "Chers collègues,"),
    "it": ("Gentili Signori,", "Buongiorno,", "Spettabile ufficio,"),
    "es": ("Estimados señores,", "Buenos días,", "Hola,"),
    "pt": ("Exmos. Senhores,", "Bom dia,"),
    "sv": ("Hej,", "Goddag,", "Hej på er,"),
    "da": ("Kære rådgiver,", "Hej,", "Goddag,"),
    "no": ("Hei,", "God dag,", "Hei alle sammen,"),
    "fi": ("Hei,", "Hyvä vastaanottaja,"),
}

CLOSINGS = {
    "de": ("Freundliche Grüße", "Beste Grüße", "Mit freundlichem Gruß", "Viele Grüße aus dem Forderungsmanagement"),
    "en": ("Kind regards", "Best wishes", "Yours sincerely", "Many thanks and best regards"),
    "nl": ("Met vriendelijke groet,", "Hartelijke groet,"),
    "fr": ("Cordialement,", "Bien à vous,"),
    "it": ("Cordiali saluti", "Distinti saluti"),
    "es": ("Un saludo,", "Atentamente,"),
    "pt": ("Com os melhores cumprimentos,",),
    "sv": ("Med vänlig hälsning", "Vänliga hälsningar"),
    "da": ("Med venlig hilsen", "Venlig hilsen"),
    "no": ("Med vennlig hilsen", "Vennlig hilsen"),
    "fi": ("Ystävällisin terveisin",),
}

#: Words no reader needs: a typo in them must change nothing.
FILLER = {
    "de": (
        "vielen",
        "Dank",
        "Anfrage",
        "Schreiben",
        "Nachricht",
        "freundlichen",
        "Grüßen",
        "Damen",
        "Herren",
        "gerne",
        "Rückfragen",
        "Verfügung",
        "Ihnen",
        "teilen",
    ),
    "en": (
        "thank",
        "Thank",
        "enquiry",
        "letter",
        "regards",
        "Regards",
        "Dear",
        "please",
        "Please",
        "further",
        "questions",
        "hesitate",
        "contact",
        "confirm",
    ),
    "nl": ("Geachte", "vriendelijke", "groet", "bericht", "vragen", "bedankt", "hierbij"),
    "fr": ("Madame", "Monsieur", "Cordialement", "salutations", "remercions", "message", "demande"),
    "it": ("Gentili", "saluti", "Cordiali", "richiesta", "comunichiamo", "ringraziamo"),
    "es": ("Estimados", "saludo", "Atentamente", "solicitud", "consulta", "gracias"),
    "sv": ("vänlig", "hälsning", "Tack", "förfrågan", "frågor"),
    "da": ("venlig", "hilsen", "henvendelse", "spørgsmål"),
    "no": ("vennlig", "hilsen", "henvendelse", "spørsmål"),
    "fi": ("Ystävällisin", "terveisin", "kiitos", "kysymyksiä"),
}

_GREETING = re.compile(r"\s*([^\n\d]{2,70}),[ \t]*(?=\r?\n)")


def greeting(variant: int) -> Transform:
    """The greeting line replaced by another of the sender's language."""

    def run(src: Source) -> dict[str, Any] | None:
        text = src.case.get("body_text") or ""
        html = src.case.get("body_html") or ""
        plain = text or _html_to_text(html)
        m = _GREETING.match(plain)
        if m is None:
            return None
        old = m.group(1) + ","
        options = _lang(src, GREETINGS)
        new = options[variant % len(options)]
        if new == old:
            new = options[(variant + 1) % len(options)]
        return _replace_everywhere(src, old, new)

    return run


def closing(variant: int) -> Transform:
    """The closing formula replaced by another of the sender's language."""

    def run(src: Source) -> dict[str, Any] | None:
        plain = src.case.get("body_text") or _html_to_text(src.case.get("body_html") or "")
        reply, _rest = _reply_split(plain, src.quoted)
        m = mutate._CLOSING.search(reply)
        if m is None:
            return None
        line_end = reply.find("\n", m.start())
        old = reply[m.start() : line_end if line_end >= 0 else len(reply)].strip()
        if not old or re.search(r"\d", old) or len(old) > 60:
            return None
        options = _lang(src, CLOSINGS)
        new = options[variant % len(options)]
        return _replace_everywhere(src, old, new) if new != old else None

    return run


def _replace_everywhere(src: Source, old: str, new: str) -> dict[str, Any] | None:
    """``old`` replaced by ``new`` once in the creditor's own text of every rendering."""

    def in_text(reply: str) -> str | None:
        return reply.replace(old, new, 1) if old in reply else None

    def in_html(reply: str) -> str | None:
        esc_old, esc_new = html_lib.escape(old, quote=False), html_lib.escape(new, quote=False)
        for o in (old, esc_old, esc_old.replace(" ", "&nbsp;")):
            if o in reply:
                return reply.replace(o, esc_new, 1)
        return None

    return _with(src, _reply_only(src, in_text), _html_reply_only(in_html))


def typo(src: Source) -> dict[str, Any] | None:
    """Two letters swapped in up to two filler words of the creditor's own text."""
    words = _lang(src, FILLER)

    def swap(word: str) -> str:
        i = len(word) // 2
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]

    def apply(reply: str) -> str | None:
        hits = 0
        for w in words:
            if hits < 2 and re.search(rf"\b{w}\b", reply):
                reply = re.sub(rf"\b{w}\b", swap(w), reply, count=1)
                hits += 1
        return reply if hits else None

    return _with(src, _reply_only(src, apply), _html_reply_only(lambda r: _text_nodes(r, lambda t: apply(t) or t)))


def _rewrap(reply: str) -> str | None:
    out, changed = [], False
    for line in reply.split("\n"):
        if len(line) <= 64:
            out.append(line)
            continue
        # a space inside a number ("1 234,56") is not a place to break
        protected = re.sub(r"(?<=\d) (?=\d{3}\b)", "\x00", line)
        wrapped = textwrap.fill(protected, width=58, break_long_words=False, break_on_hyphens=False)
        out.append(wrapped.replace("\x00", " "))
        changed = True
    return "\n".join(out) if changed else None


def rewrap(src: Source) -> dict[str, Any] | None:
    """Long lines of the creditor's text re-wrapped at 58 characters (as a client that wraps
    plain text sends it); HTML is left as it is (its whitespace does not matter)."""
    if not src.case.get("body_text"):
        return None
    return _with(src, _reply_only(src, _rewrap), None)


def crlf(src: Source) -> dict[str, Any] | None:
    """Every line end CRLF, in both renderings."""
    return _with(src, lambda t: t.replace("\r\n", "\n").replace("\n", "\r\n"), lambda h: h.replace("\n", "\r\n"))


def more_blank_lines(src: Source) -> dict[str, Any] | None:
    """A blank line before the text and every paragraph break doubled."""
    if not src.case.get("body_text"):
        return None
    return _with(src, _reply_only(src, lambda r: "\n" + re.sub(r"\n[ \t]*\n", "\n\n\n", r)), None)


def fewer_blank_lines(src: Source) -> dict[str, Any] | None:
    """The blank lines between the creditor's paragraphs removed."""
    if not src.case.get("body_text"):
        return None

    def apply(reply: str) -> str | None:
        new = re.sub(r"\n[ \t]*\n+", "\n", reply.rstrip("\n")) + "\n\n"
        return new if new != reply else None

    return _with(src, _reply_only(src, apply), None)


def nbsp(src: Source) -> dict[str, Any] | None:
    """Non-breaking spaces where mail clients put them: between a number and its currency,
    after a colon, and every third space of the creditor's text."""

    def apply_text(reply: str) -> str:
        reply = re.sub(r"(?<=\d) (?=€|EUR|£|GBP|CHF|kr|SEK|NOK|DKK)", "\u00a0", reply)
        reply = reply.replace(": ", ":\u00a0")
        count = [0]

        def every_third(m: re.Match[str]) -> str:
            count[0] += 1
            return "\u00a0" if count[0] % 3 == 0 else " "

        return re.sub(r"(?<=[A-Za-zÄÖÜäöüß]) (?=[A-Za-zÄÖÜäöüß])", every_third, reply)

    def apply_html(reply: str) -> str:
        return _text_nodes(reply, lambda t: apply_text(t).replace("\u00a0", "&nbsp;"))

    return _with(src, _reply_only(src, apply_text), _html_reply_only(apply_html))


def tabs(src: Source) -> dict[str, Any] | None:
    """A tab after every label colon and trailing whitespace on the creditor's lines."""
    if not src.case.get("body_text"):
        return None

    def apply(reply: str) -> str:
        reply = re.sub(r":[ ]+(?=\S)", ":\t", reply)
        return "\n".join(line + " \t" if line.strip() else line for line in reply.split("\n"))

    return _with(src, _reply_only(src, apply), None)


# noise that carries figures -------------------------------------------------------------------

FOOTER = {
    "de": (
        "Nordhafen Forderungsmanagement GmbH · Hafenstraße 12 · 20457 Hamburg\n"
        "Sitz der Gesellschaft: Hamburg · Amtsgericht Hamburg HRB 123456 · Stammkapital 25.000,00 EUR\n"
        "Geschäftsführer: Dr. Jan Peters · USt-IdNr. DE 123 456 789 · St.-Nr. 41/123/45678\n"
        "Tel. +49 (0)40 123 456-0 · Fax 040/123456-99 · Servicezeiten Mo–Fr 8-17 Uhr\n"
        "Commerzbank · IBAN DE89 3704 0044 0532 0130 00 · BIC COBADEFFXXX"
    ),
    "en": (
        "Northfield Collections Ltd · 14 King Street · Leeds LS1 2HL\n"
        "Registered in England and Wales No. 04123456 · VAT No. GB 123 4567 89 · share capital £50,000\n"
        "Authorised and regulated by the Financial Conduct Authority (FRN 612345)\n"
        "Tel 0113 496 0123 · Fax 0113/496-0999 · Lines open Mon-Fri 8-17\n"
        "Sort code 20-00-00 · Account 12345678 · IBAN GB29 NWBK 6016 1331 9268 19 · BIC NWBKGB2L"
    ),
    "nl": (
        "Van Loon Incasso B.V. · Postbus 1234 · 3000 AB Rotterdam\n"
        "KvK 12345678 · BTW NL123456789B01 · Tel. 010-123 45 67 · Fax 010/123-4568\n"
        "Bereikbaar ma-vr 8-17 uur · IBAN NL91 ABNA 0417 1643 00 · BIC ABNANL2A"
    ),
    "fr": (
        "Recouvra SAS au capital de 50 000 € · RCS Lyon 123 456 789 · TVA FR 12 123456789\n"
        "12 rue de la République, 69002 Lyon · Tél. 04 72 12 34 56 · Fax 04/72-12-34-57\n"
        "Du lundi au vendredi 8h-17h · IBAN FR76 3000 6000 0112 3456 7890 189 · BIC AGRIFRPP"
    ),
    "it": (
        "Recupera S.r.l. · Via Roma 12, 20121 Milano · Capitale sociale € 100.000,00 i.v.\n"
        "P.IVA IT01234567890 · REA MI-1234567 · Tel. 02 1234 5678 · Fax 02/1234-5679\n"
        "Orari 8-17 · IBAN IT60 X054 2811 1010 0000 0123 456"
    ),
    "es": (
        "Cobros Ibéricos S.L. · C/ Mayor 12, 28013 Madrid · CIF B12345678\n"
        "Capital social 60.000,00 € · Registro Mercantil de Madrid, Tomo 1234, Folio 56, Hoja M-78901\n"
        "Tel. 91 123 45 67 · Fax 91/123-4568 · Horario L-V 8-17 h · IBAN ES91 2100 0418 4502 0005 1332"
    ),
    "sv": (
        "Kronvik Inkasso AB · Box 1234 · 111 22 Stockholm\n"
        "Org.nr 556123-4567 · Momsreg.nr SE556123456701 · Tel 08-123 456 78 · Fax 08/123-45-79\n"
        "Bankgiro 123-4567 · Öppet mån-fre 8-17"
    ),
    "da": (
        "Nordkrav A/S · Vesterbrogade 12, 1620 København V\n"
        "CVR-nr. 12345678 · Tlf. 33 12 34 56 · Reg.nr. 1234 Kontonr. 1234567890 · Åbent man-fre 8-17"
    ),
    "no": (
        "Fjordkrav AS · Postboks 123 Sentrum, 0102 Oslo\n"
        "Org.nr. 912 345 678 MVA · Tlf. 22 12 34 56 · Kontonr. 1234.56.78903 · Åpent man-fre 8-17"
    ),
    "fi": ("Perintä Oy · PL 123, 00101 Helsinki\nY-tunnus 1234567-8 · Puh. 09 123 4567 · IBAN FI21 1234 5600 0007 85"),
}

DISCLAIMER = {
    "de": (
        "Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen. Wenn Sie nicht der "
        "richtige Adressat sind oder diese E-Mail irrtümlich erhalten haben, informieren Sie bitte sofort den "
        "Absender und vernichten Sie diese Mail. Das unerlaubte Kopieren sowie die unbefugte Weitergabe dieser "
        "Mail ist nicht gestattet."
    ),
    "en": (
        "This e-mail and any attachments are confidential and may be privileged. If you are not the intended "
        "recipient, please notify the sender immediately and delete it from your system. Any unauthorised use, "
        "disclosure or copying is prohibited. Please consider the environment before printing this e-mail."
    ),
    "nl": (
        "Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde. Als dit bericht niet voor u bestemd is, "
        "wordt u verzocht de afzender hiervan op de hoogte te stellen en het bericht te verwijderen."
    ),
    "fr": (
        "Ce message et ses pièces jointes sont confidentiels. Si vous n'êtes pas le destinataire, merci d'en "
        "avertir immédiatement l'expéditeur et de le supprimer."
    ),
}

MARKETING = {
    "de": "Ausgezeichnet: 98 % unserer Kundinnen und Kunden empfehlen uns weiter – jetzt auch per App!",
    "en": "Rated 4.8/5 by 96% of our customers – manage your account 24/7 in our app.",
    "nl": "98% van onze klanten beveelt ons aan – regel alles 24/7 in onze app.",
    "fr": "98 % de nos clients nous recommandent – gérez votre dossier 24h/24 dans notre application.",
    "it": "Il 98% dei nostri clienti ci raccomanda – gestisci la tua pratica 24/7 nella nostra app.",
    "es": "El 98 % de nuestros clientes nos recomienda: gestione su expediente 24/7 en nuestra app.",
    "sv": "98 % av våra kunder rekommenderar oss – hantera ditt ärende dygnet runt i vår app.",
}

PAGES = {
    "de": "Seite 1 von 1",
    "en": "Page 1 of 1",
    "nl": "Pagina 1 van 1",
    "fr": "Page 1 sur 1",
    "it": "Pagina 1 di 1",
    "es": "Página 1 de 1",
    "pt": "Página 1 de 1",
    "sv": "Sida 1 av 1",
    "da": "Side 1 af 1",
    "no": "Side 1 av 1",
    "fi": "Sivu 1/1",
}

PAYMENT_PAST = {
    "de": "Die Zahlung Ihrer Mandantschaft vom 12.03.2025 über {x} ist bereits berücksichtigt.",
    "en": "Your client's payment of {x} received on 12 March 2025 has already been taken into account.",
    "nl": "De betaling van uw cliënt van {x} op 12-03-2025 is hierin al verwerkt.",
    "fr": "Le versement de votre client de {x} reçu le 12/03/2025 a déjà été pris en compte.",
    "it": "Il versamento del Suo assistito di {x} del 12/03/2025 è già stato considerato.",
    "es": "El pago de su cliente de {x} recibido el 12/03/2025 ya está descontado.",
    "sv": "Er klients inbetalning på {x} den 2025-03-12 är redan avräknad.",
    "da": "Din klients indbetaling på {x} den 12.03.2025 er allerede modregnet.",
    "no": "Din klients innbetaling på {x} den 12.03.2025 er allerede trukket fra.",
    "fi": "Asiakkaanne maksu {x} 12.3.2025 on jo huomioitu.",
}

INSTALMENT = {
    "de": "Gerne können Ihre Mandanten den Betrag auch in monatlichen Raten von {x} begleichen.",
    "en": "Your client is welcome to pay by monthly instalments of {x}.",
    "nl": "Uw cliënt kan het bedrag ook in maandelijkse termijnen van {x} voldoen.",
    "fr": "Votre client peut également régler en mensualités de {x}.",
    "it": "Il Suo assistito può pagare anche in rate mensili di {x}.",
    "es": "Su cliente también puede pagar en cuotas mensuales de {x}.",
    "sv": "Er klient kan även betala i månadsbelopp om {x}.",
    "da": "Din klient kan også betale i månedlige rater på {x}.",
    "no": "Din klient kan også betale i månedlige avdrag på {x}.",
    "fi": "Asiakkaanne voi maksaa myös kuukausierissä {x}.",
}

DATE_LINE = {
    "de": "Hamburg, 03.12.2026",
    "en": "3 December 2026",
    "nl": "Rotterdam, 3 december 2026",
    "fr": "Lyon, le 3 décembre 2026",
    "it": "Milano, 3 dicembre 2026",
    "es": "Madrid, 3 de diciembre de 2026",
    "pt": "Lisboa, 3 de dezembro de 2026",
    "sv": "Stockholm 2026-12-03",
    "da": "København, 3. december 2026",
    "no": "Oslo, 3. desember 2026",
    "fi": "Helsinki 3.12.2026",
}


def _below_signature(table: dict[str, str]) -> Transform:
    def run(src: Source) -> dict[str, Any] | None:
        return mutate.insert_trap(src.case, src.quoted, _lang(src, table))

    return run


def _style(src: Source) -> tuple[str, str, str]:
    """(decimal separator, group separator, currency) of the case's total; the case's own
    currency code when none is written next to the total (``amount_style`` says EUR then)."""
    dec, group, currency = mutate.amount_style(src.case, src.amount)
    if currency == "EUR" and src.currency not in ("", "EUR"):
        currency = src.currency
    return dec, group, currency


def _small_figure(src: Source, value: Decimal) -> str:
    if value == src.amount or (src.stored is not None and value == src.stored):
        value += Decimal("5.00")
    return mutate.format_amount(value, *_style(src))


def _paragraph_first(table: dict[str, str], value: Decimal, *, owed_only: bool = False) -> Transform:
    """A sentence of its own after the greeting (far from the total's sentence). With
    ``owed_only`` not for a settled reply: an offer of instalments beside "nothing is owed"
    contradicts it, and holding such a mail is right."""

    def run(src: Source) -> dict[str, Any] | None:
        if owed_only and src.amount == 0:
            return None
        entry = _lang(src, table).format(x=_small_figure(src, value))
        return mutate.insert_sentence(src.case, src.quoted, entry, "first", src.amount)

    return run


def date_line(src: Source) -> dict[str, Any] | None:
    """A place-and-date line above the greeting, as a letter has it."""
    line = _lang(src, DATE_LINE)
    return _with(src, lambda t: f"{line}\n\n{t}", lambda h: _top_of_html(h, f"<p>{html_lib.escape(line)}</p>"))


# the total's number format --------------------------------------------------------------------

_CUR = r"(?:€|&euro;|EUR|£|GBP|\$|USD|CHF|SFr\.|Fr\.|SEK|NOK|DKK|kr\.?)"
_SYMBOL = {"EUR": "€", "GBP": "£", "USD": "$", "SEK": "kr", "NOK": "kr", "DKK": "kr"}


def _figure(src: Source, group: str, dec: str) -> str:
    units, cents = f"{src.amount:.2f}".split(".")
    parts = []
    while units:
        parts.insert(0, units[-3:])
        units = units[:-3]
    return f"{group.join(parts)}{dec}{cents}"


def _restyle_in(text: str, src: Source, new: str, *, html: bool) -> str | None:
    """Every occurrence of the total in ``text`` (with the currency written next to it)
    replaced by ``new``; None when the total is not there."""
    pattern = mutate._amount_pattern(src.amount, html=html)
    gap = r"(?:<[^>]+>)*(?:&nbsp;|&#160;|[ \u00a0\u202f])?(?:<[^>]+>)*" if html else r"[ \u00a0\u202f]?"
    before = re.compile(rf"{_CUR}{gap}$")
    after = re.compile(rf"^{gap}{_CUR}(?![A-Za-z])")
    out, pos, found = [], 0, False
    for m in pattern.finditer(text):
        start, end = m.start(), m.end()
        b = before.search(text[max(0, start - 30) : start])
        a = after.search(text[end : end + 30])
        had_currency = bool(a or b)
        if b:
            start -= len(b.group(0))
        if a:
            end += len(a.group(0))
        replacement = new if had_currency else re.sub(rf"\s*{_CUR}\s*", "", new).strip()
        out.append(text[pos:start] + replacement)
        pos, found = end, True
    return "".join(out) + text[pos:] if found else None


def amount_style(style: str) -> Transform:
    """The total (every time the creditor's own text states it) written in another style of
    the sender's locale: ``sym_after`` 1.234,56 €, ``code_before`` EUR 1.234,56, ``code_after``
    1.234,56 EUR, ``sym_before`` € 1.234,56, ``narrow`` / ``thin`` 1 234,56 € with U+202F /
    U+2009, ``nogroup`` 1234,56 €, ``dash`` 1.500,– € (whole amounts). An English-style figure
    stays English (1,234.56)."""

    def run(src: Source) -> dict[str, Any] | None:
        if src.amount <= 0:
            return None
        new = _styled(src, style)
        if new is None:
            return None

        def in_text(reply: str) -> str | None:
            return _restyle_in(reply, src, new, html=False)

        def in_html(reply: str) -> str | None:
            return _restyle_in(reply, src, html_lib.escape(new, quote=False), html=True)

        return _with(src, _reply_only(src, in_text), _html_reply_only(in_html))

    return run


def _styled(src: Source, style: str) -> str | None:
    dec, group, _cur = mutate.amount_style(src.case, src.amount)
    code = src.currency or "EUR"
    symbol = _SYMBOL.get(code)
    big = src.amount >= 1000
    if style in ("narrow", "thin", "nogroup") and not big:
        return None
    if style in ("narrow", "thin") and dec == ".":
        return None  # an English figure is grouped by commas
    group = {"narrow": "\u202f", "thin": "\u2009", "nogroup": ""}.get(style, group if big else group)
    if style == "dash":
        if src.amount != src.amount.to_integral_value() or dec != ",":
            return None
        figure = _figure(src, group, dec)[:-2] + "–"
    else:
        figure = _figure(src, group, dec)
    if style in ("sym_after", "narrow", "thin", "nogroup", "dash"):
        if symbol in ("£", "$"):
            return f"{symbol}{figure}"
        return f"{figure} {symbol or code}"
    if style == "sym_before":
        return f"{symbol} {figure}" if symbol and symbol != "kr" else None
    if style == "code_before":
        return f"{code} {figure}"
    if style == "code_after":
        return f"{figure} {code}"
    raise ValueError(style)


# rendering ------------------------------------------------------------------------------------

_OUTLOOK_HEAD = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" '
    'content="text/html; charset=utf-8"><style><!-- p.MsoNormal, li.MsoNormal {margin:0cm; font-size:11.0pt; '
    'font-family:"Calibri",sans-serif;} --></style></head><body lang="DE" link="#0563C1"><div class="WordSection1">'
)
_SPAN = "<span style='font-size:11.0pt;font-family:\"Calibri\",sans-serif;color:#1F497D'>"


def _keep_spaces(escaped: str) -> str:
    """Runs of spaces as mail clients write them in HTML (``&nbsp;`` and one space), so an
    aligned column stays aligned."""
    return re.sub(r" {2,}", lambda m: "&nbsp;" * (len(m.group(0)) - 1) + " ", escaped)


def _outlook_line(line: str) -> str:
    if not line.strip():
        return "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
    esc = _keep_spaces(html_lib.escape(line, quote=False))
    esc = re.sub(r"(?<=\d) (?=€|EUR|£|GBP|CHF|kr)", "&nbsp;", esc)
    return f"<p class=MsoNormal>{_SPAN}{esc}<o:p></o:p></span></p>"


def _quote_html(rest: str) -> str:
    lines = rest.strip("\n").split("\n")
    if not lines or not rest.strip():
        return ""
    inner = []
    for line in lines:
        depth = len(re.match(r"^(?:> ?)*", line).group(0).replace(" ", ""))
        body = re.sub(r"^(?:> ?)*", "", line)
        p = _outlook_line(body)
        inner.append(
            "<blockquote style='margin:0 0 0 .8ex;border-left:1px #ccc solid'>" * depth + p + "</blockquote>" * depth
        )
    return (
        "<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>" + "".join(inner) + "</div>"
    )


def text_to_outlook_html(text: str, quoted: str) -> str:
    """``text`` as Outlook/Word writes it: a paragraph per line in Calibri spans, ``&nbsp;``
    before a currency, the quoted history below a top-bordered division."""
    reply, rest = _reply_split(text.replace("\r\n", "\n"), quoted)
    body = "".join(_outlook_line(line) for line in reply.rstrip("\n").split("\n"))
    return f"{_OUTLOOK_HEAD}{body}{_quote_html(rest)}</div></body></html>"


def text_to_gmail_html(text: str, quoted: str) -> str:
    """``text`` as Gmail writes it: ``<div dir=ltr>`` with ``<br>``, the history in a
    ``gmail_quote`` block."""
    reply, rest = _reply_split(text.replace("\r\n", "\n"), quoted)
    esc = "<br>".join(_keep_spaces(html_lib.escape(line, quote=False)) for line in reply.rstrip("\n").split("\n"))
    out = f'<div dir="ltr">{esc}</div>'
    if rest.strip():
        lines = rest.strip("\n").split("\n")
        head = html_lib.escape(lines[0], quote=False)
        quoted_lines = "<br>".join(html_lib.escape(re.sub(r"^(?:> ?)+", "", ln), quote=False) for ln in lines[1:])
        out += (
            f'<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">{head}<br></div>'
            f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
            f'rgb(204,204,204);padding-left:1ex">{quoted_lines}</blockquote></div>'
        )
    return f"<html><head></head><body>{out}</body></html>"


def _html_to_text(html: str) -> str:
    """A plain rendering of ``html`` written for this harness: blocks and ``<br>`` become
    lines, table cells are separated by tabs, blockquote lines get ``> ``."""
    h = re.sub(r"(?is)<(head|style|script)\b.*?</\1>", "", html)
    h = re.sub(r"(?i)<br\s*/?>", "\n", h)
    h = re.sub(r"(?i)<blockquote\b[^>]*>", "\n\x01", h)
    h = re.sub(r"(?i)</blockquote>", "\x02\n", h)
    h = re.sub(r"(?i)</(p|div|tr|h\d|li|table)>", "\n", h)
    h = re.sub(r"(?i)</t[dh]>", "\t", h)
    h = re.sub(r"<[^>]+>", "", h)
    h = html_lib.unescape(h)
    out, depth = [], 0
    for line in h.split("\n"):
        depth += line.count("\x01")
        clean = line.replace("\x01", "").replace("\x02", "").replace("\u00a0", " ")
        clean = re.sub(r"[ \t]+$", "", re.sub(r"^[ \t]+", "", clean))
        out.append(("> " * depth) + clean if depth else clean)
        depth -= line.count("\x02")
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return text + "\n"


def html_only(style: str) -> Transform:
    """The body as HTML only: a plain body rendered as Outlook or Gmail would; a case with both
    renderings keeps its own HTML."""

    def run(src: Source) -> dict[str, Any] | None:
        case = copy.deepcopy(src.case)
        text, html = case.get("body_text"), case.get("body_html")
        if not text:
            return None
        if not html:
            render = text_to_outlook_html if style == "outlook" else text_to_gmail_html
            html = render(text, src.quoted)
        elif style != "outlook":
            return None
        case["body_html"], case["body_text"] = html, None
        return case

    return run


def both_renderings(src: Source) -> dict[str, Any] | None:
    """Both renderings: a plain body gains its Outlook HTML, an HTML body its plain text."""
    case = copy.deepcopy(src.case)
    text, html = case.get("body_text"), case.get("body_html")
    if text and html:
        return None
    if text:
        case["body_html"] = text_to_outlook_html(text, src.quoted)
    else:
        case["body_text"] = _html_to_text(html or "")
    return case


def text_only(src: Source) -> dict[str, Any] | None:
    """The body as plain text only (an HTML-only body rendered by this harness)."""
    case = copy.deepcopy(src.case)
    html = case.get("body_html")
    if not html:
        return None
    if not case.get("body_text"):
        case["body_text"] = _html_to_text(html)
    case["body_html"] = None
    return case


_TOTAL_LINE = re.compile(r"^(?P<label>[^\d\n]{3,60}?)[:\t ]+(?P<fig>[^\n]*\d[^\n]*?)[ \t]*$", re.MULTILINE)


def table_html(src: Source) -> dict[str, Any] | None:
    """A plain body whose total stands on a line of its own ("Offener Betrag: 1.234,56 €")
    as HTML only, that line a table row: the figure alone in a ``<td>``, the currency in the
    header cell."""
    text = src.case.get("body_text")
    if not text or src.case.get("body_html") or src.amount <= 0:
        return None
    reply, _rest = _reply_split(text, src.quoted)
    pattern = mutate._amount_pattern(src.amount, html=False)
    for m in _TOTAL_LINE.finditer(reply):
        fig = m.group("fig")
        number = pattern.search(fig)
        if number is None or re.sub(rf"\s*{_CUR}\s*", "", fig.replace(number.group(0), "")).strip():
            continue  # the line holds more than the figure and its currency
        code = src.currency or "EUR"
        header = {"de": "Betrag in", "nl": "Bedrag in", "fr": "Montant en", "it": "Importo in", "es": "Importe en"}
        head = f"{header.get(src.language, 'Amount in')} {code}"
        table = (
            "<table border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>"
            f"<tr><td><p class=MsoNormal><b>&nbsp;</b></p></td><td><p class=MsoNormal><b>{head}</b></p></td></tr>"
            f"<tr><td><p class=MsoNormal>{html_lib.escape(m.group('label').strip())}</p></td>"
            f"<td style='text-align:right'><p class=MsoNormal>{number.group(0)}</p></td></tr></table>"
        )
        marker = "\x00TABLE\x00"
        marked = text[: m.start()] + marker + text[m.end() :]
        html = text_to_outlook_html(marked, src.quoted)
        at = html.find(marker)
        if at < 0:
            return None
        p_start, p_end = html.rfind("<p class=MsoNormal>", 0, at), html.find("</p>", at) + 4
        case = copy.deepcopy(src.case)
        case["body_html"], case["body_text"] = html[:p_start] + table + html[p_end:], None
        return case
    return None


# the thread -----------------------------------------------------------------------------------

_DATE = "30.11.2026"
HEADERS: dict[str, str] = {
    "outlook_de": "Von: {n} <{e}>\nGesendet: Montag, 30. November 2026 10:15\nAn: {to}\nBetreff: {s}",
    "outlook_en": "From: {n} <{e}>\nSent: Monday, November 30, 2026 10:15 AM\nTo: {to}\nSubject: {s}",
    "outlook_nl": "Van: {n} <{e}>\nVerzonden: maandag 30 november 2026 10:15\nAan: {to}\nOnderwerp: {s}",
    "outlook_fr": "De : {n} <{e}>\nEnvoyé : lundi 30 novembre 2026 10:15\nÀ : {to}\nObjet : {s}",
    "outlook_it": "Da: {n} <{e}>\nInviato: lunedì 30 novembre 2026 10:15\nA: {to}\nOggetto: {s}",
    "outlook_es": "De: {n} <{e}>\nEnviado el: lunes, 30 de noviembre de 2026 10:15\nPara: {to}\nAsunto: {s}",
    "outlook_sv": "Från: {n} <{e}>\nSkickat: den 30 november 2026 10:15\nTill: {to}\nÄmne: {s}",
    "outlook_da": "Fra: {n} <{e}>\nSendt: 30. november 2026 10:15\nTil: {to}\nEmne: {s}",
    "outlook_fi": "Lähettäjä: {n} <{e}>\nLähetetty: maanantai 30. marraskuuta 2026 10.15\nVastaanottaja: {to}\nAihe: {s}",
    "original_de": "-----Ursprüngliche Nachricht-----\nVon: {n} <{e}>\nGesendet: Montag, 30. November 2026 10:15\n"
    "An: {to}\nBetreff: {s}",
    "original_en": "-----Original Message-----\nFrom: {n} [mailto:{e}]\nSent: 30 November 2026 10:15\nTo: {to}\n"
    "Subject: {s}",
    "fused_de": "Von: {n} <{e}> Gesendet: Montag, 30. November 2026 10:15 An: {to} Betreff: {s}",
    "fused_en": "From: {n} <{e}> Sent: Monday, November 30, 2026 10:15 AM To: {to} Subject: {s}",
    "apple_de": "> Am 30.11.2026 um 10:15 schrieb {n} <{e}>:",
    "apple_en": "> On 30 Nov 2026, at 10:15, {n} <{e}> wrote:",
    "apple_nl": "> Op 30 nov. 2026 om 10:15 heeft {n} <{e}> het volgende geschreven:",
    "gmail_de": "Am Mo., 30. Nov. 2026 um 10:15 Uhr schrieb {n} <{e}>:",
    "gmail_en": "On Mon, 30 Nov 2026 at 10:15, {n} <{e}> wrote:",
    "gmail_fr": "Le lun. 30 nov. 2026 à 10:15, {n} <{e}> a écrit :",
    "gmail_es": "El lun, 30 nov 2026 a las 10:15, {n} (<{e}>) escribió:",
    "gmail_it": "Il giorno lun 30 nov 2026 alle ore 10:15 {n} <{e}> ha scritto:",
    "gmail_sv": "Den mån 30 nov. 2026 kl 10:15 skrev {n} <{e}>:",
    "thunderbird_de": "Am 30.11.26 um 10:15 schrieb {n}:",
    "thunderbird_en": "On 30/11/2026 10:15, {n} wrote:",
}

_PREFIX = re.compile(r"^(?:\s*(?:AW|RE|Re|SV|Antw|R|TR|WG|Fwd|FW|Fw|VS|Rif|RV|Doorst)\s?:\s*)+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _split_header(rest: str) -> tuple[str, str]:
    """(header block, quoted body) of the history below the reply; the header is the lines up
    to a blank line, a ``>`` line or the end of a "… wrote:" line, when they look like a quote
    header (else the header is empty)."""
    stripped = rest.lstrip("\n")
    lines = stripped.split("\n")
    n = 0
    while n < len(lines) and n < 8 and lines[n].strip() and not lines[n].startswith(">"):
        n += 1
        if re.search(r"(?i)(schrieb|wrote|schreef|geschreven|écrit|scritto|escribió|skrev)\s?:\s*$", lines[n - 1]):
            break
    block, body = "\n".join(lines[:n]), "\n".join(lines[n:]).lstrip("\n")
    looks = 0 < n < 8 and ":" in block
    if looks and (_EMAIL.search(block) or re.search(r"(?i)-{3,}|schrieb|wrote|schreef|écrit|scritto|escribió", block)):
        return block, body
    return "", stripped


_SUBJECT_LINE = re.compile(
    r"(?:Betreff|Subject|Onderwerp|Objet|Oggetto|Asunto|Ämne|Emne|Aihe|Assunto)\s?:\s*(?P<s>[^\n]+)", re.IGNORECASE
)


def _quoted_subject(head: str) -> str | None:
    """The subject line of the original quote header (it may carry the office's file number)."""
    m = _SUBJECT_LINE.search(head)
    return m.group("s").strip() if m else None


def _office_letter(src: Source) -> str | None:
    """The office's letter the creditor answered, when the case quotes none: it names the
    client and the stored claim amount (never the reply's total)."""
    if src.stored is None or src.stored == src.amount or not src.client:
        return None
    figure = mutate.format_amount(src.stored, *_style(src))
    if src.language == "de":
        return (
            f"Sehr geehrte Damen und Herren,\n\nwir vertreten {src.client} im Rahmen einer Schuldenbereinigung. "
            f"Nach unseren Unterlagen beträgt Ihre Forderung {figure}. Bitte teilen Sie uns den aktuellen "
            "Forderungsstand mit.\n\nMit freundlichen Grüßen\nSchuldnerberatung Nord e.V.\n"
        )
    return (
        f"Dear Sir or Madam,\n\nwe act for {src.client} in a debt settlement. According to our records your claim "
        f"is {figure}. Please let us know the current balance.\n\nKind regards\nSchuldnerberatung Nord e.V.\n"
    )


def _office_subject(src: Source) -> str:
    """The office's subject the reply answered, from the reply's own (prefixes removed): a
    figure the creditor put in its subject ("SV: Lån 88120441 – restgjeld kr 24 890,00") was
    never in the office's letter, so the part that states it is left out."""
    subject = _PREFIX.sub("", src.case.get("subject") or "").strip()
    if mutate.amount_span(subject, src.amount, len(subject)) is None:
        return subject
    kept = [p for p in re.split(r"\s[–-]\s", subject) if mutate.amount_span(p, src.amount, len(p)) is None]
    return " – ".join(kept)


def requote(client: str) -> Transform:
    """The same reply with the office's letter quoted below a quote header of ``client``
    (``HEADERS``); "wrote"-style headers quote the letter with ``> ``. Plain bodies only."""

    def run(src: Source) -> dict[str, Any] | None:
        text = src.case.get("body_text")
        if not text or src.case.get("body_html"):
            return None
        reply, rest = _reply_split(text, src.quoted)
        if rest.strip():
            head, body = _split_header(rest)
        else:
            head, body = "", _office_letter(src) or ""
            if not body:
                return None
        email = _EMAIL.search(head)
        name_m = re.search(r"(?:Von|From|Van|De|Da|Från|Fra)\s?:\s*\"?([^<\"\n]+?)\"?\s*[<\[]", head)
        name = name_m.group(1).strip() if name_m else "Schuldnerberatung Nord e.V."
        subject = _quoted_subject(head) or _office_subject(src)
        header = HEADERS[client].format(
            n=name, e=email.group(0) if email else "beratung@sb-nord.example", to=src.case.get("from_email"), s=subject
        )
        if header.startswith("> "):  # Apple Mail quotes the header line as well
            body = "\n".join(ln if ln.startswith(">") else f"> {ln}".rstrip() for ln in body.split("\n"))
        elif not header.startswith(("Von", "From", "Van", "De ", "De:", "Da", "Fr", "Lä", "---")):
            body = "\n".join(ln if ln.startswith(">") else f"> {ln}".rstrip() for ln in body.split("\n"))
        case = copy.deepcopy(src.case)
        case["body_text"] = f"{reply.rstrip()}\n\n{header}\n\n{body}"
        return case

    return run


FORWARD = {
    "de": (
        "Zur Info – siehe unten.\n\nGruß\nThomas Klein",
        "WG: ",
        "-----Ursprüngliche Nachricht-----",
        ("Von", "Gesendet", "An", "Betreff"),
        "Donnerstag, 3. Dezember 2026 11:02",
    ),
    "en": (
        "FYI, see below.\n\nThanks\nTom Klein",
        "FW: ",
        "-----Original Message-----",
        ("From", "Sent", "To", "Subject"),
        "Thursday, December 3, 2026 11:02 AM",
    ),
}


def forwarded(colleague_sender: bool) -> Transform:
    """Forwarded once more by a colleague of the same creditor ("FYI, see below") with an
    Outlook forward header; ``colleague_sender``: the mail comes from the colleague's address
    at the creditor's domain."""

    def run(src: Source) -> dict[str, Any] | None:
        note, prefix, sep, labels, when = FORWARD["de" if src.language == "de" else "en"]
        sender = src.case.get("from_email") or ""
        domain = sender.partition("@")[2]
        if not domain:
            return None
        colleague = f"t.klein@{domain}"
        subject = src.case.get("subject") or ""
        values = (f"{src.case.get('from_name') or ''} <{sender}>", when, colleague, subject)
        head_text = "\n".join(f"{label}: {value}" for label, value in zip(labels, values, strict=True))
        head_html = "<br>".join(
            f"<b>{label}:</b> {html_lib.escape(value, quote=False)}"
            for label, value in zip(labels, values, strict=True)
        )
        note_html = "<br>".join(html_lib.escape(line) for line in note.split("\n"))

        def in_text(text: str) -> str:
            return f"{note}\n\n{sep}\n{head_text}\n\n{text}"

        def in_html(html: str) -> str:
            fragment = (
                f"<div><p class=MsoNormal>{note_html}</p><div style='border:none;border-top:solid #E1E1E1 1.0pt;"
                f"padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal>{head_html}</p></div></div>"
            )
            return _top_of_html(html, fragment)

        case = _with(src, in_text, in_html)
        if case is None:
            return None
        case["subject"] = prefix + subject
        if colleague_sender:
            case["from_email"], case["from_name"] = colleague, "Thomas Klein"
        return case

    return run


TICKET_MARKERS = {
    "zendesk_de": "##- Bitte geben Sie Ihre Antwort über dieser Zeile ein. -##",
    "zendesk_en": "##- Please type your reply above this line -##",
    "freshdesk": "Please reply above this line",
}


def ticket_marker(marker: str) -> Transform:
    """A ticket system's reply marker above the creditor's text."""

    def run(src: Source) -> dict[str, Any] | None:
        line = TICKET_MARKERS[marker]
        return _with(src, lambda t: f"{line}\n\n{t}", lambda h: _top_of_html(h, f"<p>{html_lib.escape(line)}</p>"))

    return run


# the subject ----------------------------------------------------------------------------------

SUBJECT_PREFIXES = ("AW: ", "RE: ", "SV: ", "Antw: ", "R: ", "TR: ", "WG: ", "Fwd: ", "Re: AW: ", "RE: RE: ")


def subject_prefix(prefix: str) -> Transform:
    """Another reply/forward prefix in front of the subject (its own prefixes removed)."""

    def run(src: Source) -> dict[str, Any] | None:
        subject = src.case.get("subject") or ""
        case = copy.deepcopy(src.case)
        case["subject"] = prefix + _PREFIX.sub("", subject)
        return case if case["subject"] != subject else None

    return run


REF_LABEL = {
    "de": ("Unser Zeichen", "Ihr Zeichen"),
    "en": ("Our ref", "Your ref"),
    "nl": ("Ons kenmerk", "Uw kenmerk"),
    "fr": ("Notre référence", "Votre référence"),
    "it": ("Nostro riferimento", "Vostro riferimento"),
    "es": ("Nuestra referencia", "Su referencia"),
    "sv": ("Vår referens", "Er referens"),
    "da": ("Vores ref.", "Jeres ref."),
    "no": ("Vår ref.", "Deres ref."),
    "fi": ("Viitteemme", "Viitteenne"),
}


def _refs(src: Source) -> list[str]:
    return [str(r) for r in src.case["expected"].get("creditor_references") or [] if r]


def ref_into_subject(src: Source) -> dict[str, Any] | None:
    """The creditor's references the subject lacks appended to it ("… – Unser Zeichen X")."""
    subject = src.case.get("subject") or ""
    missing = [r for r in _refs(src) if r not in subject]
    if not missing:
        return None
    case = copy.deepcopy(src.case)
    ours, _yours = _lang(src, REF_LABEL)
    case["subject"] = f"{subject} – {ours} {', '.join(missing)}".strip(" –")
    return case


def ref_out_of_subject(src: Source) -> dict[str, Any] | None:
    """The creditor's references moved from the subject into a reference line above the
    greeting ("Unser Zeichen: X")."""
    subject = src.case.get("subject") or ""
    present = [r for r in _refs(src) if r in subject]
    if not present:
        return None
    new_subject = subject
    for ref in present:  # the reference and a label word right before it ("Vertragskonto", "Az.:", "Nr.")
        label = r"(?:(?:[\w-]*(?:nr|nummer|konto|zeichen|ref|kenmerk|number|no|account)\.?|Az|#)[.:]?\s*)?"
        new_subject = re.sub(label + re.escape(ref), "", new_subject, count=1, flags=re.IGNORECASE)
    new_subject = re.sub(r"[\s,;:/|–-]+$", "", re.sub(r"\s{2,}", " ", new_subject)).strip()
    ours, _yours = _lang(src, REF_LABEL)
    line = f"{ours}: {', '.join(present)}"
    case = _with(src, lambda t: f"{line}\n\n{t}", lambda h: _top_of_html(h, f"<p>{html_lib.escape(line)}</p>"))
    if case is None:
        return None
    case["subject"] = new_subject
    return case


# the families ---------------------------------------------------------------------------------

FAMILIES: dict[str, dict[str, Transform]] = {
    "surface": {
        "rewrap": rewrap,
        "crlf": crlf,
        "more_blank": more_blank_lines,
        "fewer_blank": fewer_blank_lines,
        "nbsp": nbsp,
        "tabs": tabs,
        "typo": typo,
    },
    "greeting": {f"greeting{i}": greeting(i) for i in range(3)} | {f"closing{i}": closing(i) for i in range(2)},
    "noise": {
        "footer": _below_signature(FOOTER),
        "disclaimer": _below_signature(DISCLAIMER),
        "marketing": _below_signature(MARKETING),
        "page": _below_signature(PAGES),
        "date_line": date_line,
        "payment_past": _paragraph_first(PAYMENT_PAST, Decimal("50.00")),
        "instalment": _paragraph_first(INSTALMENT, Decimal("50.00"), owed_only=True),
    },
    "amount_format": {
        s: amount_style(s)
        for s in ("sym_after", "code_before", "code_after", "sym_before", "narrow", "thin", "nogroup", "dash")
    },
    "rendering": {
        "html_outlook": html_only("outlook"),
        "html_gmail": html_only("gmail"),
        "both": both_renderings,
        "text_only": text_only,
        "table": table_html,
    },
    "quote_header": {name: requote(name) for name in HEADERS},
    "forward": {
        "fwd_same_sender": forwarded(False),
        "fwd_colleague": forwarded(True),
        **{name: ticket_marker(name) for name in TICKET_MARKERS},
    },
    "subject": {p.strip().replace(" ", ""): subject_prefix(p) for p in SUBJECT_PREFIXES}
    | {"ref_into": ref_into_subject, "ref_out": ref_out_of_subject},
}
